import type { BankAccount } from '@rentledger/contracts';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { pluralize } from '../../../lib/format.ts';
import { useRemoveBankAccount } from '../api/remove-bank-account.ts';
import { AddBankAccountForm } from './add-bank-account-form.tsx';
import { ConfirmDepositsForm } from './confirm-deposits-form.tsx';
import { accountLabel, BankAccountStatusBadge } from './payment-status-badge.tsx';

function RemoveAccountModal({ account, onClose }: { account: BankAccount | null; onClose: () => void }) {
  const remove = useRemoveBankAccount();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={account !== null}
      onClose={close}
      title="Remove this bank account?"
      message={account ? `${accountLabel(account)} (${account.holderName}) is removed. Payments scheduled on it are cancelled and autopay on it stops.` : ''}
      error={remove.isError ? describeError(remove.error) : undefined}
      confirmLabel="Remove account"
      confirmColor="red"
      confirmIcon={<IconTrash size={16} />}
      confirming={remove.isPending}
      onConfirm={() => {
        if (!account) return;
        remove.mutate(account.id, {
          onSuccess: ({ cancelledPayments, autopayCancelled }) => {
            notifications.show({
              color: 'brand',
              title: `Account ending ${account.last4} removed`,
              message: [
                cancelledPayments === 0 ? 'No scheduled payment was on it.' : `${pluralize(cancelledPayments, 'scheduled payment')} ${cancelledPayments === 1 ? 'was' : 'were'} cancelled.`,
                autopayCancelled ? 'Autopay on it stopped.' : '',
              ]
                .filter(Boolean)
                .join(' '),
            });
            close();
          },
        });
      }}
    />
  );
}

type BankAccountsSectionProps = {
  residentId: string;
  companyName: string;
  /** The resident's accounts with this company. */
  accounts: BankAccount[];
  defaultHolderName?: string;
};

/** The accounts that can pay one landlord: their status, confirming the deposits, removing, adding. */
export function BankAccountsSection({ residentId, companyName, accounts, defaultHolderName }: BankAccountsSectionProps) {
  const [adding, setAdding] = useState(accounts.length === 0);
  const [removing, setRemoving] = useState<BankAccount | null>(null);
  return (
    <Stack gap="sm">
      <Text fw={600} component="h3" fz="md" m={0}>
        Bank accounts
      </Text>
      {accounts.length === 0 && !adding && (
        <Text size="sm" c="dimmed">
          No bank account yet.
        </Text>
      )}
      {accounts.map((account) => (
        <Paper key={account.id} withBorder p="md" radius="md" data-testid="bank-account" aria-label={accountLabel(account)} component="section">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start" gap="sm">
              <Stack gap={2} miw={0} style={{ flex: '1 1 12rem' }}>
                <Text fw={600}>{accountLabel(account)}</Text>
                <Text size="sm" c="dimmed">
                  {account.holderName}
                </Text>
              </Stack>
              <Group gap="sm">
                <BankAccountStatusBadge status={account.status} />
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => setRemoving(account)}
                  aria-label={`Remove ${accountLabel(account)}`}
                >
                  Remove
                </Button>
              </Group>
            </Group>
            {account.status === 'locked' && account.statusReason && (
              <Text size="sm" c="red.8">
                {account.statusReason}
              </Text>
            )}
            {account.status === 'validating' && <ConfirmDepositsForm account={account} />}
          </Stack>
        </Paper>
      ))}
      {adding ? (
        <Paper withBorder p="md" radius="md">
          <AddBankAccountForm
            residentId={residentId}
            companyName={companyName}
            defaultHolderName={defaultHolderName}
            onCancel={accounts.length > 0 ? () => setAdding(false) : undefined}
          />
        </Paper>
      ) : (
        <Group>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add a bank account
          </Button>
        </Group>
      )}
      <RemoveAccountModal account={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}
