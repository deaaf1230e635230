import type { PaymentAlert } from '@rentledger/contracts';
import { Anchor, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconChecks, IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { formatDateTime, formatMoney } from '../../../lib/format.ts';
import { usePaymentAlerts } from '../api/get-payment-alerts.ts';
import { useSendRentReminder } from '../api/send-rent-reminder.ts';
import { describeAlert, monthLabel, owedCents, placeOf, RESOLUTION_LABELS } from './alert-words.ts';
import { MarkPaidOutsideModal } from './mark-paid-outside-modal.tsx';

/** "$0.00 of $1,000.00 received"; a returned payment's amount first ("$425.00 returned"), the month's once analysed. */
function amounts(alert: PaymentAlert): string {
  const month = alert.dueCents === null ? null : `${formatMoney(alert.receivedCents ?? 0)} of ${formatMoney(alert.dueCents)} received`;
  if (alert.kind !== 'returned') return month ?? '';
  return month ? `${formatMoney(alert.amountCents)} returned; ${month}` : `${formatMoney(alert.amountCents)} returned`;
}

function WhatIsWrong({ alert }: { alert: PaymentAlert }) {
  return (
    <Text size="sm" fw={600} data-testid="alert-words">
      {describeAlert(alert)}
    </Text>
  );
}

type Actions = { onRemind: (alert: PaymentAlert) => void; onMarkPaid: (alert: PaymentAlert) => void };

function AlertActions({ alert, onRemind, onMarkPaid }: { alert: PaymentAlert } & Actions) {
  const month = monthLabel(alert.month);
  return (
    <Group gap="xs" wrap="wrap" justify="flex-end">
      <Button size="xs" variant="light" leftSection={<IconMailForward size={14} />} onClick={() => onRemind(alert)} aria-label={`Send reminder to ${alert.residentName} for ${month}`}>
        Send reminder
      </Button>
      <Button size="xs" variant="default" leftSection={<IconCash size={14} />} onClick={() => onMarkPaid(alert)} aria-label={`Mark paid outside for ${alert.residentName}, ${month}`}>
        Mark paid outside
      </Button>
    </Group>
  );
}

/**
 * Payments needing attention: months past their grace unpaid or short, and payments the bank returned, each with
 * "Send reminder" (emails and notifies the resident, once a day) and "Mark paid outside". An item clears itself
 * when the month is paid, marked paid outside, or the lease ends; "Resolved" lists those.
 */
export function PaymentAlertsList() {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const alerts = usePaymentAlerts(status);
  const remind = useSendRentReminder();
  const [reminding, setReminding] = useState<PaymentAlert | null>(null);
  const [marking, setMarking] = useState<PaymentAlert | null>(null);
  const items = alerts.data?.pages.flatMap((page) => page.items) ?? [];
  const open = status === 'open';

  const closeReminder = () => {
    remind.reset();
    setReminding(null);
  };
  const sendReminder = () => {
    if (!reminding) return;
    remind.mutate(
      { residentId: reminding.residentId, month: reminding.month },
      {
        onSuccess: (sent) => {
          notifications.show({ color: 'brand', title: 'Reminder sent', message: `${reminding.residentName} was emailed at ${sent.sentTo}.` });
          closeReminder();
        },
      },
    );
  };

  return (
    <Card p={{ base: 0, sm: 'lg' }} component="section" aria-labelledby="payment-alerts-title">
      <Group justify="space-between" p={{ base: 'md', sm: 0 }} mb={{ base: 0, sm: 'md' }} gap="sm">
        <Title order={2} fz="lg" id="payment-alerts-title">
          {open ? 'Needing attention' : 'Resolved'}
        </Title>
        <SegmentedControl
          aria-label="Which payments"
          value={status}
          onChange={(value) => setStatus(value as 'open' | 'resolved')}
          data={[
            { value: 'open', label: 'Needing attention' },
            { value: 'resolved', label: 'Resolved' },
          ]}
        />
      </Group>
      {alerts.isPending ? (
        <LoadingState label="Loading payments needing attention…" />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : items.length === 0 ? (
        <EmptyPanel
          order={3}
          icon={<IconChecks size={26} />}
          title={open ? 'Nothing needs your attention' : 'Nothing resolved yet'}
          description={open ? 'Every month past its grace period is paid, and no payment came back from the bank.' : 'Items appear here once they are paid, marked paid outside, or the lease ends.'}
          py="lg"
        />
      ) : (
        <Stack gap="md">
          <ResponsiveTable
            label={open ? 'Payments needing attention' : 'Resolved payments'}
            minWidth={860}
            phone={items.map((alert) => (
              <PhoneListItem key={alert.id}>
                <Stack gap={4} data-testid="payment-alert">
                  <Anchor component={Link} to={`/app/residents/${alert.residentId}`} fw={600} size="sm">
                    {alert.residentName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {placeOf(alert)} · {monthLabel(alert.month)}
                  </Text>
                  <WhatIsWrong alert={alert} />
                  <Text size="xs" c="dimmed">
                    {amounts(alert)}
                  </Text>
                  {open ? (
                    <AlertActions alert={alert} onRemind={setReminding} onMarkPaid={setMarking} />
                  ) : (
                    <Text size="xs">{alert.resolution ? RESOLUTION_LABELS[alert.resolution] : ''}{alert.resolvedAt ? `, ${formatDateTime(alert.resolvedAt)}` : ''}</Text>
                  )}
                </Stack>
              </PhoneListItem>
            ))}
          >
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Resident</Table.Th>
                  <Table.Th>Month</Table.Th>
                  <Table.Th>What is wrong</Table.Th>
                  <Table.Th>Amounts</Table.Th>
                  <Table.Th>{open ? <span>Actions</span> : 'Resolved'}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((alert) => (
                  <Table.Tr key={alert.id} data-testid="payment-alert-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/app/residents/${alert.residentId}`} fw={600} size="sm">
                        {alert.residentName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {placeOf(alert)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{monthLabel(alert.month)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <WhatIsWrong alert={alert} />
                      {alert.lastReminderAt && (
                        <Text size="xs" c="dimmed">
                          Reminder sent {formatDateTime(alert.lastReminderAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{amounts(alert)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {open ? (
                        <AlertActions alert={alert} onRemind={setReminding} onMarkPaid={setMarking} />
                      ) : (
                        <Text size="sm">
                          {alert.resolution ? RESOLUTION_LABELS[alert.resolution] : ''}
                          {alert.resolvedAt ? `, ${formatDateTime(alert.resolvedAt)}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ResponsiveTable>
          {alerts.hasNextPage && (
            <Group justify="center" pb={{ base: 'md', sm: 0 }}>
              <Button variant="default" onClick={() => void alerts.fetchNextPage()} loading={alerts.isFetchingNextPage}>
                Show more
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <ConfirmModal
        opened={reminding !== null}
        onClose={closeReminder}
        title={reminding ? `Send ${reminding.residentName} a reminder?` : 'Send a reminder?'}
        message={
          reminding
            ? `${reminding.residentName} is emailed and notified in RentLedger that ${formatMoney(owedCents(reminding))} of rent for ${monthLabel(reminding.month)} is still owed. One reminder a day per resident.`
            : ''
        }
        error={remind.isError ? describeError(remind.error) : null}
        confirmLabel="Send reminder"
        confirmIcon={<IconMailForward size={16} />}
        confirming={remind.isPending}
        onConfirm={sendReminder}
      />
      <MarkPaidOutsideModal key={marking?.id ?? 'none'} alert={marking} today={alerts.data?.pages[0]?.today ?? ''} onClose={() => setMarking(null)} />
    </Card>
  );
}
