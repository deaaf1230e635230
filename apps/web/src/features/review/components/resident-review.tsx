import type { ResidentDetail } from '@rentledger/contracts';
import { Alert, Button, Card } from '@mantine/core';
import { IconAlertTriangle, IconUserX } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { ResidentLeaseBadge } from '../../../components/lease-status.tsx';
import { formatDate, possessive } from '../../../lib/format.ts';
import { useApproveResident } from '../api/approve-resident.ts';
import { DeclineResidentModal } from './decline-resident-modal.tsx';
import type { PendingReviewFlow } from './pending-review.tsx';
import { fullName } from './review-decisions.ts';
import { ApprovedOutcome, DeclinedOutcome } from './review-outcome.tsx';
import { forgetReview, reviewToReturnTo } from './review-return.ts';

const crumbs = [
  { label: 'Residents', to: '/app/residents' },
  { label: 'Pending review', to: '/app/residents?status=pending' },
];

type ResidentReviewProps = {
  residentId: string;
  /** The resident, as the residents feature's query loads it (the page passes it in; a 404 is the page's). */
  resident: UseQueryResult<ResidentDetail, Error>;
  /** The pending resident's review, which the page composes with the other features it needs (`PendingReview`). */
  renderPending: (flow: PendingReviewFlow) => ReactNode;
};

/**
 * The seed article's review page: the header with Decline, what another staff member did first, and then the
 * review itself while the resident is pending, or the outcome (approved, declined) once decided.
 */
export function ResidentReview({ residentId, resident, renderPending }: ResidentReviewProps) {
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
            // A decided resident's badge says what the residents list says: an expired lease shows as ended.
            <ResidentLeaseBadge resident={data} size="lg" />
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
        renderPending({ resident: data, approve, onRefetch: reload, onApproved, onConflict })
      ) : (
        <Card p="xl">
          <EmptyPanel title="Nothing to review" description={`${name} is not waiting for your review.`}>
            <Button component={Link} to={`/app/residents/${data.id}`}>
              Open {possessive(data.firstName)} page
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
