import { PAYMENT_STATUSES, PAYMENT_STATUS_LABELS, type Payment, type PaymentStatus } from '@rentledger/contracts';
import { Button, Card, Grid, Group, Pagination, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBan, IconDownload, IconReceipt, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { DateField } from '../../../components/form-fields.tsx';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { formatCalendarDate, formatMoney, pluralize } from '../../../lib/format.ts';
import { type PaymentFilters, paymentsExportUrl, useCompanyPayments } from '../api/get-company-payments.ts';
import { useVoidPayment } from '../api/void-payment.ts';
import { PaymentStatusBadge } from './payment-status-badge.tsx';

const PAGE_SIZE = 50;

function VoidPaymentModal({ payment, onClose }: { payment: Payment | null; onClose: () => void }) {
  const voidPayment = useVoidPayment();
  const close = () => {
    voidPayment.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={payment !== null}
      onClose={close}
      title="Void this payment?"
      message={
        payment
          ? `${payment.residentName}'s ${formatMoney(payment.amountCents)} payment of ${formatCalendarDate(payment.scheduledFor)} is not debited. The resident is told.`
          : ''
      }
      error={voidPayment.isError ? describeError(voidPayment.error) : undefined}
      cancelLabel="Keep it"
      confirmLabel="Void payment"
      confirmColor="red"
      confirmIcon={<IconBan size={16} />}
      confirming={voidPayment.isPending}
      onConfirm={() => {
        if (!payment) return;
        voidPayment.mutate(payment.id, {
          onSuccess: () => {
            notifications.show({ color: 'brand', title: 'Payment voided', message: `${payment.residentName}'s ${formatMoney(payment.amountCents)} will not be debited.` });
            close();
          },
        });
      }}
    />
  );
}

const voidLabel = (payment: Payment) => `Void ${payment.residentName}'s ${formatMoney(payment.amountCents)} payment`;

const unit = (payment: Payment) => [payment.propertyName, payment.unitLabel ? `unit ${payment.unitLabel}` : null].filter(Boolean).join(', ') || '—';

/**
 * The company's payments: filters, the count and total they find, the table with Void, and the CSV of the same.
 * The page passes the company's properties (another feature's data) for the property filter.
 */
export function CompanyPayments({ properties = [] }: { properties?: { id: string; name: string }[] }) {
  const [status, setStatus] = useState<PaymentStatus | null>(null);
  const [propertyId, setPropertyId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [voiding, setVoiding] = useState<Payment | null>(null);
  const filters: PaymentFilters = { ...(status ? { status } : {}), ...(propertyId ? { propertyId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(q ? { q } : {}) };
  const payments = useCompanyPayments({ ...filters, page, pageSize: PAGE_SIZE });
  const refilter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="company-payments">
      <Stack gap="md">
        <Title order={2} fz="lg" id="company-payments">
          Payments
        </Title>
        <Grid gap="md" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
            <Select
              label="Status"
              placeholder="Any status"
              clearable
              data={PAYMENT_STATUSES.map((value) => ({ value, label: PAYMENT_STATUS_LABELS[value] }))}
              value={status}
              onChange={refilter((value: string | null) => setStatus(value as PaymentStatus | null))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <Select
              label="Property"
              placeholder="Every property"
              clearable
              searchable
              data={properties.map((property) => ({ value: property.id, label: property.name }))}
              value={propertyId}
              onChange={refilter(setPropertyId)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, lg: 2 }}>
            <DateField label="From" value={from} onChange={(event) => refilter(setFrom)(event.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, lg: 2 }}>
            <DateField label="To" value={to} onChange={(event) => refilter(setTo)(event.currentTarget.value)} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
            <TextInput
              label="Search"
              placeholder="Resident, unit or trace number"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(event) => refilter(setSearch)(event.currentTarget.value)}
            />
          </Grid.Col>
        </Grid>
        <Group justify="space-between" gap="sm">
          <Text size="sm" aria-live="polite" data-testid="payments-summary">
            {payments.data ? (
              <>
                <Text span fw={600} inherit>
                  {pluralize(payments.data.total, 'payment')}
                </Text>{' '}
                totalling{' '}
                <Text span fw={600} inherit>
                  {formatMoney(payments.data.totalCents)}
                </Text>
              </>
            ) : (
              ' '
            )}
          </Text>
          <Button component="a" href={paymentsExportUrl(filters)} download variant="default" leftSection={<IconDownload size={16} />}>
            Export CSV
          </Button>
        </Group>
        {payments.isPending ? (
          <LoadingState label="Loading payments…" />
        ) : payments.isError ? (
          <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />
        ) : payments.data.items.length === 0 ? (
          <EmptyPanel
            icon={<IconReceipt size={28} />}
            order={3}
            title={Object.keys(filters).length > 0 ? 'No payment matches these filters' : 'No payments yet'}
            description="Payments residents make online are listed here with their trace numbers."
          />
        ) : (
          <>
            <ResponsiveTable
              label="Payments"
              minWidth={760}
              phone={payments.data.items.map((payment) => (
                <PhoneListItem key={payment.id} aside={<PaymentStatusBadge status={payment.status} />}>
                  <Text fw={700} size="lg" className="rl-nowrap">
                    {formatMoney(payment.amountCents)}
                  </Text>
                  <Text size="sm" c="dimmed" className="rl-nowrap">
                    {formatCalendarDate(payment.scheduledFor)}
                  </Text>
                  <Text size="sm" fw={600} mt={4}>
                    {payment.residentName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {unit(payment)}
                    {payment.accountingResidentId ? ` · ${payment.accountingResidentId}` : ''}
                  </Text>
                  {payment.statusReason && (
                    <Text size="xs" c="dimmed">
                      {payment.statusReason}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    Trace number <span className="rl-mono">{payment.traceNumber ?? '—'}</span>
                  </Text>
                  {payment.cancellable && (
                    <Button fullWidth mt="xs" size="xs" variant="light" color="red" onClick={() => setVoiding(payment)} aria-label={voidLabel(payment)}>
                      Void
                    </Button>
                  )}
                </PhoneListItem>
              ))}
            >
              <Table verticalSpacing="sm" data-testid="company-payments-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Date</Table.Th>
                    <Table.Th scope="col">Resident</Table.Th>
                    <Table.Th scope="col">Unit</Table.Th>
                    <Table.Th scope="col">Amount</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Trace number</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {payments.data.items.map((payment) => (
                    <Table.Tr key={payment.id} data-testid="company-payment-row">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatCalendarDate(payment.scheduledFor)}</Table.Td>
                      <Table.Td>
                        {payment.residentName}
                        {payment.accountingResidentId && (
                          <Text size="xs" c="dimmed">
                            {payment.accountingResidentId}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{unit(payment)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMoney(payment.amountCents)}</Table.Td>
                      <Table.Td>
                        <PaymentStatusBadge status={payment.status} />
                        {payment.statusReason && (
                          <Text size="xs" c="dimmed" data-testid="company-payment-reason">
                            {payment.statusReason}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ff="monospace" fz="sm">
                        {payment.traceNumber ?? '—'}
                      </Table.Td>
                      <Table.Td ta="right">
                        {payment.cancellable && (
                          <Button size="xs" variant="subtle" color="red" onClick={() => setVoiding(payment)} aria-label={voidLabel(payment)}>
                            Void
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ResponsiveTable>
            {payments.data.total > PAGE_SIZE && (
              <Group justify="center">
                <Pagination total={Math.ceil(payments.data.total / PAGE_SIZE)} value={page} onChange={setPage} getControlProps={(control) => ({ 'aria-label': `${control} page` })} />
              </Group>
            )}
          </>
        )}
      </Stack>
      <VoidPaymentModal payment={voiding} onClose={() => setVoiding(null)} />
    </Card>
  );
}
