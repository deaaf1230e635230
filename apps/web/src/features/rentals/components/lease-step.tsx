import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { LeaseFields, MoneyInput } from '../../../components/form-fields.tsx';
import { type LeaseFormValues, leaseValidators } from '../../../lib/lease-form.ts';

export type LeaseStatement = { rent: number; leaseStart: string; leaseEnd: string | null };

type LeaseStepProps = {
  summary: ReactNode;
  initial: LeaseFormValues | null;
  submitting: boolean;
  error: ReactNode;
  onBack: (values: LeaseFormValues) => void;
  onSubmit: (lease: LeaseStatement, values: LeaseFormValues) => void;
};

/** Step 3: what the resident pays and for how long; the landlord checks it against their books. */
export function LeaseStep({ summary, initial, submitting, error, onBack, onSubmit }: LeaseStepProps) {
  const form = useForm<LeaseFormValues>({
    mode: 'controlled',
    initialValues: initial ?? { rent: '', leaseStart: '', leaseEnd: '', monthToMonth: false },
    validate: leaseValidators,
  });

  const submit = form.onSubmit((values) =>
    onSubmit({ rent: Number(values.rent), leaseStart: values.leaseStart, leaseEnd: values.monthToMonth ? null : values.leaseEnd }, values),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Your lease">
      <Stack gap="md">
        {summary}
        {error}
        <MoneyInput label="Monthly rent" description="The full rent for your unit each month." required size="md" maw={{ sm: 280 }} {...form.getInputProps('rent')} />
        <LeaseFields
          start={form.getInputProps('leaseStart')}
          end={form.getInputProps('leaseEnd')}
          monthToMonth={form.getInputProps('monthToMonth', { type: 'checkbox' })}
          isMonthToMonth={form.values.monthToMonth}
        />
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={20} />}>
          <Text size="sm">Your landlord checks these details against their records before your payments can be reported.</Text>
        </Alert>
        <Group justify="space-between" mt="xs">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => onBack(form.getValues())}>
            Back
          </Button>
          <Button type="submit" loading={submitting}>
            Submit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
