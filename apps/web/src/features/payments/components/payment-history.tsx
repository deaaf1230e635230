import type { Payment } from '@rentledger/contracts';
import { Button, Card, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconReceipt, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { useCancelPayment } from '../api/cancel-payment.ts';
import { useMyPayments } from '../api/get-my-payments.ts';
import { PaymentStatusBadge } from './payment-status-badge.tsx';

function CancelPaymentModal({ payment, onClose }: { payment: Payment | null; onClose: () => void }) {
  const cancel = useCancelPayment();
  const close = () => {
    cancel.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={payment !== null}
      onClose={close}
      title="Cancel this payment?"
      message={payment ? `${formatMoney(payment.amountCents)} from the account ending ${payment.bankAccountLast4} on ${formatCalendarDate(payment.scheduledFor)} is not debited.` : ''}
      error={cancel.isError ? describeError(cancel.error) : undefined}
      cancelLabel="Keep it"
      confirmLabel="Cancel payment"
      confirmColor="red"
      confirmIcon={<IconX size={16} />}
      confirming={cancel.isPending}
      onConfirm={() => {
        if (!payment) return;
        cancel.mutate(payment.id, {
          onSuccess: () => {
            notifications.show({ color: 'brand', title: 'Payment cancelled', message: `${formatMoney(payment.amountCents)} will not be debited.` });
            close();
          },
        });
      }}
    />
  );
}

const cancelLabel = (payment: Payment) => `Cancel the ${formatMoney(payment.amountCents)} payment of ${formatCalendarDate(payment.scheduledFor)}`;

/** The resident's payments, newest first, with Cancel while a payment is not in a bank file yet. */
export function PaymentHistory() {
  const payments = useMyPayments();
  const [cancelling, setCancelling] = useState<Payment | null>(null);
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="payment-history">
      <Stack gap="md">
        <Title order={2} fz="lg" id="payment-history">
          Payment history
        </Title>
        {payments.isPending ? (
          <LoadingState label="Loading your payments…" />
        ) : payments.isError ? (
          <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />
        ) : payments.data.length === 0 ? (
          <EmptyPanel icon={<IconReceipt size={28} />} title="No payments yet" order={3} description="Payments you make here are listed with their status." />
        ) : (
          <ResponsiveTable
            label="Payment history"
            minWidth={640}
            phone={payments.data.map((payment) => (
              <PhoneListItem key={payment.id} aside={<PaymentStatusBadge status={payment.status} />}>
                <Text fw={700} size="lg" className="rl-nowrap">
                  {formatMoney(payment.amountCents)}
                </Text>
                {payment.statusReason && (
                  <Text size="xs" c="dimmed">
                    {payment.statusReason}
                  </Text>
                )}
                <Text size="sm" c="dimmed" className="rl-nowrap">
                  {formatCalendarDate(payment.scheduledFor)}
                </Text>
                {payment.propertyName && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {payment.propertyName}
                    {payment.unitLabel ? `, unit ${payment.unitLabel}` : ''}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  Account ••••{payment.bankAccountLast4}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  Trace number <span className="rl-mono">{payment.traceNumber ?? '—'}</span>
                </Text>
                {payment.cancellable && (
                  <Button fullWidth mt="xs" size="xs" variant="light" color="red" onClick={() => setCancelling(payment)} aria-label={cancelLabel(payment)}>
                    Cancel
                  </Button>
                )}
              </PhoneListItem>
            ))}
          >
            <Table verticalSpacing="sm" data-testid="payment-history-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Amount</Table.Th>
                  <Table.Th scope="col">Account</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Trace number</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {payments.data.map((payment) => (
                  <Table.Tr key={payment.id} data-testid="payment-row">
                    <Table.Td>
                      {formatCalendarDate(payment.scheduledFor)}
                      {payment.propertyName && (
                        <Text size="xs" c="dimmed">
                          {payment.propertyName}
                          {payment.unitLabel ? `, unit ${payment.unitLabel}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoney(payment.amountCents)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>••••{payment.bankAccountLast4}</Table.Td>
                    <Table.Td>
                      <PaymentStatusBadge status={payment.status} />
                      {payment.statusReason && (
                        <Text size="xs" c="dimmed">
                          {payment.statusReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {payment.traceNumber ?? '—'}
                    </Table.Td>
                    <Table.Td ta="right">
                      {payment.cancellable && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(payment)} aria-label={cancelLabel(payment)}>
                          Cancel
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ResponsiveTable>
        )}
      </Stack>
      <CancelPaymentModal payment={cancelling} onClose={() => setCancelling(null)} />
    </Card>
  );
}
