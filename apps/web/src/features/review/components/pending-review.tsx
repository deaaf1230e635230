import type { Candidate, IntegrationKind, ResidentDetail, SupportRequest, SyncRun } from '@rentledger/contracts';
import { Grid, Stack } from '@mantine/core';
import { type ReactNode, useCallback, useState } from 'react';
import { LoadingState } from '../../../components/query-state.tsx';
import type { PropertiesQuery } from '../../../components/unit-picker.tsx';
import { applyApiErrors, describeError } from '../../../lib/form-errors.ts';
import { centsFromDollars, humanizeTimestamps, possessive } from '../../../lib/format.ts';
import { leaseFieldMap } from '../../../lib/lease-form.ts';
import type { ApproveResidentMutation } from '../api/approve-resident.ts';
import { useSyncResident } from '../api/sync-resident.ts';
import { ApprovalOptions, type ApprovalPath } from './approval-options.tsx';
import { type ManualApproval, ManualApprovalForm } from './manual-approval-form.tsx';
import { MatchingSection } from './matching-section.tsx';
import {
  alreadyDecidedMessage,
  approvalDescription,
  fullName,
  manualBlockedReason,
  matchingCandidates,
  missingUnitRequest,
  type ReviewMode,
} from './review-decisions.ts';
import { IdentitySection, ReviewSection, StatedLeaseSection, UnitSection } from './review-sections.tsx';
import { SyncPanel } from './sync-panel.tsx';

/** The support-request dialog the review opens about a missing unit (the page renders the support-requests feature's). */
export type ContactSupportDialog = {
  opened: boolean;
  onClose: () => void;
  kinds: SupportRequest['kind'][];
  initialKind: SupportRequest['kind'];
  initialMessage: string;
  residentId: string;
  supportPagePath: string;
  intro: string;
  onSent: () => void;
};

/** What the review page gives the pending review: the resident, the approval in flight, and what to do when it ends. */
export type PendingReviewFlow = {
  resident: ResidentDetail;
  approve: ApproveResidentMutation;
  /** Reloads the resident; resolves with the fresh one. */
  onRefetch: () => Promise<ResidentDetail | undefined>;
  /** Approved from this page (merge, manual, or the sync it started): the resident was emailed. */
  onApproved: () => void;
  /** 409 already_decided: another staff member acted first; the message names them. */
  onConflict: (message: string) => void;
};

/** What the route adds from the other features: the company, its units, a sync run's progress and the support dialog. */
export type PendingReviewProps = PendingReviewFlow & {
  companyName: string;
  integrationKind: IntegrationKind | undefined;
  properties: PropertiesQuery;
  renderSyncRun: (syncRunId: string, onDone: (run: SyncRun) => void) => ReactNode;
  renderContactSupport: (dialog: ContactSupportDialog) => ReactNode;
};

/**
 * A pending resident's review: check the person, property and unit; merge with a match, or, when none is
 * the same person, synchronize with the accounting system (integrated companies) or approve manually.
 */
export function PendingReview({
  resident,
  approve,
  onRefetch,
  onApproved,
  onConflict,
  companyName,
  integrationKind,
  properties,
  renderSyncRun,
  renderContactSupport,
}: PendingReviewProps) {
  const sync = useSyncResident(resident.id);
  const [unitOverride, setUnitOverride] = useState<string | null | undefined>(undefined);
  const [path, setPath] = useState<ApprovalPath | null>(null);
  const [mode, setMode] = useState<ReviewMode>('choose');
  const [syncRunId, setSyncRunId] = useState<string | null>(null);
  const [syncOutcome, setSyncOutcome] = useState<string | null>(null);
  const [mergeError, setMergeError] = useState<{ candidateId: string; message: string } | null>(null);
  const [manualError, setManualError] = useState<string | null>(null);
  const [contacting, setContacting] = useState(false);
  const [supportSent, setSupportSent] = useState(false);

  const unitId = unitOverride === undefined ? resident.unitId : unitOverride;
  const property = properties.data?.find((candidate) => candidate.id === resident.propertyId);
  const name = fullName(resident);
  const { shown: candidates, alsoInvited } = matchingCandidates(resident.candidates);

  /** 409 already_decided goes to the top of the page (someone else acted first); anything else stays where it happened. */
  const decided = (error: unknown) => {
    const conflict = alreadyDecidedMessage(error);
    if (conflict) onConflict(conflict);
    return conflict !== null;
  };

  const merge = (candidate: Candidate) => {
    setMergeError(null);
    approve.mutate(
      { method: 'merge', candidateId: candidate.id },
      {
        onSuccess: onApproved,
        onError: (error) => {
          if (!decided(error)) setMergeError({ candidateId: candidate.id, message: humanizeTimestamps(describeError(error)) });
        },
      },
    );
  };

  const approveManually = (approval: ManualApproval, form: { setErrors: (errors: Record<string, string>) => void }) => {
    setManualError(null);
    approve.mutate(
      {
        method: 'manual',
        unitId: approval.unitId,
        rentCents: centsFromDollars(approval.rent) ?? 0,
        dueDay: Number(approval.dueDay),
        leaseStart: approval.leaseStart,
        leaseEnd: approval.leaseEnd,
      },
      {
        onSuccess: onApproved,
        onError: (error) => {
          if (!decided(error)) setManualError(applyApiErrors(form, error, ['unitId', 'rent', 'dueDay', 'leaseStart', 'leaseEnd'], leaseFieldMap));
        },
      },
    );
  };

  const startSync = () => {
    setSyncOutcome(null);
    setSyncRunId(null);
    sync.mutate(undefined, { onSuccess: ({ syncRunId: id }) => setSyncRunId(id) });
  };

  const onSyncDone = useCallback(
    (run: SyncRun) => {
      void (async () => {
        // The server matches pending residents again just after it marks the run done: look a few
        // times before saying nothing matched.
        for (let attempt = 0; attempt < (run.status === 'succeeded' ? 4 : 1); attempt += 1) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 750));
          const fresh = await onRefetch();
          if (fresh && fresh.status !== 'pending') {
            if (fresh.status === 'approved' || fresh.status === 'current') onApproved();
            return;
          }
        }
        if (run.status === 'succeeded') {
          setSyncOutcome(
            `The sync finished, but ${resident.firstName} still has no strong match in your accounting system. The matches above are refreshed: merge one, or approve manually.`,
          );
        }
      })();
    },
    [onRefetch, onApproved, resident.firstName],
  );

  const proceed = () => {
    if (path === 'manual') setMode('manual');
    if (path === 'sync') {
      setMode('sync');
      startSync();
    }
  };

  // With one way forward (no accounting system to sync), there is nothing to choose: the form is shown at once.
  const shownMode: ReviewMode = mode === 'choose' && !resident.companyIntegrated && unitId !== null ? 'manual' : mode;
  const supportRequest = missingUnitRequest(resident, property);
  const mergingId = approve.isPending && approve.variables?.method === 'merge' ? approve.variables.candidateId : null;

  return (
    <Stack gap="lg">
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <IdentitySection resident={resident} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <UnitSection
            resident={resident}
            property={property}
            properties={properties}
            unitId={unitId}
            onUnitChange={setUnitOverride}
            supportSent={supportSent}
            onContactSupport={() => setContacting(true)}
          />
        </Grid.Col>
      </Grid>

      <StatedLeaseSection resident={resident} />

      <MatchingSection
        resident={resident}
        candidates={candidates}
        alsoInvited={alsoInvited}
        mergingId={mergingId}
        disabled={approve.isPending || mode === 'sync'}
        mergeError={mergeError}
        onMerge={merge}
      />

      <ReviewSection title={candidates.length > 0 ? 'Not the same person?' : 'Approve'} description={approvalDescription(shownMode, resident.companyIntegrated)} testId="approval-section">
        {shownMode === 'choose' && (
          <ApprovalOptions
            value={path}
            onChange={setPath}
            onContinue={proceed}
            integrated={resident.companyIntegrated}
            integrationKind={integrationKind}
            manualBlockedReason={manualBlockedReason(resident, unitId)}
            residentFirstName={resident.firstName}
          />
        )}
        {mode === 'sync' && (
          <SyncPanel
            residentId={resident.id}
            companyName={companyName}
            residentName={name}
            starting={sync.isPending}
            startError={sync.error}
            syncRunId={syncRunId}
            progress={syncRunId ? renderSyncRun(syncRunId, onSyncDone) : null}
            outcome={syncOutcome}
            onBack={() => {
              sync.reset();
              setMode('choose');
            }}
          />
        )}
        {shownMode === 'manual' &&
          (properties.data ? (
            <ManualApprovalForm
              resident={resident}
              properties={properties.data}
              unitId={unitId}
              submitting={approve.isPending}
              error={manualError}
              onBack={resident.companyIntegrated ? () => setMode('choose') : undefined}
              onSubmit={approveManually}
            />
          ) : (
            <LoadingState label="Loading your units…" />
          ))}
      </ReviewSection>

      {renderContactSupport({
        opened: contacting,
        onClose: () => setContacting(false),
        kinds: ['missing_unit', 'missing_property'],
        initialKind: supportRequest.kind,
        initialMessage: supportRequest.message,
        residentId: resident.id,
        supportPagePath: '/app/support',
        intro: `Support receives ${possessive(name)} details and what they typed with your message.`,
        onSent: () => setSupportSent(true),
      })}
    </Stack>
  );
}
