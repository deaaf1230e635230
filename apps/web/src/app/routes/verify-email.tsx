import { Button, Center, Paper, Stack } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { EmptyPanel } from '../../components/empty-panel.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { useVerifyEmail } from '../../features/auth/api/verify-email.ts';
import { homeFor } from '../../features/auth/roles.ts';
import { isApiError } from '../../lib/api-client.ts';
import { readFragmentToken } from './token-link.ts';

/** The emailed confirmation link: confirms once, signs in, and goes home (where a match may already be approved). */
export default function VerifyEmailRoute() {
  useDocumentTitle('Confirm your email');
  const verify = useVerifyEmail();
  const navigate = useNavigate();
  const started = useRef(false);
  const token = readFragmentToken();

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    verify.mutate(token, {
      onSuccess: ({ session }) => {
        window.history.replaceState(null, '', window.location.pathname);
        void navigate(session ? homeFor(session.user.role) : '/sign-in', { replace: true, state: { emailConfirmed: true } });
      },
    });
  }, [token, verify, navigate]);

  return (
    <Center mih="100dvh" p={{ base: 'sm', sm: 'md' }} style={{ background: 'var(--mantine-color-gray-0)' }}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} maw={520} w="100%" component="main">
        <Center mb="lg">
          <Brand />
        </Center>
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
      </Paper>
    </Center>
  );
}
