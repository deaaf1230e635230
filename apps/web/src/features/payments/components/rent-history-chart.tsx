import type { RentPeriod } from '@rentledger/contracts';
import { Box, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { formatMoney, pluralize } from '../../../lib/format.ts';
import { BarRowsChart, type BarRow } from './bar-rows-chart.tsx';

/** Each status's words and colour (on white: every colour at least 3:1, most above 4.5:1). */
export const PERIOD_STATUS: Record<RentPeriod['status'], { label: string; color: string }> = {
  on_time: { label: 'On time', color: '#2b8a3e' },
  paid_outside: { label: 'Paid outside', color: '#0b7285' },
  late: { label: 'Late', color: '#d9480f' },
  insufficient: { label: 'Short', color: '#862e9c' },
  unpaid: { label: 'Unpaid', color: '#c92a2a' },
  not_due: { label: 'Not due yet', color: '#1971c2' },
  no_data: { label: 'Before RentLedger', color: '#868e96' },
};
const ORDER: RentPeriod['status'][] = ['on_time', 'paid_outside', 'late', 'insufficient', 'unpaid', 'not_due', 'no_data'];

/** "Oct 2026". */
export const monthLabel = (month: string) => new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

/** The status in words and the money beside a month's bar: "Late 8 days · $1,000.00 of $1,000.00". */
export function periodValue(period: RentPeriod): string {
  const paid = `${formatMoney(period.receivedCents)} of ${formatMoney(period.dueCents)}`;
  switch (period.status) {
    case 'no_data':
      return 'Before RentLedger';
    case 'late':
      return `Late ${pluralize(period.daysLate ?? 0, 'day')} · ${paid}`;
    case 'paid_outside':
      return `Paid outside · ${formatMoney(period.paidOutsideCents)}`;
    default:
      return `${PERIOD_STATUS[period.status].label} · ${paid}`;
  }
}

/** The chart's name for a screen reader: the range and how many months had each status. */
export function rentHistorySummary(periods: RentPeriod[]): string {
  if (periods.length === 0) return 'Rent by month: no months yet';
  const counts = ORDER.flatMap((status) => {
    const count = periods.filter((period) => period.status === status).length;
    return count === 0 ? [] : [`${count} ${PERIOD_STATUS[status].label.toLowerCase()}`];
  });
  const first = periods[0]?.month ?? '';
  const last = periods[periods.length - 1]?.month ?? '';
  return `Rent by month, ${monthLabel(first)} to ${monthLabel(last)}: ${counts.join(', ')}`;
}

/**
 * The months of a lease as a chart: one bar per month, as long as the share of the rent received, coloured by its
 * status and labelled with the status in words and the money; a legend of the statuses shown; the same figures as
 * a table on request.
 */
export function RentHistoryChart({ periods }: { periods: RentPeriod[] }) {
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  const rows: BarRow[] = periods.map((period) => ({
    key: period.month,
    label: monthLabel(period.month),
    fraction: period.status === 'no_data' ? null : period.dueCents > 0 ? period.receivedCents / period.dueCents : period.status === 'on_time' ? 1 : 0,
    color: PERIOD_STATUS[period.status].color,
    value: periodValue(period),
    testId: 'rent-chart-bar',
    status: period.status,
  }));
  const shown = ORDER.filter((status) => periods.some((period) => period.status === status));
  return (
    <Stack gap="xs" data-testid="rent-history-chart">
      <BarRowsChart rows={rows} summary={rentHistorySummary(periods)} testId="rent-chart" valueWidth={250} />
      <Group justify="space-between" align="center" gap="xs">
        <Box component="ul" aria-label="Legend" data-testid="rent-chart-legend" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexWrap: 'wrap', gap: '4px 14px' }}>
          {shown.map((status) => (
            <Group key={status} component="li" gap={6} wrap="nowrap">
              <Box aria-hidden w={12} h={12} style={{ background: PERIOD_STATUS[status].color, borderRadius: 2, flex: 'none' }} />
              <Text size="sm">{PERIOD_STATUS[status].label}</Text>
            </Group>
          ))}
        </Box>
        <Button variant="subtle" size="compact-sm" onClick={() => setAsTable((open) => !open)} aria-expanded={asTable} aria-controls={tableId}>
          {asTable ? 'Hide the table' : 'Show as table'}
        </Button>
      </Group>
      <Box id={tableId} hidden={!asTable}>
        {asTable && (
          <Box tabIndex={0} role="region" aria-label="Rent by month, as a table" style={{ overflowX: 'auto' }}>
            <Box miw={480}>
              <Table verticalSpacing="xs" data-testid="rent-chart-table">
                <Table.Caption>Rent by month</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Month</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Due</Table.Th>
                    <Table.Th scope="col">Received</Table.Th>
                    <Table.Th scope="col">Days late</Table.Th>
                    <Table.Th scope="col">Short by</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {periods.map((period) => (
                    <Table.Tr key={period.month}>
                      <Table.Th scope="row" fw={400}>
                        {monthLabel(period.month)}
                      </Table.Th>
                      <Table.Td>{PERIOD_STATUS[period.status].label}</Table.Td>
                      <Table.Td>{period.status === 'no_data' ? '' : formatMoney(period.dueCents)}</Table.Td>
                      <Table.Td>{period.status === 'no_data' ? '' : formatMoney(period.receivedCents)}</Table.Td>
                      <Table.Td>{period.daysLate ?? ''}</Table.Td>
                      <Table.Td>{period.shortfallCents === null ? '' : formatMoney(period.shortfallCents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          </Box>
        )}
      </Box>
    </Stack>
  );
}
