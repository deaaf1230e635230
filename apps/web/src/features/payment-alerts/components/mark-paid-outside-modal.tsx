import type { PaymentAlert } from '@rentledger/contracts';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { IconCash } from '@tabler/icons-react';
import { DateField, MoneyInput } from '../../../components/form-fields.tsx';
import { WideModal } from '../../../components/modal-scaffold.tsx';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { centsFromDollars, dollarsFromCents, formatMoney } from '../../../lib/format.ts';
import { useMarkPaidOutside } from '../api/mark-paid-outside.ts';
import { markDefaultCents, monthLabel } from './alert-words.ts';

type Values = { amount: number | ''; paidOn: string; note: string };

/**
 * "Mark paid outside" for the alert's month: the amount (what the month still owes, to start with; for a returned
 * payment at least what was returned), the day it was paid and a note. Audited; an overdue alert resolves at once
 * when its month is covered, a returned one when the money after the return reaches the returned amount.
 */
/** `today`: the company's calendar date (the list's answer); the server refuses a later day. */
export function MarkPaidOutsideModal({ alert, today, onClose }: { alert: PaymentAlert | null; today: string; onClose: () => void }) {
  const mark = useMarkPaidOutside();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { amount: alert ? dollarsFromCents(markDefaultCents(alert)) : '', paidOn: today, note: '' },
    validate: {
      amount: (value) => (centsFromDollars(value) ? null : 'Enter the amount paid'),
      paidOn: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'Required'),
      note: (value) => (value.length > 500 ? 'Keep the note under 500 characters' : null),
    },
  });
  const close = () => {
    mark.reset();
    setProblem(null);
    form.reset();
    onClose();
  };
  if (!alert) return null;
  const month = monthLabel(alert.month);
  const submit = form.onSubmit((values) => {
    setProblem(null);
    mark.mutate(
      { residentId: alert.residentId, body: { month: alert.month, amountCents: centsFromDollars(values.amount) ?? 0, paidOn: values.paidOn, ...(values.note.trim() ? { note: values.note.trim() } : {}) } },
      {
        onSuccess: () => {
          notifications.show({ color: 'brand', title: 'Marked paid outside', message: `${alert.residentName}: ${formatMoney(centsFromDollars(values.amount) ?? 0)} for ${month}.` });
          close();
        },
        onError: (error) => setProblem(applyApiErrors(form, error, ['amount', 'paidOn', 'note', 'month'], (path) => (path === 'amountCents' ? 'amount' : path))),
      },
    );
  });
  return (
    <WideModal opened onClose={close} title={`Mark ${month} paid outside RentLedger`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {alert.residentName} paid rent for {month} another way (cash, a check, a transfer). It counts toward the month and is kept in the audit log.
          </Text>
          {problem && (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          )}
          <MoneyInput label="Amount paid" required data-autofocus {...form.getInputProps('amount')} data-testid="paid-outside-amount" />
          <DateField label="Paid on" required max={today} {...form.getInputProps('paidOn')} data-testid="paid-outside-date" />
          <Textarea label="Note" description="Optional: how it was paid, a check number" autosize minRows={2} maxRows={5} maxLength={500} {...form.getInputProps('note')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconCash size={16} />} loading={mark.isPending}>
              Mark paid outside
            </Button>
          </Group>
        </Stack>
      </form>
    </WideModal>
  );
}
