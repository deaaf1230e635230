import type { RentPeriod } from '@rentledger/contracts';
import { Badge, Group, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { useRentPeriods } from '../api/get-rent-periods.ts';
import { RentHistoryChart } from './rent-history-chart.tsx';

const STATUS: Record<RentPeriod['status'], { label: string; color: string }> = {
  on_time: { label: 'On time', color: 'green' },
  paid_outside: { label: 'Paid outside', color: 'teal' },
  late: { label: 'Late', color: 'orange' },
  insufficient: { label: 'Short', color: 'red' },
  unpaid: { label: 'Unpaid', color: 'red' },
  not_due: { label: 'Not due yet', color: 'blue' },
  no_data: { label: 'Before RentLedger', color: 'gray' },
};

/** "Oct 2026". */
const monthName = (month: string) => new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

/** What a month's status means in words, for the tile and for a screen reader. */
export function describePeriod(period: RentPeriod): string {
  switch (period.status) {
    case 'late':
      return `${formatMoney(period.receivedCents)} received, ${period.daysLate} ${period.daysLate === 1 ? 'day' : 'days'} late`;
    case 'insufficient':
      return `${formatMoney(period.shortfallCents ?? 0)} short of ${formatMoney(period.dueCents)}`;
    case 'unpaid':
      return `${formatMoney(period.dueCents)} not paid (due ${formatCalendarDate(period.dueDate)})`;
    case 'not_due':
      return `${formatMoney(period.dueCents)} due ${formatCalendarDate(period.dueDate)}, grace to ${formatCalendarDate(period.graceEndsOn)}`;
    case 'no_data':
      return 'Before joining RentLedger: no record of ours';
    case 'paid_outside':
      return `${formatMoney(period.paidOutsideCents)} paid outside RentLedger`;
    default:
      return `${formatMoney(period.receivedCents)} received by ${formatCalendarDate(period.graceEndsOn)}`;
  }
}

/**
 * Month-by-month rent history: a chart of the months (rent-history-chart.tsx), then one tile per month of the
 * lease, its status in color and in words (a list, so a screen reader reads every month), and the on-time rate of
 * the months decided.
 */
export function RentHistory({ residentId, as, title = 'Rent history' }: { residentId: string; as: 'resident' | 'staff'; title?: string }) {
  const periods = useRentPeriods(residentId, as);
  const headingId = `rent-history-${residentId}`;
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="baseline">
        <Title order={3} fz="md" id={headingId}>
          {title}
        </Title>
        {periods.data?.onTimeRate !== null && periods.data?.onTimeRate !== undefined && (
          <Text size="sm" data-testid="on-time-rate">
            On time {Math.round(periods.data.onTimeRate * 100)}% of months
          </Text>
        )}
      </Group>
      {periods.isPending ? (
        <LoadingState label="Loading the rent history…" />
      ) : periods.isError ? (
        <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
      ) : periods.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No months of the lease yet.
        </Text>
      ) : (
        <>
          <RentHistoryChart periods={periods.data.items} />
          <SimpleGrid cols={{ base: 2, xs: 3, sm: 4, md: 6 }} spacing="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="rent-history">
            {periods.data.items.map((period) => (
              <Tooltip key={period.month} label={describePeriod(period)} withArrow>
                <Stack component="li" gap={4} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }} data-testid="rent-period" data-status={period.status}>
                  <Text size="sm" fw={600}>
                    {monthName(period.month)}
                  </Text>
                  <Badge variant="light" color={STATUS[period.status].color} radius="sm" tt="none" styles={{ label: { overflow: 'visible' } }}>
                    {STATUS[period.status].label}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {describePeriod(period)}
                  </Text>
                </Stack>
              </Tooltip>
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
