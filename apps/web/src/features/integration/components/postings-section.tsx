import { type Posting, POSTING_STATUS_LABELS, POSTING_SYSTEM_LABELS, type PostingStatus } from '@rentledger/contracts';
import { Alert, Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDownload, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../../lib/format.ts';
import { usePostings } from '../api/get-postings.ts';
import { receiptsDownloadUrl, useReceiptDays } from '../api/get-receipt-days.ts';
import { useRetryPosting } from '../api/retry-posting.ts';

const STATUS_COLORS: Record<PostingStatus, string> = { waiting_for_id: 'indigo', pending: 'gray', posted: 'green', failed: 'red', cancelled: 'gray' };
const FILTERS = ['all', 'posted', 'pending', 'failed', 'waiting_for_id', 'cancelled'] as const;
type Filter = (typeof FILTERS)[number];

export function PostingStatusBadge({ status }: { status: PostingStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none">
      {POSTING_STATUS_LABELS[status]}
    </Badge>
  );
}

function RetryButton({ posting }: { posting: Posting }) {
  const retry = useRetryPosting();
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconRefresh size={14} />}
      loading={retry.isPending}
      aria-label={`Retry posting ${formatMoney(posting.amountCents)} for ${posting.resident.name}`}
      onClick={() =>
        retry.mutate(posting.id, {
          onSuccess: () => notifications.show({ color: 'green', message: `Posting for ${posting.resident.name} will be tried again within a minute` }),
          onError: (error) => notifications.show({ color: 'red', message: isApiError(error) ? error.message : 'The posting could not be retried' }),
        })
      }
    >
      Retry
    </Button>
  );
}

function detailOf(posting: Posting): string {
  if (posting.status === 'posted') return `Posted ${posting.postedAt ? formatDateTime(posting.postedAt) : ''}${posting.externalId ? ` · ID ${posting.externalId}` : ''}${posting.receiptsDay ? ` · receipts of ${formatCalendarDate(posting.receiptsDay)}` : ''}`;
  if (posting.status === 'waiting_for_id') return 'Posts once the resident has an accounting resident ID';
  if (posting.status === 'pending') return posting.lastError ? `Try ${posting.attempts} failed: ${posting.lastError}. Next try ${posting.nextAttemptAt ? formatDateTime(posting.nextAttemptAt) : 'soon'}` : 'Goes out within a minute';
  return posting.lastError ?? '';
}

function PostingsTable({ postings, caption }: { postings: Posting[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table verticalSpacing="sm" captionSide="top">
        <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Resident</Table.Th>
            <Table.Th scope="col">What</Table.Th>
            <Table.Th scope="col">Amount</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Detail</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Action</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {postings.map((posting) => (
            <Table.Tr key={posting.id}>
              <Table.Td>
                <Text size="sm">{posting.resident.name}</Text>
                <Text size="xs" c="dimmed">
                  {posting.resident.accountingResidentId ?? 'No accounting ID'}
                </Text>
              </Table.Td>
              <Table.Td>{posting.kind === 'reversal' ? 'Reversal (returned payment)' : 'Payment'}</Table.Td>
              <Table.Td>{posting.kind === 'reversal' ? `−${formatMoney(posting.amountCents)}` : formatMoney(posting.amountCents)}</Table.Td>
              <Table.Td>
                <PostingStatusBadge status={posting.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={posting.status === 'failed' ? 'red.8' : undefined}>
                  {detailOf(posting)}
                </Text>
              </Table.Td>
              <Table.Td>{posting.status === 'failed' && <RetryButton posting={posting} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReceiptDays() {
  const days = useReceiptDays(true);
  if (days.isPending) return <LoadingState label="Loading receipts files…" />;
  if (days.isError) return <ErrorState error={days.error} onRetry={() => void days.refetch()} />;
  // The SFTP column shows once a file has been sent or tried (the company's receipts SFTP is set in Settings).
  const showSftp = days.data.items.some((day) => day.deliveredAt || day.deliveryError);
  return (
    <Stack gap="xs" component="section" aria-labelledby="receipts-title">
      <Title order={3} fz="md" id="receipts-title">
        Daily receipts files
      </Title>
      <Text size="sm" c="dimmed">
        One CSV a day of the payments posted that day, for your accounting system's import; a returned payment is a reversal line with a negative amount. Today's file, marked in
        progress, grows until the day ends: import it once the day is over, or you import its first lines twice.
      </Text>
      {days.data.items.length === 0 ? (
        <Text size="sm">No receipts yet: a file appears here the day a payment settles.</Text>
      ) : (
        <Table.ScrollContainer minWidth={480} type="native">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Day</Table.Th>
                <Table.Th scope="col">Lines</Table.Th>
                <Table.Th scope="col">Net</Table.Th>
                {showSftp && <Table.Th scope="col">Sent by SFTP</Table.Th>}
                <Table.Th scope="col">
                  <VisuallyHidden>Download</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {days.data.items.map((day) => (
                <Table.Tr key={day.day}>
                  <Table.Td>
                    {formatCalendarDate(day.day)}
                    {day.inProgress && (
                      <Badge ml="xs" size="sm" variant="light" color="yellow">
                        In progress
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{day.count}</Table.Td>
                  <Table.Td>{formatMoney(day.netCents)}</Table.Td>
                  {showSftp && (
                    <Table.Td>
                      {day.deliveredAt ? (
                        formatDateTime(day.deliveredAt)
                      ) : day.deliveryError ? (
                        <Text size="sm" c="red">
                          Not sent: {day.deliveryError}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {day.inProgress ? 'After the day ends' : 'Not sent'}
                        </Text>
                      )}
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Button component="a" href={receiptsDownloadUrl(day.day)} download size="xs" variant="default" leftSection={<IconDownload size={14} />} aria-label={`Download the receipts of ${formatCalendarDate(day.day)}${day.inProgress ? ' so far' : ''}`}>
                      Download
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/**
 * "Posted to <system>": payments posted back to the company's accounting system, the counts by status, the list
 * filtered by status, failures with their error and Retry, the residents whose payments wait for an accounting
 * ID, and for file companies the daily receipts files.
 */
export function PostingsSection() {
  const [filter, setFilter] = useState<Filter>('all');
  // Six choices do not fit a phone's width side by side.
  const narrow = useMediaQuery('(max-width: 62em)');
  const postings = usePostings(filter === 'all' ? undefined : filter);
  const first = postings.data?.pages[0];
  const waiting = usePostings('waiting_for_id');
  const failed = usePostings('failed');

  if (postings.isPending) return <LoadingState label="Loading postings…" />;
  if (postings.isError) return <ErrorState error={postings.error} onRetry={() => void postings.refetch()} />;
  if (!first || first.system === null) {
    return (
      <Card p="xl">
        <EmptyPanel icon={<IconAlertTriangle size={28} />} title="Nothing to post to" description="Connect your accounting system (Settings) and settled payments post to it, or go to a daily receipts file for a file import." />
      </Card>
    );
  }
  const { counts, system } = first;
  const items = postings.data.pages.flatMap((page) => page.items);
  const waitingResidents = [...new Map((waiting.data?.pages.flatMap((page) => page.items) ?? []).map((posting) => [posting.resident.id, posting.resident])).values()];
  const failures = failed.data?.pages.flatMap((page) => page.items) ?? [];
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const label = (value: Filter) => (value === 'all' ? `All (${total})` : `${POSTING_STATUS_LABELS[value]} (${counts[value]})`);

  return (
    <Stack gap="lg">
      <Card p="lg" component="section" aria-labelledby="postings-title">
        <Stack gap="md">
          <div>
            <Title order={2} fz="lg" id="postings-title">
              Posted to {POSTING_SYSTEM_LABELS[system]}
            </Title>
            <Text size="sm" c="dimmed">
              Each settled payment is posted once, by the resident's accounting ID; a payment the bank returns after it was posted is reversed, and one returned before is never
              posted. A failed posting is tried again after 1 minute, 5 minutes, 30 minutes, 2 hours and 12 hours.
            </Text>
          </div>
          <Group gap="xs" aria-label="Postings by status" role="group">
            {(['posted', 'pending', 'failed', 'waiting_for_id'] as const).map((status) => (
              <Badge key={status} color={counts[status] > 0 ? STATUS_COLORS[status] : 'gray'} variant="light" size="lg" radius="sm" tt="none">
                {POSTING_STATUS_LABELS[status]}: {counts[status]}
              </Badge>
            ))}
          </Group>
          {failures.length > 0 && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title={`${counts.failed} ${counts.failed === 1 ? 'posting' : 'postings'} failed after the last try`}>
              <Stack gap="xs">
                {failures.map((posting) => (
                  <Group key={posting.id} justify="space-between" wrap="nowrap" align="flex-start">
                    <Text size="sm">
                      {posting.resident.name}, {formatMoney(posting.amountCents)}
                      {posting.kind === 'reversal' ? ' (reversal)' : ''}: {posting.lastError}
                    </Text>
                    <RetryButton posting={posting} />
                  </Group>
                ))}
              </Stack>
            </Alert>
          )}
          {waitingResidents.length > 0 && (
            <Alert color="indigo" title="Missing accounting ID">
              <Text size="sm">
                These residents' payments wait until they have an accounting resident ID (from the next sync, or set it on their page), then post within a minute:{' '}
                {waitingResidents.map((resident, index) => (
                  <span key={resident.id}>
                    {index > 0 && ', '}
                    <Anchor component={Link} to={`/app/residents/${resident.id}`} size="sm">
                      {resident.name}
                    </Anchor>
                  </span>
                ))}
                .
              </Text>
            </Alert>
          )}
          <SegmentedControl
            aria-label="Show postings"
            value={filter}
            onChange={(value) => setFilter(value as Filter)}
            data={FILTERS.map((value) => ({ value, label: label(value) }))}
            orientation={narrow ? 'vertical' : 'horizontal'}
            fullWidth={narrow}
            style={{ alignSelf: narrow ? 'stretch' : 'flex-start' }}
          />
          {items.length === 0 ? (
            <Text size="sm">{filter === 'all' ? 'No payments posted yet: they post once they settle.' : `No postings with the status “${POSTING_STATUS_LABELS[filter as PostingStatus]}”.`}</Text>
          ) : (
            <PostingsTable postings={items} caption={filter === 'all' ? 'Every posting, newest first' : `${POSTING_STATUS_LABELS[filter as PostingStatus]}, newest first`} />
          )}
          {postings.hasNextPage && (
            <Button variant="default" onClick={() => void postings.fetchNextPage()} loading={postings.isFetchingNextPage} style={{ alignSelf: 'center' }}>
              Show older postings
            </Button>
          )}
        </Stack>
      </Card>
      {system === 'receipts_file' && (
        <Card p="lg">
          <ReceiptDays />
        </Card>
      )}
    </Stack>
  );
}
