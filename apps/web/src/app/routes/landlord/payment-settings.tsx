import { Alert } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { usePaymentSettings } from '../../../features/payments/api/get-payment-settings.ts';
import { PaymentSettingsForm } from '../../../features/payments/components/payment-settings-form.tsx';

export default function PaymentSettingsRoute() {
  const settings = usePaymentSettings();
  return (
    <>
      <PageHeader
        title="Bank settings"
        description="What your bank needs to take rent by ACH: the files RentLedger makes each day use these values."
        breadcrumbs={[{ label: 'Payments', to: '/app/payments' }]}
      />
      {settings.isPending ? (
        <LoadingState label="Loading your bank settings…" />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          {!settings.data.configured && (
            <Alert color="blue" variant="light" mb="lg" icon={<IconInfoCircle size={20} />} title="Not set up yet">
              Residents can pay online once these settings are saved.
            </Alert>
          )}
          <PaymentSettingsForm settings={settings.data} />
        </>
      )}
    </>
  );
}
