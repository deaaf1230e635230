import { Button, Center, Paper, Stack } from '@mantine/core';
import { IconLinkOff, IconMailCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { EmptyPanel } from '../../components/empty-panel.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { useConfirmEmailChange } from '../../features/account/api/confirm-email-change.ts';
import { isApiError } from '../../lib/api-client.ts';
import { readFragmentToken } from './token-link.ts';

/** The link sent to a new address: confirms once; the account signs in with that address from now on. */
export default function ConfirmEmailChangeRoute() {
  useDocumentTitle('Confirm your new email');
  const confirm = useConfirmEmailChange();
  const started = useRef(false);
  const token = readFragmentToken();

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    confirm.mutate(token, { onSuccess: () => window.history.replaceState(null, '', window.location.pathname) });
  }, [token, confirm]);

  return (
    <Center mih="100dvh" p={{ base: 'sm', sm: 'md' }} style={{ background: 'var(--mantine-color-gray-0)' }}>
      <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} maw={520} w="100%" component="main">
        <Center mb="lg">
          <Brand />
        </Center>
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
      </Paper>
    </Center>
  );
}
