import { PageHeader } from '../../../components/page-header.tsx';
import { PaymentAlertsList } from '../../../features/payment-alerts/components/payment-alerts-list.tsx';

/** Payments needing attention: the Incomplete Tasks item's list. */
export default function PaymentAlertsRoute() {
  return (
    <>
      <PageHeader
        title="Payments needing attention"
        description="Rent past its grace period unpaid or short, and payments the bank returned. Each clears when the month is paid or marked paid outside."
        breadcrumbs={[{ label: 'Dashboard', to: '/app' }]}
      />
      <PaymentAlertsList />
    </>
  );
}
