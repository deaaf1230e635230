import type { BankAccount, Payment, PayOptions } from '@rentledger/contracts';
import { Alert, Box, Button, Checkbox, Grid, Group, Loader, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCircleCheck, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { DateField, MoneyInput } from '../../../components/form-fields.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { applyApiErrors, REQUIRED } from '../../../lib/form-errors.ts';
import { centsFromDollars, dollarsFromCents, formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import { useCreatePayment } from '../api/create-payment.ts';
import { useAuthorization } from '../api/get-authorization.ts';
import { usePayOptions } from '../api/get-pay-options.ts';
import { accountLabel } from './payment-status-badge.tsx';

const FIELDS = ['bankAccountId', 'amount', 'date', 'authorizationAccepted'] as const;
const fieldOf = (path: string) => (path === 'amountCents' ? 'amount' : path);

/** One key per visit of the form: a doubled or retried submit is the same payment. */
function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

type PayRentFormProps = { residentId: string; accounts: BankAccount[] };

/** Pay rent for one residency: the options first (is paying open, how much, when), then the form. */
export function PayRent({ residentId, accounts }: PayRentFormProps) {
  const options = usePayOptions(residentId);
  if (options.isPending) return <LoadingState label="Loading what you can pay…" />;
  if (options.isError) return <ErrorState error={options.error} onRetry={() => void options.refetch()} />;
  if (!options.data.available) {
    return (
      <Alert color="blue" variant="light" icon={<IconInfoCircle size={20} />} title="Online payments are not available" data-testid="payments-unavailable">
        {options.data.unavailableReason ?? `${options.data.companyName} does not take payments here right now.`}
      </Alert>
    );
  }
  const verified = accounts.filter((account) => account.status === 'verified');
  if (verified.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="pay-needs-account">
        Add a bank account below and confirm its two small deposits: then you can pay {options.data.companyName} here.
      </Text>
    );
  }
  return <PayRentForm options={options.data} accounts={verified} />;
}

function PayRentForm({ options, accounts }: { options: PayOptions; accounts: BankAccount[] }) {
  const create = useCreatePayment();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [formError, setFormError] = useState<string | null>(null);
  const [paid, setPaid] = useState<Payment | null>(null);
  const submitting = useRef(false);
  const initialValues = {
    bankAccountId: accounts.length === 1 ? (accounts[0]?.id ?? null) : null,
    amount: dollarsFromCents(options.defaultAmountCents) as number | string,
    when: 'now' as 'now' | 'date',
    date: '',
    authorizationAccepted: false,
  };
  const form = useForm({
    initialValues,
    validate: {
      bankAccountId: (value) => (value ? null : 'Choose the account to pay from'),
      amount: (value) => {
        const cents = centsFromDollars(value);
        if (cents === null || cents === 0) return REQUIRED;
        if (cents < options.minCents || cents > options.maxCents) return `Pay between ${formatMoney(options.minCents)} and ${formatMoney(options.maxCents)}`;
        if (options.fullBalanceOnly && cents !== options.defaultAmountCents) return `${options.companyName} takes the full balance only: ${formatMoney(options.defaultAmountCents)}`;
        return null;
      },
      date: (value, values) => {
        if (values.when === 'now') return null;
        if (!value) return 'Choose the day to pay';
        if (value < options.earliestDate || value > options.latestDate) return `Choose a day from ${formatCalendarDate(options.earliestDate)} to ${formatCalendarDate(options.latestDate)}`;
        return null;
      },
      authorizationAccepted: (value) => (value ? null : 'Read and accept the authorization to pay'),
    },
  });

  const amountCents = centsFromDollars(form.values.amount);
  const date = form.values.when === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(form.values.date) ? form.values.date : undefined;
  const [query] = useDebouncedValue(
    form.values.bankAccountId && amountCents !== null && amountCents > 0 && (form.values.when === 'now' || date)
      ? { residentId: options.residentId, bankAccountId: form.values.bankAccountId, amountCents, ...(date ? { date } : {}) }
      : null,
    300,
  );
  const authorization = useAuthorization(query);
  // A tick agrees to the text shown: new terms (another account, amount or day) need a new tick.
  const authorizationText = authorization.data;
  useEffect(() => {
    form.setFieldValue('authorizationAccepted', false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [authorizationText]);

  const submit = form.onSubmit((values) => {
    if (submitting.current || create.isPending) return;
    submitting.current = true;
    setFormError(null);
    create.mutate(
      {
        body: {
          residentId: options.residentId,
          bankAccountId: values.bankAccountId ?? '',
          amountCents: centsFromDollars(values.amount) ?? 0,
          ...(values.when === 'date' ? { date: values.date } : {}),
          authorizationAccepted: true,
        },
        idempotencyKey,
      },
      {
        onSuccess: (payment) => {
          setPaid(payment);
          setIdempotencyKey(newIdempotencyKey());
          form.setValues(initialValues);
          form.resetDirty();
        },
        onError: (error) => setFormError(applyApiErrors(form, error, FIELDS, fieldOf)),
        onSettled: () => {
          submitting.current = false;
        },
      },
    );
  });

  if (paid) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck size={20} />} title="Payment scheduled" aria-live="polite" data-testid="payment-confirmation">
        <Stack gap="xs">
          <Text size="sm">
            {formatMoney(paid.amountCents)} from the account ending {paid.bankAccountLast4}, debited on {formatCalendarDate(paid.scheduledFor)}. We emailed you the
            authorization; you can cancel until the bank file is made.
          </Text>
          <Group>
            <Button size="xs" variant="white" onClick={() => setPaid(null)}>
              Make another payment
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }

  const authorizationReady = query !== null && authorization.data !== undefined;
  return (
    <form onSubmit={submit} noValidate aria-label={`Pay ${options.companyName}`}>
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label="Pay from"
              placeholder="Choose an account"
              required
              allowDeselect={false}
              data={accounts.map((account) => ({ value: account.id, label: `${accountLabel(account)} (${account.holderName})` }))}
              {...form.getInputProps('bankAccountId')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <MoneyInput
              label="Amount"
              required
              readOnly={options.fullBalanceOnly}
              description={
                options.fullBalanceOnly
                  ? 'The full balance: your landlord takes no partial payments'
                  : `From ${formatMoney(options.minCents)} to ${formatMoney(options.maxCents)}${options.balanceCents !== null && options.balanceCents > 0 ? `; your balance is ${formatMoney(options.balanceCents)}` : ''}`
              }
              {...form.getInputProps('amount')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Stack gap={4}>
              <Text size="sm" fw={500} id={`when-${options.residentId}`}>
                When
              </Text>
              <SegmentedControl
                aria-labelledby={`when-${options.residentId}`}
                data={[
                  { value: 'now', label: 'Pay now' },
                  { value: 'date', label: 'On a date' },
                ]}
                {...form.getInputProps('when')}
              />
            </Stack>
          </Grid.Col>
          {form.values.when === 'date' && (
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <DateField
                label="Payment date"
                required
                min={options.earliestDate}
                max={options.latestDate}
                description={`From ${formatCalendarDate(options.earliestDate)} to ${formatCalendarDate(options.latestDate)}`}
                {...form.getInputProps('date')}
              />
            </Grid.Col>
          )}
        </Grid>
        <Text size="xs" c="dimmed">
          {`Payment window: ${options.paymentWindow}`}
        </Text>
        {query !== null && (
          <Stack gap="xs">
            <Text size="sm" fw={600} id={`authorization-${options.residentId}`}>
              Authorization
            </Text>
            <Paper
              withBorder
              p="md"
              radius="md"
              bg="gray.0"
              aria-labelledby={`authorization-${options.residentId}`}
              role="region"
              tabIndex={0}
              data-testid="authorization-text"
              style={{ maxHeight: 260, overflowY: 'auto' }}
            >
              {authorization.isError ? (
                <Text size="sm" c="red.8">
                  We could not load the authorization text. Change a field or try again.
                </Text>
              ) : authorization.data === undefined ? (
                <Loader size="sm" aria-label="Loading the authorization" />
              ) : (
                <Box component="pre" m={0} fz="sm" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', overflowWrap: 'anywhere' }}>
                  {authorization.data}
                </Box>
              )}
            </Paper>
            <Checkbox label="I authorize this debit" required disabled={!authorizationReady} {...form.getInputProps('authorizationAccepted', { type: 'checkbox' })} />
          </Stack>
        )}
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconLock size={16} />} loading={create.isPending}>
            {amountCents !== null && amountCents > 0 ? `Pay ${formatMoney(amountCents)}` : 'Pay'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
