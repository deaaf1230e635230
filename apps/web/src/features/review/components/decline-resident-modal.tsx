import type { ResidentDetail } from '@rentledger/contracts';
import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { humanizeTimestamps } from '../../../lib/format.ts';
import { useDeclineResident } from '../api/decline-resident.ts';
import { alreadyDecidedMessage } from './review-decisions.ts';

/** Decline a sign-up with a reason the resident reads (by email and in the app). */
type DeclineResidentModalProps = {
  resident: ResidentDetail;
  opened: boolean;
  onClose: () => void;
  onDeclined: () => void;
  /** 409 already_decided: someone else approved, declined or deleted first. */
  onConflict: (message: string) => void;
};

export function DeclineResidentModal({ resident, opened, onClose, onDeclined, onConflict }: DeclineResidentModalProps) {
  const decline = useDeclineResident(resident.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const name = `${resident.firstName} ${resident.lastName}`.trim();

  const close = () => {
    decline.reset();
    setError(null);
    onClose();
  };

  const confirm = () => {
    if (reason.trim().length < 3) {
      setError('Tell the resident why');
      return;
    }
    decline.mutate(reason.trim(), {
      onSuccess: () => {
        close();
        onDeclined();
      },
      onError: (failure) => {
        const conflict = alreadyDecidedMessage(failure);
        if (conflict) onConflict(conflict);
      },
    });
  };

  return (
    <ConfirmModal
      opened={opened}
      onClose={close}
      title={`Decline ${name}?`}
      message={`${name} is told by email and in the app that you did not approve them, with your reason. They can sign up again with the right unit and lease.`}
      error={decline.isError ? humanizeTimestamps(describeError(decline.error)) : null}
      focusCancel={false}
      confirmLabel="Decline resident"
      confirmColor="red"
      confirming={decline.isPending}
      onConfirm={confirm}
    >
      <Textarea
        label="Reason"
        placeholder="e.g. We have no lease under this name at unit 5."
        autosize
        minRows={3}
        maxRows={8}
        maxLength={500}
        value={reason}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setError(null);
        }}
        error={error}
        data-autofocus
      />
    </ConfirmModal>
  );
}
