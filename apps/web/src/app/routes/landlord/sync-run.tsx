import type { SyncRun } from '@rentledger/contracts';
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconCircleX, IconFileImport, IconSettings, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useSyncRun } from '../../../features/integration/api/get-sync-run.ts';
import { isActiveRun } from '../../../features/integration/api/get-sync-runs.ts';
import { SyncRunCounts } from '../../../features/integration/components/sync-run-counts.tsx';
import { rowErrorsTitle, storedErrorsNote, SyncRunCreatedPlaces } from '../../../features/integration/components/sync-run-created-places.tsx';
import { SyncRunErrorsTable } from '../../../features/integration/components/sync-run-errors-table.tsx';
import { SyncRunProgress } from '../../../features/integration/components/sync-run-progress.tsx';
import { SYNC_FORMAT_LABELS, SYNC_TRIGGER_LABELS, SyncRunStatusBadge } from '../../../features/integration/components/sync-run-status-badge.tsx';
import { forgetReview, reviewToReturnTo } from '../../../features/review/components/review-return.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { formatDateTime, pluralize } from '../../../lib/format.ts';
import { propertyKeys, residentKeys, syncRunKeys, taskKeys } from '../../../lib/query-keys.ts';
import { NotFoundRoute } from '../not-found.tsx';

const crumbs = [
  { label: 'Accounting', to: '/app/accounting' },
  { label: 'History', to: '/app/accounting?tab=history' },
];

function titleOf(run: SyncRun): string {
  if (run.sourceName) return `Import of ${run.sourceName}`;
  return `${run.format ? SYNC_FORMAT_LABELS[run.format] : 'Accounting'} sync`;
}

function describeRun(run: SyncRun): string {
  const who = run.createdBy ? ` by ${run.createdBy.name}` : '';
  const format = run.format && run.sourceName ? ` · ${SYNC_FORMAT_LABELS[run.format]}` : '';
  return `${SYNC_TRIGGER_LABELS[run.trigger]}${who}, ${formatDateTime(run.startedAt ?? run.createdAt)}${format}`;
}

/** What a row number points at differs by source: a spreadsheet line, or the nth customer of a MITS document. */
function rowNumbering(format: SyncRun['format']): string {
  if (format === 'csv') return 'Row numbers are as in a spreadsheet: the header is row 1.';
  if (format === 'mits' || format === 'yardi') return "Row numbers count the customers in the file in order, applicants included; each reason starts with the customer's ID.";
  return 'Row numbers count the records in the order the accounting system sent them.';
}

function Outcome({ run }: { run: SyncRun }) {
  if (isActiveRun(run)) return null;
  if (run.status === 'failed') {
    return (
      <Alert color="red" variant="light" icon={<IconCircleX size={20} />} title="The sync failed" data-testid="sync-run-message">
        {run.message ?? 'Nothing was changed by the rows that were not reached.'}
      </Alert>
    );
  }
  if (run.counts.problems > 0) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Done, with rows to fix" data-testid="sync-run-message">
        {run.message ?? `${pluralize(run.counts.errors, 'row')} could not be imported (${pluralize(run.counts.problems, 'problem')}).`} Fix them in your accounting system and import again; rows already
        imported are not duplicated.
      </Alert>
    );
  }
  return (
    <Alert color="brand" variant="light" icon={<IconCircleCheck size={20} />} title="Done" data-testid="sync-run-message">
      {run.message ?? 'Every row was imported.'}
    </Alert>
  );
}

export default function SyncRunRoute() {
  const { syncRunId = '' } = useParams();
  const run = useSyncRun(syncRunId);
  const queryClient = useQueryClient();
  // Came here from a review ("upload the latest rent roll"): lead back to it once the run is done.
  const [reviewing] = useState(reviewToReturnTo);

  // Once the run is done, what it changed shows everywhere: residents, tasks, history.
  const status = run.data?.status;
  const active = run.data ? isActiveRun(run.data) : false;
  useEffect(() => {
    if (status !== 'succeeded' && status !== 'failed') return;
    void queryClient.invalidateQueries({ queryKey: residentKeys.all });
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    void queryClient.invalidateQueries({ queryKey: syncRunKeys.list() });
    void queryClient.invalidateQueries({ queryKey: propertyKeys.all });
  }, [status, queryClient]);

  if (run.isPending) return <LoadingState label="Loading sync run…" />;
  if (run.isError) {
    if (isApiError(run.error) && (run.error.status === 404 || run.error.status === 400)) return <NotFoundRoute inLayout />;
    return (
      <>
        <PageHeader title="Sync run" breadcrumbs={crumbs} />
        <ErrorState error={run.error} onRetry={() => void run.refetch()} />
      </>
    );
  }
  const data = run.data;

  return (
    <>
      <PageHeader
        title={titleOf(data)}
        documentTitle="Sync run"
        description={describeRun(data)}
        breadcrumbs={crumbs}
        actions={<SyncRunStatusBadge run={data} size="lg" />}
      />
      <Stack gap="lg">
        <Card p={{ base: 'md', sm: 'lg' }}>
          <SyncRunProgress run={data} />
        </Card>
        <Outcome run={data} />
        {/* A run that failed before reading anything has nothing to count. */}
        {(data.status !== 'failed' || data.progress.processed > 0 || Object.values(data.counts).some((count) => count > 0)) && <SyncRunCounts run={data} />}
        <SyncRunCreatedPlaces run={data} />
        {data.errors.length > 0 && (
          <Card p={0} component="section" aria-labelledby="row-errors-title">
            <Stack gap={2} p="md" pb={0}>
              <Title order={2} fz="lg" id="row-errors-title">
                {rowErrorsTitle(data)}
              </Title>
              <Text size="sm" c="dimmed">
                {rowNumbering(data.format)} These rows were skipped; every other row was imported. {storedErrorsNote(data)}
              </Text>
            </Stack>
            <SyncRunErrorsTable errors={data.errors} />
          </Card>
        )}
        {!active && (
          <Group gap="sm">
            {reviewing && (
              <Button
                component={Link}
                to={`/app/residents/${reviewing.residentId}/review`}
                variant="light"
                leftSection={<IconArrowLeft size={16} />}
                onClick={forgetReview}
              >
                Back to reviewing {reviewing.name}
              </Button>
            )}
            <Button component={Link} to="/app/residents" leftSection={<IconUsers size={16} />}>
              See residents
            </Button>
            {data.sourceName ? (
              <Button component={Link} to="/app/accounting" variant="default" leftSection={<IconFileImport size={16} />}>
                Import another file
              </Button>
            ) : (
              <Button component={Link} to="/app/accounting?tab=settings" variant="default" leftSection={<IconSettings size={16} />}>
                Accounting settings
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </>
  );
}
