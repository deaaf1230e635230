import { useParams } from 'react-router';
import { useCompany } from '../../../features/companies/api/get-company.ts';
import { SyncRunWatch } from '../../../features/integration/components/sync-run-watch.tsx';
import { useProperties } from '../../../features/properties/api/get-properties.ts';
import { useResident } from '../../../features/residents/api/get-resident.ts';
import { PendingReview, type PendingReviewFlow } from '../../../features/review/components/pending-review.tsx';
import { ResidentReview } from '../../../features/review/components/resident-review.tsx';
import { ContactSupportModal } from '../../../features/support-requests/components/contact-support-modal.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useCurrentUser } from '../guards.tsx';
import { NotFoundRoute } from '../not-found.tsx';

/**
 * A pending resident's review with what the other features bring: the company's integration, its units,
 * the progress of a sync started here, and the support request for a missing unit. Loaded only while pending.
 */
function PendingReviewPage(flow: PendingReviewFlow) {
  const user = useCurrentUser();
  const company = useCompany(user.company?.id);
  const properties = useProperties();
  return (
    <PendingReview
      {...flow}
      companyName={user.company?.name ?? 'Your company'}
      integrationKind={company.data?.integrationKind}
      properties={properties}
      renderSyncRun={(syncRunId, onDone) => <SyncRunWatch syncRunId={syncRunId} onDone={onDone} />}
      renderContactSupport={(dialog) => <ContactSupportModal {...dialog} />}
    />
  );
}

/** The seed article's review: check the person, property and unit; merge with a match, synchronize, or approve manually. */
export default function ResidentReviewRoute() {
  const { residentId = '' } = useParams();
  const resident = useResident(residentId);
  if (resident.isError && isApiError(resident.error) && (resident.error.status === 404 || resident.error.status === 400)) return <NotFoundRoute inLayout />;
  return <ResidentReview residentId={residentId} resident={resident} renderPending={(flow) => <PendingReviewPage {...flow} />} />;
}
