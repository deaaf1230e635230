import type { SyncRun } from '@rentledger/contracts';
import { Alert, Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { IconCircleX } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../../lib/form-errors.ts';
import { useSyncRun } from '../api/get-sync-run.ts';
import { isActiveRun } from '../api/get-sync-runs.ts';
import { SyncRunProgress } from './sync-run-progress.tsx';

/** Polls a sync run started elsewhere (a review's "Synchronize"), shows its progress, and reports once, when it ends. */
export function SyncRunWatch({ syncRunId, onDone }: { syncRunId: string; onDone: (run: SyncRun) => void }) {
  const run = useSyncRun(syncRunId);
  const reported = useRef(false);
  const done = run.data && !isActiveRun(run.data) ? run.data : null;
  useEffect(() => {
    if (done && !reported.current) {
      reported.current = true;
      onDone(done);
    }
  }, [done, onDone]);

  if (run.isPending) {
    return (
      <Group gap="sm">
        <Loader size="sm" />
        <Text size="sm">Starting the sync…</Text>
      </Group>
    );
  }
  if (run.isError) {
    return (
      <Alert color="red" variant="light" role="alert">
        {describeError(run.error)}
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      <SyncRunProgress run={run.data} />
      {run.data.status === 'failed' && (
        <Alert color="red" variant="light" icon={<IconCircleX size={20} />} title="The sync failed">
          {run.data.message ?? 'Nothing was imported.'}{' '}
          <Anchor component={Link} to={`/app/sync-runs/${syncRunId}`} inherit>
            See the sync run
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
