import type { SyncRun } from '@rentledger/contracts';
import { Group, Progress, Stack, Text } from '@mantine/core';
import { pluralize } from '../../../lib/format.ts';
import { SYNC_FORMAT_LABELS } from './sync-run-status-badge.tsx';

function elapsed(run: SyncRun): string | null {
  if (!run.startedAt || !run.finishedAt) return null;
  const seconds = (new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime()) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return seconds < 60 ? `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** What the run is doing, in words, and how far along it is. */
function describe(run: SyncRun): { label: string; value: number; color: string; moving: boolean } {
  const { processed, total } = run.progress;
  const reading = run.sourceName ? 'Reading the file…' : `Reading from ${run.format ? SYNC_FORMAT_LABELS[run.format] : 'your accounting system'}…`;
  switch (run.status) {
    case 'queued':
      return { label: 'Waiting to start…', value: 100, color: 'gray.4', moving: true };
    case 'running':
      if (total === null) return { label: reading, value: 100, color: 'blue.4', moving: true };
      return {
        label: `${processed.toLocaleString('en-US')} of ${pluralize(total, 'row')} processed`,
        value: total === 0 ? 100 : Math.min(100, (processed / total) * 100),
        color: 'blue',
        moving: true,
      };
    case 'succeeded': {
      const rows = total ?? processed;
      const took = elapsed(run);
      return { label: `Done: ${pluralize(rows, 'row')} read${took ? ` in ${took}` : ''}`, value: 100, color: run.counts.problems > 0 ? 'orange' : 'brand', moving: false };
    }
    case 'failed':
      return {
        label: total ? `Stopped after ${processed.toLocaleString('en-US')} of ${pluralize(total, 'row')}` : 'Stopped before any row was read',
        value: total ? Math.min(100, (processed / total) * 100) : 100,
        color: 'red',
        moving: false,
      };
  }
}

export function SyncRunProgress({ run }: { run: SyncRun }) {
  const { label, value, color, moving } = describe(run);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500} data-testid="sync-run-progress-label" aria-live="polite">
          {label}
        </Text>
        {run.status === 'running' && run.progress.total !== null && run.progress.total > 0 && (
          <Text size="sm" c="dimmed">
            {Math.round(value)}%
          </Text>
        )}
      </Group>
      <Progress
        value={value}
        color={color}
        size="lg"
        radius="xl"
        striped={moving}
        animated={moving}
        aria-label="Sync progress"
        transitionDuration={300}
      />
    </Stack>
  );
}
