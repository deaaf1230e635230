import { Button, Stack } from '@mantine/core';
import { IconLinkOff, IconMailCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CardPage } from '../../components/card-page.tsx';
import { EmptyPanel } from '../../components/empty-panel.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { useConfirmEmailChange } from '../../features/account/api/confirm-email-change.ts';
import { isApiError } from '../../lib/api-client.ts';
import { readFragmentToken, useSpendTokenOnce } from './token-link.ts';

/** The link sent to a new address: confirms once; the account signs in with that address from now on. */
export default function ConfirmEmailChangeRoute() {
  useDocumentTitle('Confirm your new email');
  const confirm = useConfirmEmailChange();
  const token = readFragmentToken();

  useSpendTokenOnce(token, (value) => confirm.mutate(value, { onSuccess: () => window.history.replaceState(null, '', window.location.pathname) }));

  return (
    <CardPage>
    {confirm.isSuccess ? (
      <EmptyPanel order={1} icon={<IconMailCheck size={30} stroke={1.6} />} title="Your email is changed" description={`From now on, sign in with ${confirm.data.email}.`}>
        <Stack>
          <Button component={Link} to="/sign-in">
            Continue
          </Button>
        </Stack>
      </EmptyPanel>
    ) : !token || confirm.isError ? (
      <EmptyPanel
        order={1}
        icon={<IconLinkOff size={30} stroke={1.6} />}
        title="This link does not work"
        description={
          isApiError(confirm.error) && confirm.error.code !== 'validation_failed'
            ? `${confirm.error.message} Your email has not changed: sign in with your current one, and ask again from Your account.`
            : 'Open the link from the email again, and check that all of it was copied. Your email has not changed.'
        }
      >
        <Stack>
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
        </Stack>
      </EmptyPanel>
    ) : (
      <LoadingState label="Changing your email…" />
    )}
    </CardPage>
  );
}
