import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconFileImport, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/form-errors.ts';
import { rememberReview } from './review-return.ts';
import { StepHeading } from '../../../components/step-heading.tsx';

/** A file-based company: RentLedger cannot fetch the books; the landlord uploads the latest rent roll instead. */
export function FileBasedSync({ companyName, residentId, residentName, onBack }: { companyName: string; residentId: string; residentName: string; onBack: () => void }) {
  return (
    <Stack gap="md" data-testid="sync-file-based">
      <StepHeading focusOnMount>Synchronize with your accounting system</StepHeading>
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={20} />} title="Your accounting data comes from a rent-roll file">
        <Stack gap="xs">
          <Text size="sm">
            {companyName} imports its residents from a rent roll file, so RentLedger cannot fetch your books by itself. Upload the latest rent roll from
            your accounting system: after the import, RentLedger matches {residentName} again, and approves them on its own if the rent roll has them at
            their unit (same email, or same phone and name).
          </Text>
          <Text size="sm">If they are not in it yet, come back here and approve them manually.</Text>
        </Stack>
      </Alert>
      <Group justify="space-between" gap="sm">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          Back
        </Button>
        <Button component={Link} to="/app/accounting" leftSection={<IconFileImport size={16} />} onClick={() => rememberReview({ residentId, name: residentName })}>
          Upload the latest rent roll
        </Button>
      </Group>
    </Stack>
  );
}

type SyncPanelProps = {
  residentId: string;
  companyName: string;
  residentName: string;
  starting: boolean;
  startError: unknown;
  syncRunId: string | null;
  /** The started run's progress (the page renders the integration feature's watch of it), once there is a run. */
  progress: ReactNode;
  /** What the finished sync found, said by the page once it reloaded the resident. */
  outcome: string | null;
  onBack: () => void;
};

/** "Synchronize with accounting system": a sync now, its progress, then the result of matching again. */
export function SyncPanel({ residentId, companyName, residentName, starting, startError, syncRunId, progress, outcome, onBack }: SyncPanelProps) {
  // The server knows whether the company has an API connection; a file-based company answers 409 no_api_connection.
  const fileBased = isApiError(startError) && startError.code === 'no_api_connection';
  if (fileBased) return <FileBasedSync companyName={companyName} residentId={residentId} residentName={residentName} onBack={onBack} />;
  return (
    <Stack gap="md" data-testid="sync-panel">
      <StepHeading focusOnMount>Synchronize with your accounting system</StepHeading>
      {syncRunId && (
        <Text size="sm">
          RentLedger is reading your accounting system now. When it is done, {residentName} is matched again; a strong match approves them on its own.
        </Text>
      )}
      {starting && (
        <Group gap="sm">
          <Loader size="sm" />
          <Text size="sm">Starting the sync…</Text>
        </Group>
      )}
      {startError !== null && startError !== undefined && (
        <Alert color="red" variant="light" role="alert">
          {describeError(startError)}
        </Alert>
      )}
      {progress}
      {outcome && (
        <Alert color="orange" variant="light" icon={<IconInfoCircle size={20} />} data-testid="sync-outcome">
          {outcome}
        </Alert>
      )}
      <Group>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack} disabled={starting}>
          Back
        </Button>
      </Group>
    </Stack>
  );
}
