import type { BankAccount } from '@rentledger/contracts';
import { Alert, Button, Grid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { MoneyInput } from '../../../components/form-fields.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError, REQUIRED } from '../../../lib/form-errors.ts';
import { centsFromDollars, formatCalendarDate } from '../../../lib/format.ts';
import { useVerifyBankAccount } from '../api/verify-bank-account.ts';

const inRange = (value: number | string) => {
  const cents = centsFromDollars(value);
  if (cents === null) return REQUIRED;
  return cents >= 1 && cents <= 99 ? null : 'Between $0.01 and $0.99';
};

/** The two small deposits, typed in dollars as the statement shows them, sent in cents. */
export function ConfirmDepositsForm({ account }: { account: BankAccount }) {
  const verify = useVerifyBankAccount(account.id);
  const form = useForm({ initialValues: { first: '' as number | string, second: '' as number | string }, validate: { first: inRange, second: inRange } });

  const submit = form.onSubmit((values) => {
    verify.mutate([centsFromDollars(values.first) ?? 0, centsFromDollars(values.second) ?? 0], {
      onSuccess: () => notifications.show({ color: 'brand', title: 'Account verified', message: `The account ending ${account.last4} is ready for payments.` }),
    });
  });

  const notSent = isApiError(verify.error) && verify.error.code === 'micro_entries_not_sent';
  return (
    <form onSubmit={submit} noValidate aria-label={`Confirm the deposits to the account ending ${account.last4}`}>
      <Stack gap="sm">
        <Text size="sm">
          {account.microEntriesSentOn
            ? `Two deposits under $1 went to this account on ${formatCalendarDate(account.microEntriesSentOn)}. Type the two amounts from your statement, in any order.`
            : 'Two deposits under $1 go to this account with the next bank file. Once they show on your statement, type the two amounts here, in any order.'}{' '}
          {`${account.triesLeft} ${account.triesLeft === 1 ? 'try' : 'tries'} left.`}
        </Text>
        {verify.isError &&
          (notSent ? (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={20} />} aria-live="polite" data-testid="deposits-not-sent">
              {verify.error.message}
            </Alert>
          ) : (
            <Alert color="red" variant="light" role="alert">
              {describeError(verify.error)}
            </Alert>
          ))}
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <MoneyInput label="First deposit" placeholder="$0.00" min={0.01} max={0.99} {...form.getInputProps('first')} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <MoneyInput label="Second deposit" placeholder="$0.00" min={0.01} max={0.99} {...form.getInputProps('second')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Button type="submit" fullWidth loading={verify.isPending}>
              Confirm deposits
            </Button>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}
