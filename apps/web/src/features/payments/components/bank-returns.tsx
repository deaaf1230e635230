import type { ReturnFiles, ReturnFileSummary } from '@rentledger/contracts';
import { Alert, Badge, Button, Card, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileImport, IconFileSearch, IconUpload } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/form-errors.ts';
import { pluralize } from '../../../lib/format.ts';
import { useReturnFiles } from '../api/get-return-files.ts';
import { useUploadReturnFile } from '../api/upload-return-file.ts';
import { ReturnFilesTable, UnmatchedReturnsTable } from './unmatched-returns.tsx';

/** "3 returns (1 presented again), 1 change of account details, 1 entry matching nothing". */
export function describeReturnFileSummary(summary: ReturnFileSummary): string {
  if (summary.alreadyRead) return 'This file was read before: nothing changed';
  const parts: string[] = [];
  if (summary.returns > 0) parts.push(`${pluralize(summary.returns, 'return')}${summary.retries > 0 ? ` (${summary.retries.toLocaleString('en-US')} presented again)` : ''}`);
  if (summary.nocs > 0) parts.push(pluralize(summary.nocs, 'change of account details', 'changes of account details'));
  if (summary.unmatched > 0) parts.push(pluralize(summary.unmatched, 'entry matching nothing', 'entries matching nothing'));
  if (summary.duplicates > 0) parts.push(`${pluralize(summary.duplicates, 'entry', 'entries')} read before`);
  return parts.length > 0 ? parts.join(', ') : 'The file holds no returns or changes';
}

/** 0.005 -> "0.5%". */
export function formatRate(rate: number): string {
  return rate.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 2 });
}

type Rates = NonNullable<ReturnFiles['returnRates']>;
const RATE_ROWS: { key: keyof Rates; label: string; description: string }[] = [
  { key: 'unauthorized', label: 'Unauthorized', description: 'R05, R07, R10, R11, R29, R51' },
  { key: 'administrative', label: 'Administrative', description: 'R02, R03, R04' },
  { key: 'overall', label: 'Overall', description: 'Every return' },
];

function RateLevelBadge({ level }: { level: Rates['overall']['level'] }) {
  if (level === 'ok') return <Text size="sm">Within the limit</Text>;
  return (
    <Badge variant="light" color={level === 'over' ? 'red' : 'orange'} radius="sm" tt="none" data-testid="return-rate-level">
      {level === 'over' ? "Over NACHA's limit" : 'Near the limit'}
    </Badge>
  );
}

function ReturnRates({ rates }: { rates: Rates }) {
  return (
    <Stack gap="xs">
      <Title order={3} fz="md">
        Return rates of the last 60 days
      </Title>
      <ResponsiveTable
        label="Return rates"
        minWidth={560}
        phone={RATE_ROWS.map(({ key, label, description }) => (
          <PhoneListItem key={key} aside={<RateLevelBadge level={rates[key].level} />}>
            <Text fw={600} size="sm">
              {label}
            </Text>
            <Text size="sm">
              {formatRate(rates[key].rate)} of debits · limit {formatRate(rates[key].threshold)}
            </Text>
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          </PhoneListItem>
        ))}
      >
        <Table verticalSpacing="sm" data-testid="return-rates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Returns</Table.Th>
              <Table.Th scope="col">Rate</Table.Th>
              <Table.Th scope="col">NACHA's limit</Table.Th>
              <Table.Th scope="col">Level</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {RATE_ROWS.map(({ key, label, description }) => (
              <Table.Tr key={key} data-testid="return-rate-row">
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" fw={600}>
                    {label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {description}
                  </Text>
                </Table.Th>
                <Table.Td>{formatRate(rates[key].rate)}</Table.Td>
                <Table.Td>{formatRate(rates[key].threshold)}</Table.Td>
                <Table.Td>
                  <RateLevelBadge level={rates[key].level} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ResponsiveTable>
    </Stack>
  );
}

function UploadReturnFile() {
  const upload = useUploadReturnFile();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ReturnFileSummary | null>(null);
  const lineErrors = upload.error && isApiError(upload.error) ? upload.error.fieldErrors : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSummary(null);
    if (!file) {
      setError('Choose the return file your bank sent');
      return;
    }
    setError(null);
    upload.mutate(file, {
      onSuccess: (result) => setSummary(result),
      onError: (failure) => {
        const [first] = isApiError(failure) ? failure.fieldErrors : [];
        setError(first ? (first.path.startsWith('line') ? `${first.path.replace(/^l/, 'L')}: ${first.message}` : first.message) : describeError(failure));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Read a return file">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <FileInput
            label="Return file"
            description="The return or NOC file (NACHA) your bank sent"
            placeholder="Choose a file"
            clearable
            clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
            // Mantine's placeholder grey is below 4.5:1 on white.
            styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
            leftSection={<IconFileSearch size={16} />}
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setError(null);
            }}
            error={error}
            style={{ flex: '1 1 16rem' }}
            data-testid="return-file-input"
          />
          <Button type="submit" leftSection={<IconUpload size={16} />} loading={upload.isPending}>
            Read return file
          </Button>
        </Group>
        {lineErrors.length > 1 && (
          <Alert color="red" variant="light" title="The bank's file has other problems too">
            <List size="sm">
              {lineErrors.slice(1).map((detail) => (
                <List.Item key={`${detail.path}-${detail.message}`}>
                  {detail.path}: {detail.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <div aria-live="polite">
          {summary && (
            <Alert color={summary.alreadyRead ? 'blue' : 'brand'} variant="light" title={summary.alreadyRead ? 'Read before' : 'Return file read'} data-testid="return-file-summary">
              {describeReturnFileSummary(summary)}
            </Alert>
          )}
        </div>
      </Stack>
    </form>
  );
}

/** The bank's return and NOC files: read one, the 60-day return rates, the files read and the entries matching nothing. */
export function BankReturns() {
  const files = useReturnFiles();
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="bank-returns">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="lg" id="bank-returns">
            Bank returns
          </Title>
          <Text size="sm" c="dimmed">
            Your bank's return and NOC files: returned payments, corrected account details. Files in your SFTP returns folder are read on their own.
          </Text>
        </Stack>
        <UploadReturnFile />
        {files.isPending ? (
          <LoadingState label="Loading return files…" />
        ) : files.isError ? (
          <ErrorState error={files.error} onRetry={() => void files.refetch()} />
        ) : (
          <>
            {files.data.returnRates && <ReturnRates rates={files.data.returnRates} />}
            <Stack gap="xs">
              <Title order={3} fz="md">
                Files read
              </Title>
              {files.data.files.length === 0 ? (
                <EmptyPanel icon={<IconFileImport size={28} />} order={4} title="No return files yet" description="Files your bank sends back are listed here once read." />
              ) : (
                <ReturnFilesTable files={files.data.files} />
              )}
            </Stack>
            {files.data.unmatched.length > 0 && (
              <Stack gap="xs">
                <Title order={3} fz="md">
                  Entries matching nothing
                </Title>
                <Text size="sm" c="dimmed">
                  These entries match none of your payments. RentLedger support sees them too and looks into them.
                </Text>
                <UnmatchedReturnsTable entries={files.data.unmatched} />
              </Stack>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
