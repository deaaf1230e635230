import type { CreateSupportRequest, ResidentDetail, SupportRequest, UpdateResidentRequest } from '@rentledger/contracts';
import { Alert, Button, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconGitMerge, IconLifebuoy, IconUsers } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { MoneyInput } from '../../../components/form-fields.tsx';
import { WideModal } from '../../../components/modal-scaffold.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { type PropertiesQuery, UnitPicker } from '../../../components/unit-picker.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { applyApiErrors, describeError } from '../../../lib/form-errors.ts';
import { centsFromDollars, dollarsFromCents, possessive } from '../../../lib/format.ts';
import { useUpdateResident } from '../api/update-resident.ts';
import { PAYMENT_POLICY_DESCRIPTIONS, PAYMENT_POLICY_LABELS, type PaymentPolicy } from './payment-policy.ts';

type FormValues = { balance: number | string; paymentPolicy: PaymentPolicy; accountingResidentId: string; unitId: string | null };

/** The holder of an accounting resident ID, as the 409 accounting_id_taken names them. */
type IdConflict = { accountingResidentId: string; holderId: string; holderName: string; holderPlace: string | null; body: UpdateResidentRequest };

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** "Maple Court Apartments, unit 201": where a resident lives, to tell two people apart. */
function placeOf(propertyName: string | null, unitLabel: string | null): string | null {
  const parts = [propertyName, unitLabel ? `unit ${unitLabel}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

function conflictOf(error: unknown, accountingResidentId: string, body: UpdateResidentRequest): IdConflict | null {
  if (!isApiError(error) || error.code !== 'accounting_id_taken') return null;
  const details = (error.details ?? {}) as { residentId?: unknown; name?: unknown; propertyName?: unknown; unitLabel?: unknown };
  if (typeof details.residentId !== 'string') return null;
  return {
    accountingResidentId,
    holderId: details.residentId,
    holderName: text(details.name) ?? 'another resident',
    holderPlace: placeOf(text(details.propertyName), text(details.unitLabel)),
    body,
  };
}

/**
 * The question, worded so it reads well even when both people have the same name: the holder is
 * named with where they live, the resident being edited with theirs.
 */
function conflictQuestion(conflict: IdConflict, name: string, place: string | null) {
  const holder = `${conflict.holderName}${conflict.holderPlace ? ` (${conflict.holderPlace})` : ''}`;
  const sameName = conflict.holderName.toLowerCase() === name.toLowerCase();
  const editing = sameName ? `the ${name} you are editing${place ? ` (${place})` : ''}` : name;
  return {
    assigned: `${sameName ? 'another resident named ' : ''}${holder}`,
    question: `Is ${sameName ? 'that' : conflict.holderName} the same person as ${editing}?`,
    folded: sameName ? `the other ${possessive(name)} record` : `${possessive(conflict.holderName)} record`,
  };
}

const FIELDS = ['balance', 'paymentPolicy', 'accountingResidentId', 'unitId'] as const;
const fieldMap = (path: string) => (path === 'balanceCents' ? 'balance' : path);

type EditResidentModalProps = {
  resident: ResidentDetail;
  opened: boolean;
  onClose: () => void;
  /** The company's properties and units (the page passes the properties feature's query). */
  properties: PropertiesQuery;
  /** Opens the support request that "No, contact support" sends (the page passes the support-requests feature's). */
  supportRequest: UseMutationResult<SupportRequest, Error, CreateSupportRequest>;
};

/**
 * "Edit" on an approved resident: the balance to display, the payment policy, the accounting resident
 * ID (integrated companies) and the unit. A taken accounting ID names its holder and asks whether it is
 * the same person: yes merges them, no opens a support request.
 */
export function EditResidentModal({ resident, opened, onClose, properties, supportRequest: support }: EditResidentModalProps) {
  const update = useUpdateResident(resident.id);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<IdConflict | null>(null);
  const name = `${resident.firstName} ${resident.lastName}`.trim();
  const initialValues: FormValues = {
    balance: dollarsFromCents(resident.balanceCents),
    paymentPolicy: resident.paymentPolicy,
    accountingResidentId: resident.accountingResidentId ?? '',
    unitId: resident.unitId,
  };
  const form = useForm<FormValues>({ mode: 'controlled', initialValues });

  // Each opening starts from the resident as saved now.
  useEffect(() => {
    if (!opened) return;
    form.setValues(initialValues);
    form.clearErrors();
    setFormError(null);
    setConflict(null);
    update.reset();
    support.reset();
    // Only when the modal opens: typing must not be overwritten.
  }, [opened]);

  const close = () => onClose();

  const saved = (message: string) => {
    notifications.show({ color: 'brand', title: 'Resident updated', message });
    setConflict(null);
    support.reset();
    onClose();
  };

  const send = (body: UpdateResidentRequest, accountingResidentId: string) => {
    setFormError(null);
    update.mutate(body, {
      onSuccess: () => saved(body.samePersonAs ? `${name} and the other resident were merged; ${name} now has accounting ID ${accountingResidentId}.` : `${possessive(name)} details were saved.`),
      onError: (error) => {
        const taken = conflictOf(error, accountingResidentId, body);
        if (taken) setConflict(taken);
        else setFormError(applyApiErrors(form, error, FIELDS, fieldMap));
      },
    });
  };

  const submit = form.onSubmit((values) => {
    const body: UpdateResidentRequest = {};
    const balanceCents = centsFromDollars(values.balance);
    if (balanceCents !== resident.balanceCents) body.balanceCents = balanceCents;
    if (values.paymentPolicy !== resident.paymentPolicy) body.paymentPolicy = values.paymentPolicy;
    const accountingId = values.accountingResidentId.trim();
    if (resident.companyIntegrated && accountingId !== (resident.accountingResidentId ?? '')) body.accountingResidentId = accountingId || null;
    if (values.unitId && values.unitId !== resident.unitId) body.unitId = values.unitId;
    if (Object.keys(body).length === 0) {
      close();
      return;
    }
    send(body, accountingId);
  });

  const place = placeOf(resident.propertyName, resident.unitLabel);
  const askSupport = (note: string) => {
    if (!conflict) return;
    const holder = `${conflict.holderName}${conflict.holderPlace ? ` (${conflict.holderPlace})` : ''}`;
    const editing = `${name}${place ? ` (${place})` : ''}`;
    const summary = `Accounting resident ID ${conflict.accountingResidentId} is assigned to ${holder} in RentLedger, but ${editing} is a different person. Please help us put the ID on the right resident.`;
    support.mutate({
      kind: 'resident_id_conflict',
      residentId: resident.id,
      otherResidentId: conflict.holderId,
      message: note.trim() ? `${summary}\n\nNote from the landlord: ${note.trim()}` : summary,
    });
  };

  return (
    <WideModal opened={opened} onClose={close} title={conflict ? 'Is this the same person?' : `Edit ${name}`}>
      {conflict ? (
        <Stack gap="md" data-testid="accounting-id-conflict">
          {support.isSuccess ? (
            <>
              <Alert color="brand" variant="light" icon={<IconCircleCheck size={20} />} title="Support request sent" data-testid="support-request-confirmation">
                RentLedger support will sort out accounting ID {conflict.accountingResidentId} with you; the answer arrives by email and on your Support page. Nothing
                was changed.
              </Alert>
              <Group justify="flex-end" gap="sm">
                <Button component={Link} to="/app/support" variant="default">
                  View your requests
                </Button>
                <Button onClick={close}>Done</Button>
              </Group>
            </>
          ) : (
            <ConflictQuestion
              conflict={conflict}
              name={name}
              place={place}
              error={(update.isError && !conflictOf(update.error, conflict.accountingResidentId, conflict.body)) || support.isError ? describeError(support.error ?? update.error) : null}
              merging={update.isPending}
              sending={support.isPending}
              onMerge={() => send({ ...conflict.body, samePersonAs: conflict.holderId }, conflict.accountingResidentId)}
              onAskSupport={askSupport}
            />
          )}
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label={`Edit ${name}`}>
          <Stack gap="md">
            {formError && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            <MoneyInput
              label="Balance to display"
              description="What the resident sees they owe. Negative for a credit; leave empty to show none."
              allowNegative
              maw={{ sm: 280 }}
              {...form.getInputProps('balance')}
            />
            <Radio.Group label="Payment policy" {...form.getInputProps('paymentPolicy')}>
              <Stack gap="xs" mt="xs">
                {(Object.keys(PAYMENT_POLICY_LABELS) as PaymentPolicy[]).map((policy) => (
                  <Radio key={policy} value={policy} label={PAYMENT_POLICY_LABELS[policy]} description={PAYMENT_POLICY_DESCRIPTIONS[policy]} />
                ))}
              </Stack>
            </Radio.Group>
            {resident.companyIntegrated && (
              <TextInput
                label="Accounting resident ID"
                description="The resident’s ID in your accounting software, so RentLedger maps them to the right ledger (e.g. t0001009)."
                autoComplete="off"
                maw={{ sm: 320 }}
                {...form.getInputProps('accountingResidentId')}
              />
            )}
            {properties.isPending ? (
              <LoadingState label="Loading your units…" />
            ) : properties.isError ? (
              <ErrorState error={properties.error} onRetry={() => void properties.refetch()} />
            ) : (
              <UnitPicker
                properties={properties.data}
                value={form.values.unitId}
                onChange={(unitId) => form.setFieldValue('unitId', unitId)}
                error={form.errors.unitId}
                initialPropertyId={resident.propertyId}
              />
            )}
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={update.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </WideModal>
  );
}

type ConflictQuestionProps = {
  conflict: IdConflict;
  name: string;
  place: string | null;
  error: string | null;
  merging: boolean;
  sending: boolean;
  onMerge: () => void;
  onAskSupport: (note: string) => void;
};

/** "Is this the same person?": yes merges; no first lets the landlord add a note for support, then sends. */
function ConflictQuestion({ conflict, name, place, error, merging, sending, onMerge, onAskSupport }: ConflictQuestionProps) {
  const [writingNote, setWritingNote] = useState(false);
  const [note, setNote] = useState('');
  const words = conflictQuestion(conflict, name, place);
  return (
    <>
      <Alert color="orange" variant="light" icon={<IconUsers size={20} />}>
        <Text size="sm" fw={600}>
          Accounting resident ID <span className="rl-mono">{conflict.accountingResidentId}</span> is assigned to {words.assigned}. {words.question}
        </Text>
        <Text size="sm" mt={6}>
          This often happens when a roommate or partner joins RentLedger instead of the person in your accounting system. If it is the same person, the lease details
          from your accounting system are merged into {name}, and {words.folded} is folded into theirs.
        </Text>
      </Alert>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {writingNote ? (
        <>
          <Textarea
            label="Note for support (optional)"
            description={`Support receives both residents and the accounting ID with your note. Say what you know: who ${conflict.accountingResidentId} should belong to, or when ${name} moved in.`}
            autosize
            minRows={3}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            data-autofocus
            autoFocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setWritingNote(false)} disabled={sending}>
              Back
            </Button>
            <Button leftSection={<IconLifebuoy size={16} />} onClick={() => onAskSupport(note)} loading={sending}>
              Send to support
            </Button>
          </Group>
        </>
      ) : (
        <Group justify="flex-end" gap="sm">
          <Button variant="default" leftSection={<IconLifebuoy size={16} />} onClick={() => setWritingNote(true)} disabled={merging}>
            No, contact support
          </Button>
          <Button leftSection={<IconGitMerge size={16} />} onClick={onMerge} loading={merging}>
            Yes, same person: merge
          </Button>
        </Group>
      )}
    </>
  );
}
