import type { Property, ResidentDetail } from '@rentledger/contracts';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { IconArrowLeft, IconUserCheck } from '@tabler/icons-react';
import { LeaseFields, RentTermsFields } from '../../../components/form-fields.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { centsFromDollars, dollarsFromCents } from '../../../lib/format.ts';
import { leaseValidators, validateDueDay, validateLeaseEnd, validateLeaseStart, validateRent } from '../../../lib/lease-form.ts';
import { useApprovalPreview } from '../api/approval-preview.ts';
import { ApprovalWarnings } from './approval-warnings.tsx';
import { StepHeading } from '../../../components/step-heading.tsx';

/** How long typing pauses before the warnings are asked for again. */
const PREVIEW_DELAY_MS = 400;

/** The preview's request while the values are complete and valid; null otherwise (nothing to check yet). */
function previewRequest(values: ManualApprovalFormValues) {
  const rentCents = centsFromDollars(values.rent);
  if (!values.unitId || rentCents === null || validateRent(values.rent) || validateDueDay(values.dueDay) || validateLeaseStart(values.leaseStart)) return null;
  if (validateLeaseEnd(values.leaseEnd, values)) return null;
  return { unitId: values.unitId, rentCents, dueDay: Number(values.dueDay), leaseStart: values.leaseStart, leaseEnd: values.monthToMonth ? null : values.leaseEnd };
}

export type ManualApproval = { unitId: string; rent: number | string; dueDay: number | string; leaseStart: string; leaseEnd: string | null };

export type ManualApprovalFormValues = {
  unitId: string | null;
  rent: number | string;
  dueDay: number | string;
  leaseStart: string;
  leaseEnd: string;
  monthToMonth: boolean;
};

type ManualApprovalFormProps = {
  resident: ResidentDetail;
  properties: Property[];
  /** The unit chosen on the page (the resident's, or the landlord's correction). */
  unitId: string | null;
  submitting: boolean;
  error: string | null;
  /** Back to choosing how to approve; none when manual approval is the only way. */
  onBack?: () => void;
  onSubmit: (approval: ManualApproval, form: { setErrors: (errors: Record<string, string>) => void }) => void;
};

/** "Approve manually": the lease as the landlord knows it, prefilled with what the resident stated. */
export function ManualApprovalForm({ resident, properties, unitId, submitting, error, onBack, onSubmit }: ManualApprovalFormProps) {
  const form = useForm<ManualApprovalFormValues>({
    mode: 'controlled',
    initialValues: {
      unitId,
      rent: dollarsFromCents(resident.statedRentCents),
      dueDay: 1,
      leaseStart: resident.statedLeaseStart ?? '',
      leaseEnd: resident.statedLeaseEnd ?? '',
      monthToMonth: resident.statedLeaseStart !== null && resident.statedLeaseEnd === null,
    },
    validate: { unitId: (value) => (value ? null : 'Choose the unit'), dueDay: validateDueDay, ...leaseValidators },
  });

  const preview = useApprovalPreview(resident.id);
  const request = previewRequest(form.values);
  const requestKey = JSON.stringify(request);
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => preview.mutate(request), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
    // The request's content, not its identity, decides whether to ask again.
  }, [requestKey]);
  const warnings = request && preview.data && JSON.stringify(preview.variables) === requestKey ? preview.data.warnings : [];

  // The unit chosen above the form is the unit approved: follow it when it changes.
  useEffect(() => {
    if (unitId) form.setFieldValue('unitId', unitId);
    // Only when the page's unit changes: the form's own choice must not be overwritten otherwise.
  }, [unitId]);

  const submit = form.onSubmit((values) =>
    onSubmit(
      { unitId: values.unitId ?? '', rent: values.rent, dueDay: values.dueDay, leaseStart: values.leaseStart, leaseEnd: values.monthToMonth ? null : values.leaseEnd },
      form,
    ),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Approve manually">
      <Stack gap="md">
        {/* Reached by "Continue" (there is a way back): a new step, so focus goes to its heading. */}
        {onBack && <StepHeading focusOnMount>Approve {resident.firstName} manually</StepHeading>}
        <Text size="sm" c="dimmed">
          Prefilled with what {resident.firstName} told us. Check it against the lease, then approve.
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <UnitPicker
          properties={properties}
          value={form.values.unitId}
          onChange={(next) => form.setFieldValue('unitId', next)}
          error={form.errors.unitId}
          initialPropertyId={resident.propertyId}
          required
        />
        {/* No clamping: 31 typed must be refused with a message, never quietly turned into 28. */}
        <RentTermsFields rent={form.getInputProps('rent')} dueDay={form.getInputProps('dueDay')} />
        <LeaseFields
          start={form.getInputProps('leaseStart')}
          end={form.getInputProps('leaseEnd')}
          monthToMonth={form.getInputProps('monthToMonth', { type: 'checkbox' })}
          isMonthToMonth={form.values.monthToMonth}
        />
        <ApprovalWarnings warnings={warnings} residentFirstName={resident.firstName} />
        <Group justify="space-between" gap="sm" mt="xs">
          {onBack ? (
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
              Back
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" leftSection={<IconUserCheck size={16} />} loading={submitting}>
            Approve resident
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
