import type { Autopay, BankAccount, PayOptions } from '@rentledger/contracts';
import { Alert, Badge, Box, Button, Checkbox, Grid, Group, Loader, NumberInput, Paper, Radio, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconRepeat, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { MoneyInput } from '../../../components/form-fields.tsx';
import { ConfirmModal } from '../../../components/modal-scaffold.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { applyApiErrors, describeError, REQUIRED } from '../../../lib/form-errors.ts';
import { centsFromDollars, dollarsFromCents, formatCalendarDate, formatMoney } from '../../../lib/format.ts';
import type { AutopayAuthorizationQuery } from '../api/autopay-keys.ts';
import { useCancelAutopay } from '../api/cancel-autopay.ts';
import { useAutopayPlans } from '../api/get-autopay.ts';
import { useAutopayAuthorization } from '../api/get-autopay-authorization.ts';
import { usePayOptions } from '../api/get-pay-options.ts';
import { usePauseAutopay } from '../api/pause-autopay.ts';
import { usePutAutopay } from '../api/put-autopay.ts';
import { useResumeAutopay } from '../api/resume-autopay.ts';
import { accountLabel } from './payment-status-badge.tsx';

const LAST_DAY = 28;
const FIELDS = ['bankAccountId', 'dayOfMonth', 'kind', 'amount', 'cap', 'authorizationAccepted'] as const;
const fieldOf = (path: string) => (path === 'amountCents' ? 'amount' : path === 'capCents' ? 'cap' : path);

const validDay = (value: number | string) => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= LAST_DAY;

/** "$1,850.00 on day 1 of each month from the account ending 6789". */
export function describeAutopay(plan: Autopay): string {
  const amount = plan.kind === 'fixed' ? formatMoney(plan.amountCents ?? 0) : `The balance, up to ${formatMoney(plan.capCents ?? 0)},`;
  return `${amount} on day ${plan.dayOfMonth} of each month from the account ending ${plan.bankAccountLast4}`;
}

function AutopayStatusBadge({ status }: { status: Autopay['status'] }) {
  const paused = status === 'paused';
  return (
    <Badge variant="light" color={paused ? 'orange' : 'green'} radius="sm" tt="none" styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }} data-testid="autopay-status">
      {paused ? 'Paused' : 'Active'}
    </Badge>
  );
}

type AutopaySectionProps = {
  residentId: string;
  /** The resident's accounts with this residency's landlord (only verified ones can pay). */
  accounts: BankAccount[];
};

/** Autopay for one residency: the plan and its controls, or the form that sets one up. */
export function AutopaySection({ residentId, accounts }: AutopaySectionProps) {
  const options = usePayOptions(residentId);
  const plans = useAutopayPlans();
  const [editing, setEditingState] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The buttons that open or close the form go away with it: focus moves to the section's heading, not the page's start.
  const setEditing = (next: boolean) => {
    setEditingState(next);
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const headingId = `autopay-${residentId}`;
  const heading = (
    <Text fw={600} component="h3" fz="md" m={0} id={headingId} ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
      Autopay
    </Text>
  );
  if (options.isPending || plans.isPending) return <LoadingState label="Loading autopay…" />;
  if (options.isError) return <ErrorState error={options.error} onRetry={() => void options.refetch()} />;
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
  const plan = plans.data.find((candidate) => candidate.residentId === residentId && candidate.status !== 'cancelled') ?? null;
  const verified = accounts.filter((account) => account.status === 'verified');

  let body;
  if (plan && !editing) {
    body = <AutopayPlan plan={plan} onChange={() => setEditing(true)} onCancelled={() => headingRef.current?.focus()} />;
  } else if (!options.data.available) {
    body = (
      <Text size="sm" c="dimmed">
        Autopay opens when {options.data.companyName} takes online payments from you.
      </Text>
    );
  } else if (verified.length === 0) {
    body = (
      <Text size="sm" c="dimmed" data-testid="autopay-needs-account">
        Once a bank account is confirmed, you can have rent paid from it automatically each month.
      </Text>
    );
  } else {
    body = <AutopayForm options={options.data} accounts={verified} plan={plan} onDone={() => setEditing(false)} />;
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId} data-testid="autopay-section">
      {heading}
      {body}
    </Stack>
  );
}

function AutopayPlan({ plan, onChange, onCancelled }: { plan: Autopay; onChange: () => void; onCancelled: () => void }) {
  const pause = usePauseAutopay(plan.residentId);
  const resume = useResumeAutopay(plan.residentId);
  const [cancelling, setCancelling] = useState(false);
  const paused = plan.status === 'paused';
  const toggle = paused ? resume : pause;
  return (
    <Paper withBorder p="md" radius="md" data-testid="autopay-plan">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
          <Stack gap={2} miw={0}>
            <Text fw={600} data-testid="autopay-summary">
              {describeAutopay(plan)}
            </Text>
            <Text size="sm" c="dimmed" data-testid="autopay-next">
              {paused ? 'Paused: nothing is debited until you resume.' : plan.nextDebitOn ? `Next debit: ${formatCalendarDate(plan.nextDebitOn)}` : 'No debit is scheduled yet.'}
            </Text>
          </Stack>
          <AutopayStatusBadge status={plan.status} />
        </Group>
        {toggle.isError && (
          <Alert color="red" variant="light" role="alert">
            {describeError(toggle.error)}
          </Alert>
        )}
        <Group gap="sm">
          <Button
            size="xs"
            variant="default"
            leftSection={paused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />}
            loading={toggle.isPending}
            onClick={() => {
              pause.reset();
              resume.reset();
              toggle.mutate(undefined, {
                onSuccess: () => notifications.show({ color: 'brand', title: paused ? 'Autopay resumed' : 'Autopay paused', message: paused ? 'The next debit goes ahead on its day.' : 'Nothing is debited until you resume.' }),
              });
            }}
          >
            {paused ? 'Resume' : 'Pause'}
          </Button>
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={onChange}>
            Change
          </Button>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} />} onClick={() => setCancelling(true)}>
            Cancel autopay
          </Button>
        </Group>
      </Stack>
      <CancelAutopayModal residentId={plan.residentId} opened={cancelling} onClose={() => setCancelling(false)} onCancelled={onCancelled} />
    </Paper>
  );
}

function CancelAutopayModal({ residentId, opened, onClose, onCancelled }: { residentId: string; opened: boolean; onClose: () => void; onCancelled: () => void }) {
  const cancel = useCancelAutopay(residentId);
  const close = () => {
    cancel.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={opened}
      onClose={close}
      title="Cancel autopay?"
      message="Autopay stops, and its payments not yet sent to the bank are cancelled. A debit already sent goes ahead. You can set autopay up again at any time."
      error={cancel.isError ? describeError(cancel.error) : undefined}
      cancelLabel="Keep autopay"
      confirmLabel="Cancel autopay"
      confirmColor="red"
      confirmIcon={<IconX size={16} />}
      confirming={cancel.isPending}
      onConfirm={() =>
        cancel.mutate(undefined, {
          onSuccess: () => {
            notifications.show({ color: 'brand', title: 'Autopay cancelled', message: 'Its payments not yet sent to the bank were cancelled.' });
            close();
            // The plan and its buttons are gone: after the modal hands focus back, put it on the section.
            setTimeout(onCancelled, 250);
          },
        })
      }
    />
  );
}

type AutopayFormProps = {
  options: PayOptions;
  /** Verified accounts only. */
  accounts: BankAccount[];
  /** The plan being changed, or null when setting one up. */
  plan: Autopay | null;
  onDone: () => void;
};

export function AutopayForm({ options, accounts, plan, onDone }: AutopayFormProps) {
  const put = usePutAutopay(options.residentId);
  const [formError, setFormError] = useState<string | null>(null);
  const submitting = useRef(false);
  const balanceShown = options.balanceCents !== null;
  const rentCents = options.rentCents ?? options.defaultAmountCents;
  const planAccount = plan && accounts.some((account) => account.id === plan.bankAccountId) ? plan.bankAccountId : null;
  const form = useForm({
    initialValues: {
      bankAccountId: planAccount ?? (accounts.length === 1 ? (accounts[0]?.id ?? null) : null),
      dayOfMonth: (plan?.dayOfMonth ?? 1) as number | string,
      kind: (plan?.kind === 'balance' && balanceShown ? 'balance' : 'fixed') as 'fixed' | 'balance',
      amount: dollarsFromCents(plan?.kind === 'fixed' ? plan.amountCents : rentCents) as number | string,
      cap: dollarsFromCents(plan?.kind === 'balance' ? plan.capCents : null) as number | string,
      authorizationAccepted: false,
    },
    validate: {
      bankAccountId: (value) => (value ? null : 'Choose the account to pay from'),
      dayOfMonth: (value) => (value === '' ? REQUIRED : validDay(value) ? null : 'Choose a day from 1 to 28: every month has those'),
      amount: (value, values) => {
        if (values.kind !== 'fixed') return null;
        const cents = centsFromDollars(value);
        if (cents === null || cents === 0) return 'Enter the amount to pay each month';
        if (cents < options.minCents || cents > options.maxCents) return `Choose an amount from ${formatMoney(options.minCents)} to ${formatMoney(options.maxCents)}`;
        return null;
      },
      cap: (value, values) => {
        if (values.kind !== 'balance') return null;
        const cents = centsFromDollars(value);
        if (cents === null || cents === 0) return 'Enter the most autopay may take in a month';
        if (cents < options.minCents || cents > options.maxCents) return `Choose a limit from ${formatMoney(options.minCents)} to ${formatMoney(options.maxCents)}`;
        return null;
      },
      authorizationAccepted: (value) => (value ? null : 'Read and accept the authorization to set up autopay'),
    },
  });

  const { bankAccountId, dayOfMonth, kind } = form.values;
  const amountCents = centsFromDollars(form.values.amount);
  const capCents = centsFromDollars(form.values.cap);
  const money = kind === 'fixed' ? amountCents : capCents;
  const [query] = useDebouncedValue<AutopayAuthorizationQuery | null>(
    bankAccountId && validDay(dayOfMonth) && money !== null && money > 0
      ? { residentId: options.residentId, bankAccountId, dayOfMonth: dayOfMonth as number, kind, ...(kind === 'fixed' ? { amountCents: money } : { capCents: money }) }
      : null,
    300,
  );
  const authorization = useAutopayAuthorization(query);
  // A tick agrees to the terms shown: other terms (account, day, amount) need a new tick.
  const terms = JSON.stringify(query);
  useEffect(() => {
    form.setFieldValue('authorizationAccepted', false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [terms]);

  const submit = form.onSubmit((values) => {
    if (submitting.current || put.isPending) return;
    submitting.current = true;
    setFormError(null);
    put.mutate(
      {
        bankAccountId: values.bankAccountId ?? '',
        dayOfMonth: Number(values.dayOfMonth),
        kind: values.kind,
        ...(values.kind === 'fixed' ? { amountCents: centsFromDollars(values.amount) ?? 0 } : { capCents: centsFromDollars(values.cap) ?? 0 }),
        authorizationAccepted: true,
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'brand', title: plan ? 'Autopay changed' : 'Autopay set up', message: `${describeAutopay(saved)}. We emailed you the authorization.` });
          onDone();
        },
        onError: (error) => setFormError(applyApiErrors(form, error, FIELDS, fieldOf)),
        onSettled: () => {
          submitting.current = false;
        },
      },
    );
  });

  const id = options.residentId;
  const authorizationReady = query !== null && authorization.data !== undefined;
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate aria-label={plan ? 'Change autopay' : 'Set up autopay'}>
        <Stack gap="md">
          <Text fw={600}>{plan ? 'Change autopay' : 'Set up autopay'}</Text>
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
              <NumberInput
                label="Day of the month"
                description="Every month has days 1 to 28"
                required
                min={1}
                max={LAST_DAY}
                step={1}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                inputMode="numeric"
                {...form.getInputProps('dayOfMonth')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Radio.Group label="How much" required {...form.getInputProps('kind')}>
                <Stack gap="xs" mt={6}>
                  <Radio value="fixed" label="A fixed amount" />
                  {balanceShown && <Radio value="balance" label="The balance, up to a limit" />}
                </Stack>
              </Radio.Group>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              {kind === 'fixed' ? (
                <MoneyInput key="amount" label="Amount each month" required description={`From ${formatMoney(options.minCents)} to ${formatMoney(options.maxCents)}`} {...form.getInputProps('amount')} />
              ) : (
                <MoneyInput
                  key="cap"
                  label="Limit each month"
                  required
                  description="The most autopay may take; a month with a larger balance is skipped and you are emailed"
                  {...form.getInputProps('cap')}
                />
              )}
            </Grid.Col>
          </Grid>
          {query !== null && (
            <Stack gap="xs">
              <Text size="sm" fw={600} id={`autopay-authorization-${id}`}>
                Authorization
              </Text>
              <Paper
                withBorder
                p="md"
                radius="md"
                bg="gray.0"
                aria-labelledby={`autopay-authorization-${id}`}
                role="region"
                tabIndex={0}
                data-testid="autopay-authorization-text"
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
            </Stack>
          )}
          <Checkbox
            label="I authorize these recurring debits"
            required
            disabled={!authorizationReady}
            aria-invalid={form.errors.authorizationAccepted ? true : undefined}
            {...form.getInputProps('authorizationAccepted', { type: 'checkbox' })}
          />
          <Group justify="flex-end" gap="sm">
            {plan && (
              <Button variant="default" onClick={onDone}>
                Keep the current plan
              </Button>
            )}
            <Button type="submit" leftSection={<IconRepeat size={16} />} loading={put.isPending}>
              {plan ? 'Save changes' : 'Set up autopay'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
