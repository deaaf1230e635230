import type { IntegrationSettings } from '@rentledger/contracts';
import { Alert, Anchor, Button, Card, Group, List, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api-client.ts';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { type ImportFormat, useImportFile } from '../api/import-file.ts';
import { ColumnMappingPanel } from './column-mapping-panel.tsx';
import { FileDropZone, TOO_LARGE_MESSAGE } from './file-drop-zone.tsx';

type FormatChoice = 'auto' | ImportFormat;

const FORMAT_OPTIONS: { value: FormatChoice; label: string }[] = [
  { value: 'auto', label: 'Detect from the file' },
  { value: 'csv', label: 'CSV rent roll' },
  { value: 'mits', label: 'MITS XML (ResidentTransactions)' },
];

function looksLikeXml(file: File): boolean {
  return /\.xml$/i.test(file.name) || file.type.includes('xml');
}

function runningRunId(error: unknown): string | null {
  if (!isApiError(error) || error.code !== 'sync_in_progress') return null;
  const details = error.details as { syncRunId?: unknown } | undefined;
  return typeof details?.syncRunId === 'string' ? details.syncRunId : null;
}

/** What a one-time spreadsheet import will do, said before it runs. */
function OneTimeImportSummary({ settings }: { settings: IntegrationSettings }) {
  return (
    <Stack gap="xs" data-testid="one-time-import-summary">
      <Text size="sm">For each row, it will:</Text>
      <List size="sm" spacing={2}>
        <List.Item>add the resident to the property and unit it names;</List.Item>
        <List.Item>email an invitation to join to each resident with an email address;</List.Item>
        <List.Item>keep the others waiting until you add their email.</List.Item>
      </List>
      <Text size="sm">
        {settings.createPropertiesFromAccounting
          ? 'Property codes and units you have not added yet are created (a property needs its full address); the run lists each one.'
          : 'Rows naming a property code or unit you have not added are not imported: they are listed as row errors to fix, and nothing is invented.'}{' '}
        A row already imported is never duplicated. You stay without an accounting connection: nothing is synced again unless you import again.
      </Text>
    </Stack>
  );
}

/** Upload a rent roll or MITS file; the import runs in the background and its page shows progress. */
export function ImportPanel({ settings }: { settings: IntegrationSettings }) {
  const navigate = useNavigate();
  const upload = useImportFile();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [confirming, setConfirming] = useState(false);
  // Without an accounting connection this is a one-time spreadsheet import: say what it does before it runs.
  const oneTime = settings.provider === 'none';

  const isCsv = file !== null && (format === 'csv' || (format === 'auto' && !looksLikeXml(file)));

  const start = () => {
    if (!file) return;
    upload.mutate(
      { file, format: format === 'auto' ? undefined : format },
      { onSuccess: ({ syncRunId }) => void navigate(`/app/sync-runs/${syncRunId}`), onSettled: () => setConfirming(false) },
    );
  };
  const submit = () => {
    if (!file) {
      setFileError('Choose a file to import');
      return;
    }
    if (oneTime) setConfirming(true);
    else start();
  };

  const inProgress = runningRunId(upload.error);
  const uploadError =
    upload.isError && !inProgress
      ? isApiError(upload.error) && upload.error.status === 413
        ? TOO_LARGE_MESSAGE
        : describeError(upload.error)
      : null;

  return (
    <Stack gap="lg">
      <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="import-title">
        <Stack gap="md">
          <div>
            <Title order={2} fz="lg" id="import-title">
              {oneTime ? 'Import residents from a spreadsheet' : 'Import a file'}
            </Title>
            <Text size="sm" c="dimmed">
              {oneTime
                ? 'Save your spreadsheet as CSV, one row per resident, and upload it here. You will see what the import does before it runs.'
                : 'Export your rent roll from your accounting system and upload it here. Residents with an email are invited; the others wait until their email is in your books. Rows that cannot be read are listed afterwards, and the rest are imported.'}
            </Text>
          </div>
          <FileDropZone
            file={file}
            onChange={(chosen) => {
              setFile(chosen);
              upload.reset();
              if (chosen && looksLikeXml(chosen) && format === 'csv') setFormat('auto');
            }}
            error={fileError}
            onError={setFileError}
            disabled={upload.isPending}
          />
          <Select
            label="File format"
            data={FORMAT_OPTIONS}
            value={format}
            onChange={(value) => setFormat((value as FormatChoice | null) ?? 'auto')}
            allowDeselect={false}
            maw={{ sm: 360 }}
            description="RentLedger tells CSV and XML apart on its own; choose only if it guesses wrong."
          />
          {inProgress && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} role="alert" title="A sync is already running">
              Wait for it to finish, then import again.{' '}
              <Anchor component={Link} to={`/app/sync-runs/${inProgress}`} size="sm" fw={600}>
                Watch its progress
              </Anchor>
            </Alert>
          )}
          {uploadError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} role="alert" title="The file was not imported">
              {uploadError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button leftSection={<IconFileImport size={16} />} onClick={submit} loading={upload.isPending} disabled={fileError !== null && !file}>
              Import
            </Button>
          </Group>
        </Stack>
      </Card>
      {file && isCsv && <ColumnMappingPanel file={file} settings={settings} />}
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Import residents from this spreadsheet?"
        message={`RentLedger will read ${file?.name ?? 'the file'} once. Before it runs, here is what it does:`}
        error={uploadError}
        confirmLabel="Import residents"
        confirmIcon={<IconFileImport size={16} />}
        confirming={upload.isPending}
        onConfirm={start}
      >
        <OneTimeImportSummary settings={settings} />
      </ConfirmModal>
    </Stack>
  );
}
