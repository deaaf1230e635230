import type { BankAccount } from '@rentledger/contracts';
import { Alert, Button, Grid, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBuildingBank, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { applyApiErrors, REQUIRED } from '../../../lib/form-errors.ts';
import { useAddBankAccount } from '../api/add-bank-account.ts';

const FIELDS = ['holderName', 'routingNumber', 'accountNumber', 'accountNumberAgain', 'accountType'] as const;
const digits = (value: string) => value.replace(/[\s-]/g, '');

type AddBankAccountFormProps = {
  residentId: string;
  companyName: string;
  /** The name on the resident's account, typed for them. */
  defaultHolderName?: string;
  onCancel?: () => void;
};

/** A new account: the numbers go to the server once and only the last 4 ever come back. */
export function AddBankAccountForm({ residentId, companyName, defaultHolderName = '', onCancel }: AddBankAccountFormProps) {
  const add = useAddBankAccount();
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<BankAccount | null>(null);
  const form = useForm({
    initialValues: { holderName: defaultHolderName, routingNumber: '', accountNumber: '', accountNumberAgain: '', accountType: 'checking' as BankAccount['accountType'] },
    validate: {
      holderName: (value) => (value.trim() ? (value.trim().length > 22 ? 'A bank file holds 22 characters of the name: shorten it (initials are fine)' : null) : REQUIRED),
      routingNumber: (value) => (!value.trim() ? REQUIRED : /^[0-9]{9}$/.test(digits(value)) ? null : 'A routing number is 9 digits'),
      accountNumber: (value) => (!value.trim() ? REQUIRED : /^[0-9]{4,17}$/.test(digits(value)) ? null : 'An account number is 4 to 17 digits'),
      accountNumberAgain: (value, values) => (!value.trim() ? REQUIRED : digits(value) === digits(values.accountNumber) ? null : 'The account numbers do not match'),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    add.mutate(
      { residentId, holderName: values.holderName.trim(), routingNumber: digits(values.routingNumber), accountNumber: digits(values.accountNumber), accountType: values.accountType },
      {
        onSuccess: (account) => {
          setAdded(account);
          form.reset();
        },
        onError: (error) => setFormError(applyApiErrors(form, error, FIELDS)),
      },
    );
  });

  if (added) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck size={20} />} title={`Account ending ${added.last4} added`} aria-live="polite" data-testid="bank-account-added">
        <Stack gap="xs">
          <Text size="sm">
            {added.status === 'verified'
              ? `This account already paid ${companyName}: it is ready to use.`
              : `To prove the account is yours, ${companyName} sends two small deposits under $1 with the next bank file. They usually show on your statement the next banking day: come back here then and confirm the two amounts.`}
          </Text>
          <Group>
            <Button size="xs" variant="white" onClick={() => (onCancel ? onCancel() : setAdded(null))}>
              Done
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`add-account-${residentId}`}>
      <Stack gap="md">
        <Text fw={600} id={`add-account-${residentId}`}>
          Add a bank account
        </Text>
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label="Name on the account" autoComplete="name" required {...form.getInputProps('holderName')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Stack gap={4}>
              <Text size="sm" fw={500} id={`account-type-${residentId}`}>
                Account type
              </Text>
              <SegmentedControl
                aria-labelledby={`account-type-${residentId}`}
                data={[
                  { value: 'checking', label: 'Checking' },
                  { value: 'savings', label: 'Savings' },
                ]}
                {...form.getInputProps('accountType')}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Routing number" placeholder="9 digits" inputMode="numeric" autoComplete="off" required {...form.getInputProps('routingNumber')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Account number" inputMode="numeric" autoComplete="off" required {...form.getInputProps('accountNumber')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Account number again" inputMode="numeric" autoComplete="off" required {...form.getInputProps('accountNumberAgain')} />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" leftSection={<IconBuildingBank size={16} />} loading={add.isPending}>
            Add account
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
