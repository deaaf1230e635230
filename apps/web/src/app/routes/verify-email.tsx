import { Button, Stack } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { CardPage } from '../../components/card-page.tsx';
import { EmptyPanel } from '../../components/empty-panel.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { useVerifyEmail } from '../../features/auth/api/verify-email.ts';
import { homeFor } from '../../features/auth/roles.ts';
import { isApiError } from '../../lib/api-client.ts';
import { readFragmentToken, useSpendTokenOnce } from './token-link.ts';

/** The emailed confirmation link: confirms once, signs in, and goes home (where a match may already be approved). */
export default function VerifyEmailRoute() {
  useDocumentTitle('Confirm your email');
  const verify = useVerifyEmail();
  const navigate = useNavigate();
  const token = readFragmentToken();

  useSpendTokenOnce(token, (value) =>
    verify.mutate(value, {
      onSuccess: ({ session }) => {
        window.history.replaceState(null, '', window.location.pathname);
        void navigate(session ? homeFor(session.user.role) : '/sign-in', { replace: true, state: { emailConfirmed: true } });
      },
    }),
  );

  return (
    <CardPage>
    {!token || verify.isError ? (
      <EmptyPanel
        order={1}
        icon={<IconLinkOff size={30} stroke={1.6} />}
        title="This confirmation link does not work"
        description={
          isApiError(verify.error) && verify.error.code !== 'validation_failed'
            ? `${verify.error.message} Sign in, and use "Send the link again" on your home page.`
            : 'Open the link from the email again, and check that all of it was copied. Or sign in, and use "Send the link again" on your home page.'
        }
      >
        <Stack>
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
        </Stack>
      </EmptyPanel>
    ) : (
      <LoadingState label="Confirming your email…" />
    )}
    </CardPage>
  );
}
