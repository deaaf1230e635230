import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertTriangle, IconMailbox, IconRefresh, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { isMailboxMissing, useDevMailbox } from '../../../features/dev-mailbox/api/get-dev-mailbox.ts';
import { MailboxList } from '../../../features/dev-mailbox/components/mailbox-list.tsx';
import { pluralize } from '../../../lib/format.ts';

export default function DevMailboxRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const to = searchParams.get('to') ?? undefined;
  const [recipient, setRecipient] = useState(to ?? '');
  const mailbox = useDevMailbox(to);
  const applyRecipient = useDebouncedCallback((value: string) => setSearchParams(value.trim() ? { to: value.trim() } : {}, { replace: true }), 400);

  return (
    <>
      <PageHeader
        title="Dev mailbox"
        description="This server has no SMTP server configured, so emails stay in its outbox. The newest 100 are shown here."
        actions={
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => void mailbox.refetch()} loading={mailbox.isFetching && !mailbox.isPending}>
            Refresh
          </Button>
        }
      />
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />}>
          Opening an invitation link here and setting a password signs this browser in as that resident, ending your support session.
        </Alert>
        <Card p="md">
          <TextInput
            label="Recipient"
            description="The full email address, e.g. iris.rossi@example.com"
            placeholder="All recipients"
            leftSection={<IconSearch size={16} />}
            type="search"
            value={recipient}
            onChange={(event) => {
              setRecipient(event.currentTarget.value);
              applyRecipient(event.currentTarget.value);
            }}
            maw={{ sm: 420 }}
          />
        </Card>
        {mailbox.isPending ? (
          <LoadingState label="Loading emails…" />
        ) : mailbox.isError ? (
          isMailboxMissing(mailbox.error) ? (
            <Card p="xl">
              <EmptyPanel
                icon={<IconMailbox size={28} />}
                title="No dev mailbox on this server"
                description="This server sends its emails over SMTP, so they are not kept here. Look in the receiving mailbox instead."
              />
            </Card>
          ) : (
            <ErrorState error={mailbox.error} onRetry={() => void mailbox.refetch()} />
          )
        ) : mailbox.data.length === 0 ? (
          <Card p="xl">
            <EmptyPanel
              icon={<IconMailbox size={28} />}
              title={to ? `No emails to ${to}` : 'No emails yet'}
              description={to ? 'Check the address: it must match in full.' : 'Invitations, sync summaries and other emails appear here as they are written.'}
            />
          </Card>
        ) : (
          <Card p={0}>
            <Group justify="space-between" px={{ base: 'md', sm: 'lg' }} py="sm">
              <Text size="sm" c="dimmed">
                {pluralize(mailbox.data.length, 'email')}
                {to ? ` to ${to}` : ''}, newest first
              </Text>
            </Group>
            <MailboxList emails={mailbox.data} />
          </Card>
        )}
      </Stack>
    </>
  );
}
