import type { Resident } from '@rentledger/contracts';
import { notifications } from '@mantine/notifications';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
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
    <ConfirmModal
      opened={resident !== null}
      onClose={close}
      title="Resend invitation?"
      message={
        <>
          A new invitation email goes to <strong>{resident?.email}</strong> for{' '}
          <strong>
            {resident?.firstName} {resident?.lastName}
          </strong>
          . The link in any earlier invitation stops working.
        </>
      }
      error={resend.isError ? describeError(resend.error) : null}
      confirmLabel="Resend invitation"
      confirming={resend.isPending}
      onConfirm={confirm}
    />
  );
}
