import type { AchFile } from '@rentledger/contracts';
import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileInvoice, IconFilePlus } from '@tabler/icons-react';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { formatCalendarDate, formatDateTime, formatMoney, pluralize } from '../../../lib/format.ts';
import { useCreateAchFile } from '../api/create-ach-file.ts';
import { achFileDownloadUrl, useAchFiles } from '../api/get-ach-files.ts';

function Delivery({ file }: { file: AchFile }) {
  return file.deliveryError ? (
    <Text size="sm" c="red.8">
      Not delivered: {file.deliveryError}
    </Text>
  ) : file.deliveredAt ? (
    <Text size="sm">Delivered {formatDateTime(file.deliveredAt)}</Text>
  ) : (
    <Text size="sm" c="dimmed">
      Not sent (download it for your bank)
    </Text>
  );
}

function DownloadButton({ file, fullWidth = false }: { file: AchFile; fullWidth?: boolean }) {
  return (
    <Button
      component="a"
      href={achFileDownloadUrl(file.id)}
      download
      fullWidth={fullWidth}
      mt={fullWidth ? 'xs' : undefined}
      size="xs"
      variant="default"
      leftSection={<IconDownload size={14} />}
      aria-label={`Download file ${file.fileIdModifier} of ${formatCalendarDate(file.fileDate)}`}
    >
      Download
    </Button>
  );
}

/** The bank files (NACHA) the company sent: each a deposit of the day's debits; "Create file now" makes the next one. */
export function AchFiles() {
  const files = useAchFiles();
  const create = useCreateAchFile();
  const createNow = () =>
    create.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show(
          result.created
            ? {
                color: 'brand',
                title: `File ${result.fileIdModifier} of ${formatCalendarDate(result.fileDate)} created`,
                message: `${pluralize(result.paymentCount, 'payment')}, a deposit of ${formatMoney(result.depositCents)}.`,
              }
            : { color: 'blue', title: 'Nothing is due', message: 'No payment or deposit check is waiting for a bank file.' },
        ),
    });

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="ach-files">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ flex: '1 1 16rem' }}>
            <Title order={2} fz="lg" id="ach-files">
              Bank files (deposits)
            </Title>
            <Text size="sm" c="dimmed">
              Each file is made daily at your cutoff time with the payments due, and goes to your bank.
            </Text>
          </Stack>
          <Button leftSection={<IconFilePlus size={16} />} onClick={createNow} loading={create.isPending}>
            Create file now
          </Button>
        </Group>
        {create.isError && (
          <Alert color="red" variant="light" role="alert">
            {describeError(create.error)}
          </Alert>
        )}
        {files.isPending ? (
          <LoadingState label="Loading bank files…" />
        ) : files.isError ? (
          <ErrorState error={files.error} onRetry={() => void files.refetch()} />
        ) : files.data.length === 0 ? (
          <EmptyPanel icon={<IconFileInvoice size={28} />} order={3} title="No bank files yet" description="The first file is made when a payment or a new account's deposit check is due." />
        ) : (
          <ResponsiveTable
            label="Bank files"
            minWidth={820}
            phone={files.data.map((file) => (
              <PhoneListItem key={file.id}>
                <Text size="xs" c="dimmed">
                  Deposit
                </Text>
                <Text fw={700} size="lg" className="rl-nowrap">
                  {formatMoney(file.depositCents)}
                </Text>
                <Delivery file={file} />
                <Text size="sm" mt={4}>
                  File of {formatCalendarDate(file.fileDate)} · modifier {file.fileIdModifier}
                </Text>
                <Text size="xs" c="dimmed">
                  Effective {formatCalendarDate(file.effectiveDate)}
                </Text>
                <Text size="xs" c="dimmed">
                  {pluralize(file.paymentCount, 'payment')} · {pluralize(file.entryCount, 'entry', 'entries')}
                </Text>
                <DownloadButton file={file} fullWidth />
              </PhoneListItem>
            ))}
          >
            <Table verticalSpacing="sm" data-testid="ach-files-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">File date</Table.Th>
                  <Table.Th scope="col">Modifier</Table.Th>
                  <Table.Th scope="col">Effective date</Table.Th>
                  <Table.Th scope="col">Payments</Table.Th>
                  <Table.Th scope="col">Entries</Table.Th>
                  <Table.Th scope="col">Deposit</Table.Th>
                  <Table.Th scope="col">Delivery</Table.Th>
                  <Table.Th scope="col">File</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {files.data.map((file) => (
                  <Table.Tr key={file.id} data-testid="ach-file-row">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatCalendarDate(file.fileDate)}</Table.Td>
                    <Table.Td>{file.fileIdModifier}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatCalendarDate(file.effectiveDate)}</Table.Td>
                    <Table.Td>{file.paymentCount}</Table.Td>
                    <Table.Td>{file.entryCount}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="ach-file-deposit">
                      {formatMoney(file.depositCents)}
                    </Table.Td>
                    <Table.Td>
                      <Delivery file={file} />
                    </Table.Td>
                    <Table.Td>
                      <DownloadButton file={file} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ResponsiveTable>
        )}
      </Stack>
    </Card>
  );
}
