import type { ResidentDetail } from '@rentledger/contracts';
import { Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDoorExit } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/form-errors.ts';
import { formatCalendarDate, possessive } from '../../../lib/format.ts';
import { useEndLease } from '../api/end-lease.ts';
import { fullName } from './residents-table.tsx';

type EndLeaseModalProps = { resident: ResidentDetail; opened: boolean; onClose: () => void };

/** Today on the reader's calendar ("YYYY-MM-DD"): the date field's starting value. The server decides by the company's. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

type Errors = { endDate?: string; reason?: string };

/** Checks before sending what the server would refuse, in the same words. */
function check(endDate: string, reason: string, leaseStart: string | null): Errors {
  const errors: Errors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate)) errors.endDate = 'Required';
  else if (leaseStart && endDate < leaseStart) errors.endDate = `The end date cannot be before the lease started (${formatCalendarDate(leaseStart)})`;
  if (reason.trim().length === 0) errors.reason = 'Required';
  else if (reason.trim().length < 3) errors.reason = 'Say why the lease ends (at least 3 characters)';
  return errors;
}

/**
 * "End lease": the last day and why. Today or an earlier day finishes the resident at once; a later day keeps
 * them approved until then. The resident, their lease and history stay; reminders stop.
 */
export function EndLeaseModal({ resident, opened, onClose }: EndLeaseModalProps) {
  const end = useEndLease(resident.id);
  const [endDate, setEndDate] = useState(localToday);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const dateRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const name = fullName(resident);

  const close = () => {
    end.reset();
    setErrors({});
    onClose();
  };

  const showErrors = (found: Errors) => {
    setErrors(found);
    // Focus the first field in error, so a keyboard or screen-reader user lands on what to fix.
    if (found.endDate) dateRef.current?.focus();
    else if (found.reason) reasonRef.current?.focus();
  };

  const confirm = () => {
    const found = check(endDate, reason, resident.leaseStart);
    if (found.endDate || found.reason) return showErrors(found);
    end.mutate(
      { endDate, reason: reason.trim() },
      {
        onSuccess: (updated) => {
          const scheduled = updated.leaseEnding?.scheduled;
          notifications.show({
            color: 'brand',
            title: scheduled ? 'Lease end scheduled' : 'Lease ended',
            message: scheduled ? `${possessive(name)} lease ends on ${formatCalendarDate(endDate)}.` : `${possessive(name)} lease ended on ${formatCalendarDate(endDate)}.`,
          });
          close();
        },
        onError: (failure) => {
          if (!isApiError(failure)) return;
          const fromServer: Errors = {};
          for (const detail of failure.fieldErrors) {
            if (detail.path === 'endDate' || detail.path === 'reason') fromServer[detail.path] ??= detail.message;
          }
          if (fromServer.endDate || fromServer.reason) showErrors(fromServer);
        },
      },
    );
  };

  const fieldError = isApiError(end.error) && end.error.fieldErrors.some((d) => d.path === 'endDate' || d.path === 'reason');
  return (
    <ConfirmModal
      opened={opened}
      onClose={close}
      title={`End ${possessive(name)} lease?`}
      message={
        <>
          On the end date {name} becomes <strong>Lease ended</strong>: a date of today or earlier takes effect at once, a later one keeps them approved until then.
          Their lease, payments and history stay on record, and reminders stop. The audit log keeps your reason.
        </>
      }
      error={end.isError && !fieldError ? describeError(end.error) : null}
      focusCancel={false}
      confirmLabel="End lease"
      confirmColor="red"
      confirmIcon={<IconDoorExit size={16} />}
      confirming={end.isPending}
      onConfirm={confirm}
    >
      <TextInput
        ref={dateRef}
        type="date"
        label="Last day of the lease"
        description="The day the resident moves out or the lease ends"
        required
        value={endDate}
        min={resident.leaseStart ?? undefined}
        onChange={(event) => {
          setEndDate(event.currentTarget.value);
          setErrors((current) => ({ ...current, endDate: undefined }));
        }}
        error={errors.endDate}
        data-autofocus
        data-testid="end-lease-date"
      />
      <Textarea
        ref={reasonRef}
        label="Reason"
        description="For your staff and the audit log; the resident does not see it"
        placeholder="e.g. Moved out at the end of the lease"
        required
        autosize
        minRows={2}
        maxRows={6}
        maxLength={500}
        value={reason}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setErrors((current) => ({ ...current, reason: undefined }));
        }}
        error={errors.reason}
        data-testid="end-lease-reason"
      />
    </ConfirmModal>
  );
}
