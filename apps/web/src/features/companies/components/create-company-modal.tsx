import { type Company, createCompanyRequestSchema, INTEGRATION_KINDS, type IntegrationKind } from '@rentledger/contracts';
import { Alert, Button, Grid, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { z } from 'zod';
import { WideModal } from '../../../components/modal-scaffold.tsx';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { INTEGRATION_LABELS, slugify } from '../../../lib/format.ts';
import { US_TIMEZONES } from '../../../lib/timezones.ts';
import { useCreateCompany } from '../api/create-company.ts';

const formSchema = createCompanyRequestSchema.extend({
  slug: z
    .string()
    .trim()
    .min(2, { message: 'Use at least 2 characters' })
    .max(60, { message: 'Use at most 60 characters' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Use lowercase letters, digits and single hyphens' }),
  graceDays: z.number({ message: 'Enter a number of days from 0 to 31' }).int().min(0, { message: 'Use 0 to 31 days' }).max(31, { message: 'Use 0 to 31 days' }),
});

const FIELDS = ['name', 'slug', 'timezone', 'graceDays', 'integrationKind'] as const;

const INTEGRATION_OPTIONS = INTEGRATION_KINDS.map((kind) => ({ value: kind, label: INTEGRATION_LABELS[kind] }));

type CreateCompanyModalProps = { opened: boolean; onClose: () => void; onCreated?: (company: Company) => void };

export function CreateCompanyModal({ opened, onClose, onCreated }: CreateCompanyModalProps) {
  const createCompany = useCreateCompany();
  const [formError, setFormError] = useState<string | null>(null);
  // The slug follows the name until someone edits it by hand.
  const slugEdited = useRef(false);

  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      slug: '',
      timezone: 'America/New_York' as string | null,
      graceDays: 5 as number | string,
      integrationKind: 'none' as string | null,
    },
    validate: schemaResolver(formSchema, { sync: true }),
    onValuesChange: (values, previous) => {
      if (values.name !== previous.name && !slugEdited.current) form.setFieldValue('slug', slugify(values.name));
    },
  });

  const close = () => {
    form.reset();
    slugEdited.current = false;
    setFormError(null);
    createCompany.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    setFormError(null);
    createCompany.mutate(
      {
        name: values.name.trim(),
        slug: values.slug.trim(),
        timezone: values.timezone ?? 'America/New_York',
        graceDays: Number(values.graceDays),
        integrationKind: (values.integrationKind ?? 'none') as IntegrationKind,
      },
      {
        onSuccess: (company) => {
          notifications.show({ color: 'brand', title: 'Company added', message: `${company.name} is ready. Add its properties and staff next.` });
          close();
          onCreated?.(company);
        },
        onError: (error) => setFormError(applyApiErrors(form, error, FIELDS)),
      },
    );
  });

  const slugProps = form.getInputProps('slug');

  return (
    <WideModal opened={opened} onClose={close} title="Add company">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Company name" placeholder="e.g. Birch Rentals" required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Slug"
            description="Used in links, e.g. the residents' payment portal. Lowercase letters, digits and hyphens."
            required
            {...slugProps}
            onChange={(event) => {
              slugEdited.current = event.currentTarget.value !== '';
              slugProps.onChange(event);
            }}
          />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Select
                label="Time zone"
                description="Due dates and late rent follow this zone."
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                data={US_TIMEZONES.map((zone) => ({ ...zone }))}
                allowDeselect={false}
                required
                {...form.getInputProps('timezone')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <NumberInput
                label="Grace days"
                description="Days after the due date before rent is late."
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                min={0}
                max={31}
                clampBehavior="strict"
                allowDecimal={false}
                allowNegative={false}
                required
                {...form.getInputProps('graceDays')}
              />
            </Grid.Col>
          </Grid>
          <Select
            label="Accounting integration"
            description="How residents and leases reach RentLedger from the company's books."
            data={INTEGRATION_OPTIONS}
            allowDeselect={false}
            required
            {...form.getInputProps('integrationKind')}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createCompany.isPending}>
              Add company
            </Button>
          </Group>
        </Stack>
      </form>
    </WideModal>
  );
}
