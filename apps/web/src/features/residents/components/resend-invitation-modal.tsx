import type { Resident } from '@rentledger/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeError } from '../../../lib/form-errors.ts';
import { useResendInvitation } from '../api/resend-invitation.ts';

/** Asks before resending: the link in the earlier email stops working. */
export function ResendInvitationModal({ resident, onClose }: { resident: Resident | null; onClose: () => void }) {
  const resend = useResendInvitation();

  const close = () => {
    resend.reset();
    onClose();
  };

  const confirm = () => {
    if (!resident?.invitation) return;
    const name = `${resident.firstName} ${resident.lastName}`.trim();
    resend.mutate(resident.invitation.id, {
      onSuccess: () => {
        notifications.show({ color: 'brand', title: 'Invitation sent', message: `${name} will receive a new invitation at ${resident.email ?? 'their email address'}.` });
        close();
      },
    });
  };

  return (
    <Modal opened={resident !== null} onClose={close} title="Resend invitation?">
      <Stack gap="md">
        <Text size="sm">
          A new invitation email goes to <strong>{resident?.email}</strong> for{' '}
          <strong>
            {resident?.firstName} {resident?.lastName}
          </strong>
          . The link in any earlier invitation stops working.
        </Text>
        {resend.isError && (
          <Alert color="red" variant="light" role="alert">
            {describeError(resend.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button onClick={confirm} loading={resend.isPending}>
            Resend invitation
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
