import type { ApiToken } from '@rentledger/contracts';
import { notifications } from '@mantine/notifications';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
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
    <ConfirmModal
      opened={token !== null}
      onClose={close}
      title="Revoke API token?"
      message={
        <>
          Anything using <strong>{token?.name}</strong> (<span className="rl-mono">{token?.prefix}…</span>) will stop working immediately. This
          cannot be undone.
        </>
      }
      error={revoke.isError ? describeError(revoke.error) : null}
      cancelLabel="Keep token"
      confirmLabel="Revoke token"
      confirmColor="red"
      confirming={revoke.isPending}
      onConfirm={confirm}
    />
  );
}
