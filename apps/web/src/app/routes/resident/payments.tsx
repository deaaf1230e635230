import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { ResidentPayments } from '../../../features/payments/components/resident-payments.tsx';
import { useResidencies } from '../../../features/residents/api/get-residencies.ts';
import { useCurrentUser } from '../guards.tsx';

export default function ResidentPaymentsRoute() {
  const user = useCurrentUser();
  const residencies = useResidencies();
  return (
    <>
      <PageHeader title="Payments" description="Pay rent from your bank account (ACH), confirm your accounts, and see every payment you made." />
      {residencies.isPending ? (
        <LoadingState label="Loading your rentals…" />
      ) : residencies.isError ? (
        <ErrorState error={residencies.error} onRetry={() => void residencies.refetch()} />
      ) : (
        <ResidentPayments residencies={residencies.data} holderName={`${user.firstName} ${user.lastName}`.slice(0, 22)} />
      )}
    </>
  );
}
