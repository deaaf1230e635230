import type { SyncRun } from '@rentledger/contracts';
import { Badge, Loader } from '@mantine/core';

type Status = SyncRun['status'];

export const SYNC_STATUS_LABELS: Record<Status, string> = { queued: 'Queued', running: 'Running', succeeded: 'Done', failed: 'Failed' };
const COLORS: Record<Status, string> = { queued: 'gray', running: 'blue', succeeded: 'brand', failed: 'red' };

export const SYNC_TRIGGER_LABELS: Record<SyncRun['trigger'], string> = {
  manual: 'Sync Now',
  upload: 'File upload',
  approval: 'Resident approval',
  schedule: 'Daily sync',
};

export const SYNC_FORMAT_LABELS: Record<NonNullable<SyncRun['format']>, string> = {
  csv: 'CSV rent roll',
  mits: 'MITS XML',
  buildium: 'Buildium',
  yardi: 'Yardi Voyager',
};

/** "Done" when every row went in; "Done with errors" when some rows were refused. */
export function SyncRunStatusBadge({ run, size = 'md' }: { run: Pick<SyncRun, 'status' | 'counts'>; size?: 'sm' | 'md' | 'lg' }) {
  const withErrors = run.status === 'succeeded' && run.counts.problems > 0;
  return (
    <Badge
      variant="light"
      size={size}
      radius="sm"
      tt="none"
      className="rl-nowrap"
      color={withErrors ? 'orange' : COLORS[run.status]}
      leftSection={run.status === 'running' ? <Loader size={10} color="blue" /> : undefined}
      data-testid="sync-run-status"
      // Never squeezed into an ellipsis by a narrow table column.
      style={{ minWidth: 'max-content' }}
    >
      {withErrors ? 'Done with errors' : SYNC_STATUS_LABELS[run.status]}
    </Badge>
  );
}

/** "maple-rent-roll.csv" for uploads, the provider's name for API syncs. */
export function syncSource(run: Pick<SyncRun, 'sourceName' | 'format'>): string {
  if (run.sourceName) return run.sourceName;
  return run.format ? SYNC_FORMAT_LABELS[run.format] : 'Accounting system';
}

/** "7 created · 0 updated · 2 rows in error (3 problems)" and the rest only when they are not zero. */
export function countsSummary(counts: SyncRun['counts']): string {
  const parts = [`${counts.created.toLocaleString('en-US')} created`, `${counts.updated.toLocaleString('en-US')} updated`];
  if (counts.unchanged) parts.push(`${counts.unchanged.toLocaleString('en-US')} unchanged`);
  if (counts.invited) parts.push(`${counts.invited.toLocaleString('en-US')} invited`);
  if (counts.finished) parts.push(`${counts.finished.toLocaleString('en-US')} lease ended`);
  if (counts.propertiesCreated) parts.push(`${counts.propertiesCreated.toLocaleString('en-US')} ${counts.propertiesCreated === 1 ? 'property' : 'properties'} added`);
  if (counts.unitsCreated) parts.push(`${counts.unitsCreated.toLocaleString('en-US')} ${counts.unitsCreated === 1 ? 'unit' : 'units'} added`);
  const rows = `${counts.errors.toLocaleString('en-US')} ${counts.errors === 1 ? 'row' : 'rows'} in error`;
  // Only said apart when they differ: one row may have several problems, and a problem of the whole file names no row.
  parts.push(counts.problems === counts.errors ? rows : `${rows} (${counts.problems.toLocaleString('en-US')} ${counts.problems === 1 ? 'problem' : 'problems'})`);
  return parts.join(' · ');
}
