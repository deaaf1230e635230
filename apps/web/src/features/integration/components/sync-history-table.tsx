import type { SyncRun } from '@rentledger/contracts';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { isActiveRun } from '../api/get-sync-runs.ts';
import { countsSummary, SYNC_FORMAT_LABELS, SYNC_TRIGGER_LABELS, SyncRunStatusBadge, syncSource } from './sync-run-status-badge.tsx';

const runPath = (run: SyncRun) => `/app/sync-runs/${run.id}`;
const startedAt = (run: SyncRun) => run.startedAt ?? run.createdAt;
const byWhom = (run: SyncRun) => run.createdBy?.name ?? (run.trigger === 'schedule' ? 'Daily schedule' : 'RentLedger');

/** The sync history, newest first; each run opens its page with the row errors. */
export function SyncHistoryTable({ runs }: { runs: SyncRun[] }) {
  return (
    <ResponsiveTable
      label="Sync runs"
      minWidth={760}
      phone={runs.map((run) => (
        <PhoneListItem key={run.id} aside={<SyncRunStatusBadge run={run} size="sm" />}>
          <Anchor component={Link} to={runPath(run)} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {syncSource(run)}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatDateTime(startedAt(run))} · {SYNC_TRIGGER_LABELS[run.trigger]} · {byWhom(run)}
          </Text>
          <Text size="xs" mt={2}>
            {isActiveRun(run) ? 'In progress…' : countsSummary(run.counts)}
          </Text>
        </PhoneListItem>
      ))}
    >
      <Table highlightOnHover data-testid="sync-history-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Results</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id} data-testid="sync-history-row">
              <Table.Td className="rl-nowrap">
                <Anchor component={Link} to={runPath(run)} size="sm" fw={600}>
                  {formatDateTime(startedAt(run))}
                </Anchor>
              </Table.Td>
              <Table.Td maw={280}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {syncSource(run)}
                </Text>
                <Text size="xs" c="dimmed">
                  {SYNC_TRIGGER_LABELS[run.trigger]}
                  {run.format && run.sourceName ? ` · ${SYNC_FORMAT_LABELS[run.format]}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <SyncRunStatusBadge run={run} size="sm" />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{isActiveRun(run) ? 'In progress…' : countsSummary(run.counts)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="rl-nowrap">
                  {byWhom(run)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ResponsiveTable>
  );
}
