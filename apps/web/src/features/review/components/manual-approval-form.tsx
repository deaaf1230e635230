import type { Property, ResidentDetail } from '@rentledger/contracts';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconUserCheck } from '@tabler/icons-react';
import { LeaseFields, RentTermsFields } from '../../../components/form-fields.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { dollarsFromCents } from '../../../lib/format.ts';
import { leaseValidators, validateDueDay } from '../../../lib/lease-form.ts';

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
  onBack: () => void;
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

  const submit = form.onSubmit((values) =>
    onSubmit(
      { unitId: values.unitId ?? '', rent: values.rent, dueDay: values.dueDay, leaseStart: values.leaseStart, leaseEnd: values.monthToMonth ? null : values.leaseEnd },
      form,
    ),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Approve manually">
      <Stack gap="md">
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
        <RentTermsFields rent={form.getInputProps('rent')} dueDay={form.getInputProps('dueDay')} />
        <LeaseFields
          start={form.getInputProps('leaseStart')}
          end={form.getInputProps('leaseEnd')}
          monthToMonth={form.getInputProps('monthToMonth', { type: 'checkbox' })}
          isMonthToMonth={form.values.monthToMonth}
        />
        <Group justify="space-between" gap="sm" mt="xs">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            Back
          </Button>
          <Button type="submit" leftSection={<IconUserCheck size={16} />} loading={submitting}>
            Approve resident
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
