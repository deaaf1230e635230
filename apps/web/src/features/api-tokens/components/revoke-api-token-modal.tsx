import type { ApiToken } from '@rentledger/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeError } from '../../../lib/form-errors.ts';
import { useRevokeApiToken } from '../api/revoke-api-token.ts';

/** Asks before revoking: integrations using the token stop working at once. */
export function RevokeApiTokenModal({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const revoke = useRevokeApiToken();

  const close = () => {
    revoke.reset();
    onClose();
  };

  const confirm = () => {
    if (!token) return;
    revoke.mutate(token.id, {
      onSuccess: () => {
        notifications.show({ color: 'brand', title: 'Token revoked', message: `“${token.name}” can no longer call the API.` });
        close();
      },
    });
  };

  return (
    <Modal opened={token !== null} onClose={close} title="Revoke API token?">
      <Stack gap="md">
        <Text size="sm">
          Anything using <strong>{token?.name}</strong> (<span className="rl-mono">{token?.prefix}…</span>) will stop working immediately. This
          cannot be undone.
        </Text>
        {revoke.isError && (
          <Alert color="red" variant="light" role="alert">
            {describeError(revoke.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Keep token
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending}>
            Revoke token
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
