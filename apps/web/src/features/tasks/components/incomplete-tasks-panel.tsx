import type { IntegrationKind, Tasks } from '@rentledger/contracts';
import { Badge, Box, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCashBanknoteOff, IconChecks, IconChevronRight, IconHelpCircle, IconIdBadge2, IconPlugConnectedX, IconUserCheck } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/query-state.tsx';
import { useTasks } from '../api/get-tasks.ts';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

type TaskRow = {
  key: keyof Tasks;
  label: (count: number) => string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  color: string;
  /** Where the landlord works through this task. */
  to?: string;
};

// Labels follow the help-center article landlords already know ("pending your review").
const TASK_ROWS: TaskRow[] = [
  {
    key: 'pendingReview',
    label: (count) => `${count === 1 ? 'resident' : 'residents'} pending your review`,
    icon: IconUserCheck,
    color: 'brand',
    to: '/app/residents?status=pending',
  },
  {
    key: 'missingAccountingId',
    label: (count) => `approved ${count === 1 ? 'resident' : 'residents'} with no accounting resident ID`,
    icon: IconIdBadge2,
    color: 'indigo',
    to: '/app/residents?missingAccountingId=true',
  },
  {
    key: 'syncErrors',
    label: (count) => `sync ${count === 1 ? 'error' : 'errors'} to review`,
    icon: IconAlertTriangle,
    color: 'orange',
    to: '/app/accounting?tab=history',
  },
  {
    key: 'paymentsNeedingAttention',
    label: (count) => `${count === 1 ? 'payment' : 'payments'} needing attention`,
    icon: IconCashBanknoteOff,
    color: 'red',
    to: '/app/payment-alerts',
  },
  {
    key: 'postingFailures',
    label: (count) => `${count === 1 ? 'posting' : 'postings'} to your accounting system failed`,
    icon: IconPlugConnectedX,
    color: 'red',
    to: '/app/accounting?tab=postings',
  },
  {
    key: 'supportRequests',
    label: (count) => `open support ${count === 1 ? 'request' : 'requests'}`,
    icon: IconHelpCircle,
    color: 'grape',
    to: '/app/support',
  },
];

const rowStyle = (done: boolean) => ({
  borderRadius: 'var(--mantine-radius-md)',
  border: '1px solid var(--mantine-color-default-border)',
  background: done ? 'transparent' : 'var(--mantine-color-gray-0)',
});

/**
 * The landlord's to-do list. The accounting-ID row only makes sense for companies whose books are
 * integrated, so it is hidden until the company is known to be integrated.
 */
export function IncompleteTasksPanel({ integrationKind }: { integrationKind: IntegrationKind | undefined }) {
  const tasks = useTasks();
  const rows = TASK_ROWS.filter((row) => row.key !== 'missingAccountingId' || (integrationKind !== undefined && integrationKind !== 'none'));
  const openCount = tasks.data ? rows.reduce((sum, row) => sum + tasks.data[row.key], 0) : 0;

  return (
    <Card p="lg" aria-labelledby="incomplete-tasks-title" component="section">
      <Group justify="space-between" mb="md">
        <Title order={2} fz="lg" id="incomplete-tasks-title">
          Incomplete Tasks
        </Title>
        {openCount > 0 && (
          <Badge variant="light" color="orange" size="lg" radius="sm" tt="none">
            {openCount} open
          </Badge>
        )}
      </Group>
      {tasks.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading tasks">
          {TASK_ROWS.map((row) => (
            <Skeleton key={row.key} h={44} />
          ))}
        </Stack>
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} title="We could not load your tasks" />
      ) : rows.every((row) => tasks.data[row.key] === 0) ? (
        <EmptyPanel
          order={3}
          icon={<IconChecks size={26} />}
          title="All caught up"
          description="No residents are waiting for you and nothing needs your attention right now."
          py="lg"
        />
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {rows.map((row) => {
            const count = tasks.data[row.key];
            const done = count === 0;
            const content = (
              <Group gap="sm" wrap="nowrap">
                <ThemeIcon variant="light" color={done ? 'gray' : row.color} size={34} radius="md">
                  <row.icon size={18} stroke={1.7} />
                </ThemeIcon>
                <Text size="sm" c={done ? 'dimmed' : undefined} style={{ flex: 1 }}>
                  <Text span fw={700} fz="md" mr={6} c={done ? 'dimmed' : 'var(--mantine-color-text)'}>
                    {count}
                  </Text>
                  {row.label(count)}
                </Text>
                {row.to && <IconChevronRight size={18} stroke={1.6} color="var(--mantine-color-dimmed)" aria-hidden="true" />}
              </Group>
            );
            return (
              <li key={row.key}>
                {row.to ? (
                  <Box component={Link} to={row.to} className="rl-task-link" display="block" p="sm" data-testid={`task-${row.key}`} style={rowStyle(done)}>
                    {content}
                  </Box>
                ) : (
                  <Box p="sm" data-testid={`task-${row.key}`} style={rowStyle(done)}>
                    {content}
                  </Box>
                )}
              </li>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
