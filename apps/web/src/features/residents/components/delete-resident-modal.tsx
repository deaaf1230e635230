import type { Resident } from '@rentledger/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
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
    <Modal opened={resident !== null} onClose={close} title={`Delete ${name}?`}>
      <Stack gap="md">
        <Text size="sm">
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
        </Text>
        {remove.isError && (
          <Alert color="red" variant="light" role="alert">
            {humanizeTimestamps(describeError(remove.error))}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button color="red" leftSection={<IconTrash size={16} />} onClick={confirm} loading={remove.isPending}>
            Delete resident
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
