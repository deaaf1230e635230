import type { BankAccount, Residency } from '@rentledger/contracts';
import { Button, Card, Divider, Stack, Text, Title } from '@mantine/core';
import { IconHome } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useBankAccounts } from '../api/get-bank-accounts.ts';
import { AutopaySection } from './autopay-section.tsx';
import { BankAccountsSection } from './bank-accounts-section.tsx';
import { PayRent } from './pay-rent-form.tsx';
import { PaymentHistory } from './payment-history.tsx';
import { RentHistory } from './rent-history.tsx';

const canPay = (residency: Residency) => residency.status === 'approved' || residency.status === 'current';

function ResidencyPayments({ residency, accounts, holderName }: { residency: Residency; accounts: BankAccount[]; holderName?: string }) {
  const headingId = `pay-${residency.id}`;
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId} data-testid="residency-payments">
      <Stack gap="md">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
            {residency.companyName}
          </Text>
          <Title order={2} fz="lg" id={headingId}>
            Pay rent: {residency.propertyName ?? 'your home'}
            {residency.unitLabel ? `, unit ${residency.unitLabel}` : ''}
          </Title>
        </Stack>
        <PayRent residentId={residency.id} accounts={accounts} />
        <Divider />
        <AutopaySection residentId={residency.id} accounts={accounts} />
        <Divider />
        <BankAccountsSection residentId={residency.id} companyName={residency.companyName} accounts={accounts} defaultHolderName={holderName} />
        <Divider />
        <RentHistory residentId={residency.id} as="resident" />
      </Stack>
    </Card>
  );
}

type ResidentPaymentsProps = {
  residencies: Residency[];
  /** The signed-in resident's name, offered as the account holder. */
  holderName?: string;
};

/** The resident's payments page body: per approved residency, paying and its bank accounts; then the history. */
export function ResidentPayments({ residencies, holderName }: ResidentPaymentsProps) {
  const accounts = useBankAccounts();
  const payable = residencies.filter(canPay);
  if (payable.length === 0) {
    return (
      <Card p="xl">
        <EmptyPanel
          icon={<IconHome size={28} />}
          title="Nothing to pay here yet"
          description="Once your landlord approves your residency, you can add a bank account and pay rent on this page."
        >
          <Button component={Link} to="/me" variant="default">
            Go to your home
          </Button>
        </EmptyPanel>
      </Card>
    );
  }
  if (accounts.isPending) return <LoadingState label="Loading your bank accounts…" />;
  if (accounts.isError) return <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />;
  return (
    <Stack gap="lg">
      {payable.map((residency) => (
        <ResidencyPayments
          key={residency.id}
          residency={residency}
          accounts={accounts.data.filter((account) => account.companyName === residency.companyName)}
          holderName={holderName}
        />
      ))}
      <PaymentHistory />
    </Stack>
  );
}
