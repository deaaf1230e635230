import { MAX_PAYMENT_STATS_MONTHS, type MonthStats, type PaymentStats } from '@rentledger/contracts';
import { Box, Button, Card, Grid, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { pluralize } from '../../../lib/format.ts';
import { usePaymentStats } from '../api/get-payment-stats.ts';
import { BarRowsChart, type BarRow } from './bar-rows-chart.tsx';
import { formatRate } from './bank-returns.tsx';
import { monthLabel } from './rent-history-chart.tsx';

/** The bar colour of the on-time rate: 4.9:1 on white. */
const RATE_COLOR = '#1971c2';
const LEVEL: Record<'ok' | 'warning' | 'over', { words: string; color: string }> = {
  ok: { words: 'within the limit', color: '#2b8a3e' },
  warning: { words: 'near the limit', color: '#d9480f' },
  over: { words: "over NACHA's limit", color: '#c92a2a' },
};
/** How many months back the range picker offers. */
const PICKER_MONTHS = 36;

function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
const span = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
const thisMonth = (now: Date) => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** The range's problem, named by the field to fix; null when the range can be asked for. */
export function rangeError(from: string, to: string): { field: 'from' | 'to'; message: string } | null {
  if (from > to) return { field: 'from', message: 'The first month comes after the last' };
  if (span(from, to) > MAX_PAYMENT_STATS_MONTHS) return { field: 'to', message: `At most ${MAX_PAYMENT_STATS_MONTHS} months at a time` };
  return null;
}

/** "83% · 10 of 12 months", or that no month was decided. */
export function rateValue(month: MonthStats): string {
  if (month.rate === null) return 'No month decided';
  return `${percent(month.rate)} · ${month.onTime + month.paidOutside} of ${month.decided}`;
}

/** The chart's name for a screen reader: the range, the rate over it, its lowest and highest month. */
export function onTimeSummary(months: MonthStats[], scope: string): string {
  const decided = months.filter((month) => month.rate !== null);
  const first = months[0]?.month;
  const last = months[months.length - 1]?.month;
  const range = first && last ? `${monthLabel(first)} to ${monthLabel(last)}` : 'no months';
  if (decided.length === 0) return `On-time rent by month, ${scope}, ${range}: no month decided yet`;
  const onTime = decided.reduce((sum, month) => sum + month.onTime + month.paidOutside, 0);
  const total = decided.reduce((sum, month) => sum + month.decided, 0);
  const lowest = decided.reduce((low, month) => ((month.rate ?? 1) < (low.rate ?? 1) ? month : low));
  const highest = decided.reduce((high, month) => ((month.rate ?? 0) > (high.rate ?? 0) ? month : high));
  return `On-time rent by month, ${scope}, ${range}: ${percent(onTime / total)} on time over the range (${onTime} of ${total} months decided); lowest ${percent(lowest.rate ?? 0)} in ${monthLabel(lowest.month)}, highest ${percent(highest.rate ?? 0)} in ${monthLabel(highest.month)}`;
}

function MonthTable({ months, id, caption }: { months: MonthStats[]; id: string; caption: string }) {
  return (
    <Box tabIndex={0} role="region" aria-label="On-time rent by month, as a table" style={{ overflowX: 'auto' }}>
      <Box miw={640}>
        <Table verticalSpacing="xs" id={id} data-testid="on-time-table">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Month</Table.Th>
              <Table.Th scope="col">On-time rate</Table.Th>
              <Table.Th scope="col">On time</Table.Th>
              <Table.Th scope="col">Paid outside</Table.Th>
              <Table.Th scope="col">Late</Table.Th>
              <Table.Th scope="col">Short</Table.Th>
              <Table.Th scope="col">Unpaid</Table.Th>
              <Table.Th scope="col">Decided</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {months.map((month) => (
              <Table.Tr key={month.month}>
                <Table.Th scope="row" fw={400}>
                  {monthLabel(month.month)}
                </Table.Th>
                <Table.Td>{month.rate === null ? 'None decided' : percent(month.rate)}</Table.Td>
                <Table.Td>{month.onTime}</Table.Td>
                <Table.Td>{month.paidOutside}</Table.Td>
                <Table.Td>{month.late}</Table.Td>
                <Table.Td>{month.insufficient}</Table.Td>
                <Table.Td>{month.unpaid}</Table.Td>
                <Table.Td>{month.decided}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Box>
  );
}

type ReturnRates = PaymentStats['returnRates'];
const RATE_KINDS: { key: 'unauthorized' | 'administrative' | 'overall'; label: string }[] = [
  { key: 'unauthorized', label: 'Unauthorized' },
  { key: 'administrative', label: 'Administrative' },
  { key: 'overall', label: 'Overall' },
];

/** Each return rate on a track to twice NACHA's threshold, the threshold marked halfway, the level in words. */
function ReturnRatesChart({ rates }: { rates: ReturnRates }) {
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  const rows: BarRow[] = RATE_KINDS.map(({ key, label }) => {
    const rate = rates[key];
    return {
      key,
      label,
      fraction: rate.rate / (rate.threshold * 2),
      color: LEVEL[rate.level].color,
      value: `${formatRate(rate.rate)} · ${LEVEL[rate.level].words}`,
      marker: { at: 0.5, label: `limit ${formatRate(rate.threshold)}` },
      testId: 'return-rate-bar',
      status: rate.level,
    };
  });
  const summary = `Return rates of the last ${rates.windowDays} days, ${pluralize(rates.debits, 'debit')}: ${RATE_KINDS.map(({ key, label }) => `${label.toLowerCase()} ${formatRate(rates[key].rate)} against a limit of ${formatRate(rates[key].threshold)}, ${LEVEL[rates[key].level].words}`).join('; ')}`;
  return (
    <Stack gap="xs" data-testid="return-rates-chart">
      <Title order={3} fz="md">
        Return rates, last {rates.windowDays} days
      </Title>
      <Text size="sm" c="dimmed">
        {pluralize(rates.debits, 'debit')} in bank files. The dashed line is NACHA's limit.
      </Text>
      <BarRowsChart rows={rows} summary={summary} testId="return-rates-svg" labelWidth={110} valueWidth={190} />
      <Group justify="flex-end">
        <Button variant="subtle" size="compact-sm" onClick={() => setAsTable((open) => !open)} aria-expanded={asTable} aria-controls={tableId}>
          {asTable ? 'Hide the table' : 'Show as table'}
        </Button>
      </Group>
      <Box hidden={!asTable} id={tableId}>
        {asTable && (
          <Table verticalSpacing="xs" data-testid="return-rates-figures">
            <Table.Caption>Return rates against NACHA's limits</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Returns</Table.Th>
                <Table.Th scope="col">Count</Table.Th>
                <Table.Th scope="col">Rate</Table.Th>
                <Table.Th scope="col">Limit</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {RATE_KINDS.map(({ key, label }) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row" fw={400}>
                    {label}
                  </Table.Th>
                  <Table.Td>{rates[key].count}</Table.Td>
                  <Table.Td>{formatRate(rates[key].rate)}</Table.Td>
                  <Table.Td>{formatRate(rates[key].threshold)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Box>
    </Stack>
  );
}

/**
 * The landlord's "On-time rent" panel: a month range (the last 12 months unless changed, at most 24), the on-time
 * rate per month as a bar chart for the company or one property, the same figures as a table on request, and
 * beside it the return rates against NACHA's thresholds.
 */
export function OnTimeRent({ now = new Date() }: { now?: Date }) {
  const current = thisMonth(now);
  const [from, setFrom] = useState(addMonths(current, -11));
  const [to, setTo] = useState(current);
  const [propertyId, setPropertyId] = useState('all');
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  const headingId = useId();
  const problem = rangeError(from, to);
  const stats = usePaymentStats({ from, to }, problem === null);
  const options = useMemo(() => Array.from({ length: PICKER_MONTHS }, (_, i) => addMonths(current, i - PICKER_MONTHS + 1)).map((month) => ({ value: month, label: monthLabel(month) })), [current]);
  const property = stats.data?.properties.find((row) => row.propertyId === propertyId);
  const scope = property ? property.name : 'all properties';
  const months = property ? property.months : (stats.data?.overall ?? []);
  const rows: BarRow[] = months.map((month) => ({ key: month.month, label: monthLabel(month.month), fraction: month.rate, color: RATE_COLOR, value: rateValue(month), testId: 'on-time-bar' }));

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId} data-testid="on-time-rent">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="lg" id={headingId}>
            On-time rent
          </Title>
          <Text size="sm" c="dimmed">
            The share of months paid in full by the end of the grace days (rent marked paid outside counts as on time). Months not due yet, and months before a resident joined, are left out.
          </Text>
        </Stack>
        <Group gap="sm" align="flex-start">
          <NativeSelect label="From" data={options} value={from} onChange={(event) => setFrom(event.currentTarget.value)} error={problem?.field === 'from' ? problem.message : undefined} w={140} />
          <NativeSelect label="To" data={options} value={to} onChange={(event) => setTo(event.currentTarget.value)} error={problem?.field === 'to' ? problem.message : undefined} w={140} />
          <NativeSelect
            label="Property"
            data={[{ value: 'all', label: 'All properties' }, ...(stats.data?.properties ?? []).map((row) => ({ value: row.propertyId, label: row.name }))]}
            value={propertyId}
            onChange={(event) => setPropertyId(event.currentTarget.value)}
            w={{ base: '100%', xs: 240 }}
          />
        </Group>
        {problem ? null : stats.isPending ? (
          <LoadingState label="Loading the on-time rent…" />
        ) : stats.isError ? (
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
        ) : (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="xs">
                <Title order={3} fz="md">
                  On-time rate by month: {scope}
                </Title>
                <BarRowsChart rows={rows} summary={onTimeSummary(months, scope)} testId="on-time-chart" valueWidth={130} />
                <Group justify="flex-end">
                  <Button variant="subtle" size="compact-sm" onClick={() => setAsTable((open) => !open)} aria-expanded={asTable} aria-controls={tableId}>
                    {asTable ? 'Hide the table' : 'Show as table'}
                  </Button>
                </Group>
                <Box hidden={!asTable} id={tableId}>
                  {asTable && <MonthTable months={months} id={`${tableId}-table`} caption={`On-time rent by month: ${scope}`} />}
                </Box>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <ReturnRatesChart rates={stats.data.returnRates} />
            </Grid.Col>
          </Grid>
        )}
      </Stack>
    </Card>
  );
}
