import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useEndSession } from '../api/end-session.ts';
import { useSessions } from '../api/get-sessions.ts';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The user's active sessions; any but this one can be signed out. */
export function SessionsList() {
  const sessions = useSessions();
  const end = useEndSession();
  if (sessions.isPending) return <LoadingState label="Loading your sessions…" />;
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Active sessions">
      {sessions.data.map((session) => (
        <Group key={session.id} component="li" justify="space-between" wrap="nowrap" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Stack gap={0}>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {session.device}
              </Text>
              {session.current && (
                <Badge size="sm" variant="light" color="brand">
                  This device
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {session.ip ?? 'Unknown address'} · signed in {when(session.createdAt)} · last seen {when(session.lastSeenAt)}
            </Text>
          </Stack>
          {!session.current && (
            <Button size="xs" variant="light" color="red" loading={end.isPending && end.variables === session.id} onClick={() => end.mutate(session.id)} aria-label={`Sign out ${session.device}, last seen ${when(session.lastSeenAt)}`}>
              Sign out
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}
