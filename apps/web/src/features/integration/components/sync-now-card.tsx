import type { IntegrationSettings } from '@rentledger/contracts';
import { Alert, Anchor, Button, Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnected, IconRefresh } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/form-errors.ts';
import { timezoneLabel } from '../../../lib/timezones.ts';
import { useStartSync } from '../api/start-sync.ts';
import { formatHour, isApiProvider, PROVIDER_LABELS } from './integration-settings-form.tsx';

/** Shown once an API connection is saved: when it syncs, and a button to sync now. */
export function SyncNowCard({ settings }: { settings: IntegrationSettings }) {
  const navigate = useNavigate();
  const sync = useStartSync();
  if (!isApiProvider(settings.provider)) return null;

  const details = isApiError(sync.error) ? (sync.error.details as { syncRunId?: unknown } | undefined) : undefined;
  const runningId = isApiError(sync.error) && sync.error.code === 'sync_in_progress' && typeof details?.syncRunId === 'string' ? details.syncRunId : null;

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Sync Now">
      <Stack gap="sm">
        <Group justify="space-between" gap="md">
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: '1 1 16rem' }}>
            <ThemeIcon variant="light" size={42} radius="md">
              <IconPlugConnected size={22} stroke={1.6} />
            </ThemeIcon>
            <div>
              <Text fw={600} size="sm">
                Connected to {PROVIDER_LABELS[settings.provider]}
              </Text>
              <Text size="sm" c="dimmed">
                {settings.syncHour === null
                  ? 'No daily sync: residents update when you press Sync Now.'
                  : `Syncs every day at ${formatHour(settings.syncHour)}, ${timezoneLabel(settings.timezone)} time.`}
              </Text>
            </div>
          </Group>
          <Button
            leftSection={<IconRefresh size={16} />}
            loading={sync.isPending}
            onClick={() => sync.mutate(undefined, { onSuccess: ({ syncRunId }) => void navigate(`/app/sync-runs/${syncRunId}`) })}
          >
            Sync Now
          </Button>
        </Group>
        {sync.isError && (
          <Alert color={runningId ? 'orange' : 'red'} variant="light" icon={<IconAlertTriangle size={20} />} role="alert">
            {runningId ? 'A sync is already running. ' : describeError(sync.error)}
            {runningId && (
              <Anchor component={Link} to={`/app/sync-runs/${runningId}`} size="sm" fw={600}>
                Watch its progress
              </Anchor>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
