import type { Candidate, ResidentDetail, SyncRun } from '@rentledger/contracts';
import { Alert, Button, Card, Grid, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuildingCommunity, IconLifebuoy, IconSearch, IconUserX } from '@tabler/icons-react';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { ResidentStatusBadge } from '../../../components/resident-status-badge.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useCompany } from '../../../features/companies/api/get-company.ts';
import { useProperties } from '../../../features/properties/api/get-properties.ts';
import { useApproveResident } from '../../../features/residents/api/approve-resident.ts';
import { useResident } from '../../../features/residents/api/get-resident.ts';
import { useSyncResident } from '../../../features/residents/api/sync-resident.ts';
import { ApprovalOptions, type ApprovalPath } from '../../../features/review/components/approval-options.tsx';
import { CandidateCard, CandidateError } from '../../../features/review/components/candidate-card.tsx';
import { DeclineResidentModal } from '../../../features/review/components/decline-resident-modal.tsx';
import { type ManualApproval, ManualApprovalForm } from '../../../features/review/components/manual-approval-form.tsx';
import { ApprovedOutcome, DeclinedOutcome } from '../../../features/review/components/review-outcome.tsx';
import { forgetReview, reviewToReturnTo } from '../../../features/review/components/review-return.ts';
import { SyncPanel } from '../../../features/review/components/sync-panel.tsx';
import { ContactSupportModal } from '../../../features/support-requests/components/contact-support-modal.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { applyApiErrors, describeError } from '../../../lib/form-errors.ts';
import { centsFromDollars, formatAddress, formatCalendarDate, formatDate, formatMoney, humanizeTimestamps } from '../../../lib/format.ts';
import { leaseFieldMap } from '../../../lib/lease-form.ts';
import { useCurrentUser } from '../guards.tsx';
import { NotFoundRoute } from '../not-found.tsx';

const crumbs = [
  { label: 'Residents', to: '/app/residents' },
  { label: 'Pending review', to: '/app/residents?status=pending' },
];

function Section({ title, description, children, testId }: { title: string; description?: ReactNode; children: ReactNode; testId?: string }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id} h="100%" data-testid={testId}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} fz="lg" id={id}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </Stack>
  );
}

const fullName = (resident: Pick<ResidentDetail, 'firstName' | 'lastName'>) => `${resident.firstName} ${resident.lastName}`.trim() || 'Unnamed resident';

/** The three read-only fields the sign-up filled in. */
function IdentitySection({ resident }: { resident: ResidentDetail }) {
  return (
    <Section title="Resident" description="Filled in from their sign-up.">
      <TextInput label="Email" value={resident.email ?? ''} placeholder="No email" readOnly variant="filled" />
      <TextInput label="Name" value={fullName(resident)} readOnly variant="filled" />
      <TextInput label="Phone" value={resident.phone ?? ''} placeholder="No phone" readOnly variant="filled" />
    </Section>
  );
}

function statedLease(resident: ResidentDetail): string {
  if (!resident.statedLeaseStart) return 'Not stated';
  return resident.statedLeaseEnd
    ? `${formatCalendarDate(resident.statedLeaseStart)} – ${formatCalendarDate(resident.statedLeaseEnd)}`
    : `From ${formatCalendarDate(resident.statedLeaseStart)}, month-to-month`;
}

type ReviewBodyProps = {
  resident: ResidentDetail;
  approve: ReturnType<typeof useApproveResident>;
  /** Reloads the resident; resolves with the fresh one. */
  onRefetch: () => Promise<ResidentDetail | undefined>;
  /** Approved from this page (merge, manual, or the sync it started): the resident was emailed. */
  onApproved: () => void;
  onConflict: (message: string) => void;
};

function ReviewBody({ resident, approve, onRefetch, onApproved, onConflict }: ReviewBodyProps) {
  const user = useCurrentUser();
  const company = useCompany(user.company?.id);
  const properties = useProperties();
  const sync = useSyncResident(resident.id);
  const [unitOverride, setUnitOverride] = useState<string | null | undefined>(undefined);
  const [path, setPath] = useState<ApprovalPath | null>(null);
  const [mode, setMode] = useState<'choose' | 'sync' | 'manual'>('choose');
  const [syncRunId, setSyncRunId] = useState<string | null>(null);
  const [syncOutcome, setSyncOutcome] = useState<string | null>(null);
  const [mergeError, setMergeError] = useState<{ candidateId: string; message: string } | null>(null);
  const [manualError, setManualError] = useState<string | null>(null);
  const [contacting, setContacting] = useState(false);
  const [supportSent, setSupportSent] = useState(false);

  const unitId = unitOverride === undefined ? resident.unitId : unitOverride;
  const property = properties.data?.find((candidate) => candidate.id === resident.propertyId);
  const name = fullName(resident);
  const missingUnit = resident.unitId === null;
  const missingKind = resident.propertyId ? 'missing_unit' : 'missing_property';
  // A sync creates an invited (or waiting) resident from each accounting record: the two are one
  // person, so the record's card stands for both.
  const recordIds = new Set(resident.candidates.filter((c) => c.kind === 'accounting_record' && c.accountingResidentId).map((c) => c.accountingResidentId));
  const invitedIds = new Set(
    resident.candidates.filter((c) => c.kind === 'resident' && c.accountingResidentId && recordIds.has(c.accountingResidentId)).map((c) => c.accountingResidentId ?? ''),
  );
  const candidates = resident.candidates.filter((c) => !(c.kind === 'resident' && invitedIds.has(c.accountingResidentId ?? '')));

  /** 409 already_decided goes to the top of the page (someone else acted first); anything else stays where it happened. */
  const decided = (error: unknown) => {
    if (isApiError(error) && error.code === 'already_decided') {
      onConflict(humanizeTimestamps(error.message));
      return true;
    }
    return false;
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

  const supportMessage = resident.propertyId
    ? `Please add unit “${resident.statedUnitText ?? '?'}” to ${resident.propertyName ?? 'our property'}${property ? ` (${formatAddress(property)})` : ''}. ${name}${resident.email ? ` (${resident.email})` : ''} signed up for it, and I cannot approve them until the unit exists.`
    : `Please add the property ${name} signed up for, so I can approve them. They told us: unit “${resident.statedUnitText ?? '?'}”.`;

  return (
    <Stack gap="lg">
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <IdentitySection resident={resident} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Section title="Property and unit" description="Make sure the address and unit are right." testId="review-unit">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <IconBuildingCommunity size={22} stroke={1.6} color="var(--mantine-color-brand-8)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden="true" />
              <div style={{ minWidth: 0 }}>
                <Text fw={600} size="sm">
                  {resident.propertyName ?? 'No property'}
                </Text>
                {property && (
                  <Text size="sm" c="dimmed">
                    {formatAddress(property)}
                  </Text>
                )}
                <Text size="sm" mt={4} data-testid="review-picked-unit">
                  {resident.unitLabel ? (
                    <>
                      They picked unit <strong>{resident.unitLabel}</strong>
                    </>
                  ) : (
                    <>
                      Their unit is not listed: they typed <strong>“{resident.statedUnitText ?? ''}”</strong>
                    </>
                  )}
                </Text>
              </div>
            </Group>
            {missingUnit && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="This unit is missing, so you cannot approve yet" data-testid="missing-unit">
                <Stack gap="sm">
                  <Text size="sm">
                    {resident.propertyName ?? 'The property'} has no unit “{resident.statedUnitText ?? ''}” in RentLedger. If it is one of your units under another
                    name, choose it below. If it is missing, RentLedger support adds it for you; then you can approve {resident.firstName}.
                  </Text>
                  {supportSent ? (
                    <Text size="sm" fw={600} c="brand.9" data-testid="support-request-confirmation">
                      Support request sent. The answer arrives by email and on your{' '}
                      <Link to="/app/support" style={{ color: 'inherit' }}>
                        Support page
                      </Link>
                      .
                    </Text>
                  ) : (
                    <Group>
                      <Button size="xs" leftSection={<IconLifebuoy size={14} />} onClick={() => setContacting(true)}>
                        Contact support
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Alert>
            )}
            {properties.isPending ? (
              <Skeleton h={60} />
            ) : properties.isError ? (
              <ErrorState error={properties.error} onRetry={() => void properties.refetch()} title="Your units could not be loaded" />
            ) : (
              <UnitPicker
                properties={properties.data}
                value={unitId}
                onChange={(next) => setUnitOverride(next)}
                initialPropertyId={resident.propertyId}
                unitLabel={missingUnit ? 'Unit' : 'Correct unit'}
              />
            )}
            <Text size="xs" c="dimmed" mt={-6}>
              {missingUnit ? 'Choose their unit if it exists under another label.' : 'Correct the unit if they picked the wrong one.'} Used when you approve
              manually; merging takes the unit from the match.
            </Text>
          </Section>
        </Grid.Col>
      </Grid>

      <Section title="What they told us" description="What the resident stated when signing up. Check it against the lease.">
        <Grid gap="md">
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <Fact label="Monthly rent">{resident.statedRentCents === null ? 'Not stated' : formatMoney(resident.statedRentCents)}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 5 }}>
            <Fact label="Lease">{statedLease(resident)}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Fact label="Waiting since">{resident.pendingSince ? formatDate(resident.pendingSince) : '—'}</Fact>
          </Grid.Col>
        </Grid>
      </Section>

      <Stack gap="sm" component="section" aria-labelledby="matching-title">
        <Stack gap={2}>
          <Title order={2} fz="lg" id="matching-title">
            Matching
          </Title>
          <Text size="sm" c="dimmed">
            People in your accounting system and in RentLedger who could be {resident.firstName}: at their unit first, then at the property. If one is the same
            person, tick the box and merge: {resident.firstName} takes that lease, rent and accounting ID.
          </Text>
        </Stack>
        {candidates.length === 0 ? (
          <Card p="lg">
            <EmptyPanel
              order={3}
              icon={<IconSearch size={26} />}
              title="No matching resident found"
              description={`Nobody ${resident.companyIntegrated ? 'in your books' : 'in RentLedger'} at ${resident.unitLabel ? `unit ${resident.unitLabel}` : 'this property'} looks like ${name}. ${resident.companyIntegrated ? 'Synchronize with your accounting system, or approve manually.' : 'Check the lease and approve manually.'}`}
              py="sm"
            />
          </Card>
        ) : (
          <Stack gap="md" data-testid="candidates">
            {candidates.map((candidate) => (
              <CandidateCard
                key={`${candidate.kind}-${candidate.id}`}
                candidate={candidate}
                alsoInvited={invitedIds.has(candidate.accountingResidentId ?? '') && candidate.kind === 'accounting_record'}
                merging={approve.isPending && approve.variables?.method === 'merge' && approve.variables.candidateId === candidate.id}
                disabled={approve.isPending || mode === 'sync'}
                error={mergeError?.candidateId === candidate.id ? <CandidateError>{mergeError.message}</CandidateError> : null}
                onMerge={() => merge(candidate)}
              />
            ))}
          </Stack>
        )}
      </Stack>

      <Section
        title={candidates.length > 0 ? 'Not the same person?' : 'Approve'}
        description={
          mode === 'manual'
            ? 'Approve manually'
            : mode === 'sync'
              ? 'Synchronize with accounting system'
              : resident.companyIntegrated
                ? 'Refresh your books and match again, or enter the lease yourself.'
                : 'Enter the lease yourself.'
        }
        testId="approval-section"
      >
        {mode === 'choose' && (
          <ApprovalOptions
            value={path}
            onChange={setPath}
            onContinue={proceed}
            integrated={resident.companyIntegrated}
            integrationKind={company.data?.integrationKind}
            manualBlockedReason={unitId ? null : `Choose ${resident.firstName}’s unit above first (or ask support to add it).`}
            residentFirstName={resident.firstName}
          />
        )}
        {mode === 'sync' && (
          <SyncPanel
            residentId={resident.id}
            companyName={user.company?.name ?? 'Your company'}
            residentName={name}
            starting={sync.isPending}
            startError={sync.error}
            syncRunId={syncRunId}
            outcome={syncOutcome}
            onDone={onSyncDone}
            onBack={() => {
              sync.reset();
              setMode('choose');
            }}
          />
        )}
        {mode === 'manual' &&
          (properties.data ? (
            <ManualApprovalForm
              resident={resident}
              properties={properties.data}
              unitId={unitId}
              submitting={approve.isPending}
              error={manualError}
              onBack={() => setMode('choose')}
              onSubmit={approveManually}
            />
          ) : (
            <LoadingState label="Loading your units…" />
          ))}
      </Section>

      <ContactSupportModal
        opened={contacting}
        onClose={() => setContacting(false)}
        kinds={['missing_unit', 'missing_property']}
        initialKind={missingKind}
        initialMessage={supportMessage}
        residentId={resident.id}
        supportPagePath="/app/support"
        intro={`Support receives ${name}’s details and what they typed with your message.`}
        onSent={() => setSupportSent(true)}
      />
    </Stack>
  );
}

/** The seed article's review: check the person, property and unit; merge with a match, synchronize, or approve manually. */
export default function ResidentReviewRoute() {
  const { residentId = '' } = useParams();
  const resident = useResident(residentId);
  const approve = useApproveResident(residentId);
  const [declining, setDeclining] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [justApproved, setJustApproved] = useState(false);
  const { refetch } = resident;
  const decidedStatus = resident.data && resident.data.status !== 'pending' ? resident.data.status : null;

  // Decided: the sync run page no longer needs to lead back here.
  useEffect(() => {
    if (decidedStatus && reviewToReturnTo()?.residentId === residentId) forgetReview();
  }, [decidedStatus, residentId]);

  const reload = useCallback(async () => (await refetch()).data, [refetch]);
  const onApproved = useCallback(() => setJustApproved(true), []);
  const onConflict = useCallback(
    (message: string) => {
      setConflict(message);
      void refetch();
    },
    [refetch],
  );

  if (resident.isPending) return <LoadingState label="Loading the resident…" />;
  if (resident.isError) {
    if (isApiError(resident.error) && (resident.error.status === 404 || resident.error.status === 400)) return <NotFoundRoute inLayout />;
    return (
      <>
        <PageHeader title="Review resident" breadcrumbs={crumbs} />
        <ErrorState error={resident.error} onRetry={() => void resident.refetch()} />
      </>
    );
  }
  const data = resident.data;
  const name = fullName(data);
  const pending = data.status === 'pending';

  return (
    <>
      <PageHeader
        title={pending ? `Review ${name}` : name}
        documentTitle={`Review ${name}`}
        breadcrumbs={crumbs}
        description={
          pending ? `Signed up through your payment portal${data.pendingSince ? ` on ${formatDate(data.pendingSince)}` : ''} and is pending your review.` : undefined
        }
        actions={
          pending ? (
            <Button variant="light" color="red" leftSection={<IconUserX size={16} />} onClick={() => setDeclining(true)}>
              Decline
            </Button>
          ) : (
            <ResidentStatusBadge status={data.status} size="lg" />
          )
        }
      />
      {pending && data.accountEmailVerified === false && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Email not verified" mb="lg" data-testid="email-not-verified">
          {name} has not confirmed {data.email ?? 'their email'} yet, so nothing was matched automatically and they see none of your records. Approve only if you know this
          is them; they see their lease once they confirm.
        </Alert>
      )}
      {conflict && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title="Someone else acted first" mb="lg" role="alert" data-testid="review-conflict">
          {conflict}
        </Alert>
      )}
      {data.status === 'approved' || data.status === 'current' ? (
        <ApprovedOutcome resident={data} justApproved={justApproved && !conflict} />
      ) : data.status === 'declined' ? (
        <DeclinedOutcome resident={data} />
      ) : pending ? (
        <ReviewBody resident={data} approve={approve} onRefetch={reload} onApproved={onApproved} onConflict={onConflict} />
      ) : (
        <Card p="xl">
          <EmptyPanel title="Nothing to review" description={`${name} is not waiting for your review.`}>
            <Button component={Link} to={`/app/residents/${data.id}`}>
              Open {data.firstName}’s page
            </Button>
          </EmptyPanel>
        </Card>
      )}
      {pending && (
        <DeclineResidentModal
          resident={data}
          opened={declining}
          onClose={() => setDeclining(false)}
          onDeclined={() => void resident.refetch()}
          onConflict={(message) => {
            setDeclining(false);
            onConflict(message);
          }}
        />
      )}
    </>
  );
}
