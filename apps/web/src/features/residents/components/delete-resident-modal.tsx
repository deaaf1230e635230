import type { Resident } from '@rentledger/contracts';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { humanizeTimestamps } from '../../../lib/format.ts';
import { useDeleteResident } from '../api/delete-resident.ts';
import { fullName } from './residents-table.tsx';

type Deletable = Pick<Resident, 'id' | 'firstName' | 'lastName' | 'status' | 'email'>;

/** Asks before deleting a pending or invited resident, naming them. */
export function DeleteResidentModal({ resident, onClose, onDeleted }: { resident: Deletable | null; onClose: () => void; onDeleted?: () => void }) {
  const remove = useDeleteResident();
  const name = resident ? fullName(resident) : '';

  const close = () => {
    remove.reset();
    onClose();
  };

  const confirm = () => {
    if (!resident) return;
    remove.mutate(resident.id, {
      onSuccess: () => {
        notifications.show({ color: 'brand', title: 'Resident deleted', message: `${name} was deleted.` });
        close();
        onDeleted?.();
      },
    });
  };

  return (
    <ConfirmModal
      opened={resident !== null}
      onClose={close}
      title={`Delete ${name}?`}
      message={
        <>
          {resident?.status === 'invited' ? (
            <>
              <strong>{name}</strong> will no longer be invited: the link in their invitation email stops working.
            </>
          ) : (
            <>
              <strong>{name}</strong>’s sign-up is removed and no longer waits for your review. They are not approved and not emailed.
            </>
          )}{' '}
          Do this for people who no longer live at your property. The audit log keeps a record.
        </>
      }
      error={remove.isError ? humanizeTimestamps(describeError(remove.error)) : null}
      confirmLabel="Delete resident"
      confirmColor="red"
      confirmIcon={<IconTrash size={16} />}
      confirming={remove.isPending}
      onConfirm={confirm}
    />
  );
}
