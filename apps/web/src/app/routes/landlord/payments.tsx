import { Alert, Button, Stack } from '@mantine/core';
import { IconBuildingBank, IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { usePaymentSettings } from '../../../features/payments/api/get-payment-settings.ts';
import { AchFiles } from '../../../features/payments/components/ach-files.tsx';
import { BankReturns } from '../../../features/payments/components/bank-returns.tsx';
import { CompanyPayments } from '../../../features/payments/components/company-payments.tsx';
import { OnTimeRent } from '../../../features/payments/components/on-time-rent.tsx';
import { useProperties } from '../../../features/properties/api/get-properties.ts';

export default function LandlordPaymentsRoute() {
  const settings = usePaymentSettings();
  const properties = useProperties();
  return (
    <>
      <PageHeader
        title="Payments"
        description="Rent residents pay online by ACH, and the bank files that deposit it."
        actions={
          <Button component={Link} to="/app/payment-settings" variant="default" leftSection={<IconBuildingBank size={16} />}>
            Bank settings
          </Button>
        }
      />
      <Stack gap="lg">
        {settings.data && !settings.data.configured && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={20} />} title="Online payments are not set up">
            Residents can pay online once you enter your bank's details in Bank settings.
          </Alert>
        )}
        <CompanyPayments properties={properties.data ?? []} />
        <OnTimeRent />
        <AchFiles />
        <BankReturns />
      </Stack>
    </>
  );
}
