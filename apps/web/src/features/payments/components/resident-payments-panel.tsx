import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { formatCalendarDate, formatMoney, possessive } from '../../../lib/format.ts';
import { useCompanyPayments } from '../api/get-company-payments.ts';
import { useResidentBankAccounts } from '../api/get-resident-bank-accounts.ts';
import { BankAccountStatusBadge, PaymentStatusBadge } from './payment-status-badge.tsx';
import { RentHistory } from './rent-history.tsx';

/**
 * A resident's bank accounts and latest payments on the landlord's resident page: each account's last 4 and state
 * (a locked one says why), and the payments with their status and trace number.
 */
export function ResidentPaymentsPanel({ residentId, firstName }: { residentId: string; firstName: string }) {
  const accounts = useResidentBankAccounts(residentId);
  const payments = useCompanyPayments({ residentId, page: 1, pageSize: 10 });
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="resident-payments">
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={2} fz="lg" id="resident-payments">
            Bank accounts and payments
          </Title>
          <Anchor component={Link} to="/app/payments" size="sm" className="rl-link-target">
            All payments
          </Anchor>
        </Group>
        <RentHistory residentId={residentId} as="staff" title={`${possessive(firstName)} rent, month by month`} />
        {accounts.isPending ? (
          <LoadingState label="Loading bank accounts…" />
        ) : accounts.isError ? (
          <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : accounts.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {firstName} has not added a bank account yet.
          </Text>
        ) : (
          <Stack gap="xs" data-testid="resident-bank-accounts">
            {accounts.data.map((account) => (
              <Group key={account.id} gap="sm" wrap="wrap">
                <Text size="sm" fw={600}>
                  {account.accountType === 'checking' ? 'Checking' : 'Savings'} ending {account.last4}
                </Text>
                <BankAccountStatusBadge status={account.status} />
                {account.statusReason && (
                  <Text size="sm" c="dimmed">
                    {account.statusReason}
                  </Text>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {payments.isPending ? (
          <LoadingState label="Loading payments…" />
        ) : payments.isError ? (
          <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />
        ) : payments.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No payments from {firstName} yet.
          </Text>
        ) : (
          <ResponsiveTable
            label={`${possessive(firstName)} latest payments`}
            minWidth={520}
            phone={payments.data.items.map((payment) => (
              <PhoneListItem key={payment.id} aside={<PaymentStatusBadge status={payment.status} />}>
                <Text fw={700} size="lg" className="rl-nowrap">
                  {formatMoney(payment.amountCents)}
                </Text>
                <Text size="sm" c="dimmed" className="rl-nowrap">
                  {formatCalendarDate(payment.effectiveDate ?? payment.scheduledFor)}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  Trace number <span className="rl-mono">{payment.traceNumber ?? '–'}</span>
                </Text>
              </PhoneListItem>
            ))}
          >
            <Table verticalSpacing="xs" aria-label={`${possessive(firstName)} latest payments`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Amount</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Trace number</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {payments.data.items.map((payment) => (
                  <Table.Tr key={payment.id}>
                    <Table.Td>{formatCalendarDate(payment.effectiveDate ?? payment.scheduledFor)}</Table.Td>
                    <Table.Td>{formatMoney(payment.amountCents)}</Table.Td>
                    <Table.Td>
                      <PaymentStatusBadge status={payment.status} />
                    </Table.Td>
                    <Table.Td ff="monospace">{payment.traceNumber ?? '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ResponsiveTable>
        )}
      </Stack>
    </Card>
  );
}
