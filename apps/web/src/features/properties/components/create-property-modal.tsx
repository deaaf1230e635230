import { createPropertyRequestSchema, type Property, US_STATES } from '@rentledger/contracts';
import { Alert, Button, Grid, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { z } from 'zod';
import { WideModal } from '../../../components/modal-scaffold.tsx';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { pluralize } from '../../../lib/format.ts';
import { useCreateProperty } from '../api/create-property.ts';

/** "1A, 1B\n2A" -> ["1A", "1B", "2A"], keeping the first of any repeated label. */
export function parseUnitLabels(text: string): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const raw of text.split(/[,\n;]/)) {
    const label = raw.trim();
    if (!label || seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    labels.push(label);
  }
  return labels;
}

const formSchema = createPropertyRequestSchema.omit({ companyId: true }).extend({
  state: z.enum(US_STATES, { message: 'Choose a US state' }),
  accountingCode: z.string().trim().max(50, { message: 'Use at most 50 characters' }),
  units: z.string().superRefine((text, context) => {
    const tooLong = parseUnitLabels(text).find((label) => label.length > 20);
    if (tooLong) context.addIssue({ code: 'custom', message: `"${tooLong}" is longer than 20 characters` });
  }),
});

const FIELDS = ['name', 'street', 'city', 'state', 'postalCode', 'accountingCode', 'units'] as const;

type CreatePropertyModalProps = {
  companyId: string;
  companyName: string;
  opened: boolean;
  onClose: () => void;
  onCreated?: (property: Property) => void;
};

export function CreatePropertyModal({ companyId, companyName, opened, onClose, onCreated }: CreatePropertyModalProps) {
  const createProperty = useCreateProperty();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', street: '', city: '', state: null as string | null, postalCode: '', accountingCode: '', units: '' },
    validate: schemaResolver(formSchema, { sync: true }),
  });

  const close = () => {
    form.reset();
    setFormError(null);
    createProperty.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const accountingCode = values.accountingCode.trim();
    createProperty.mutate(
      {
        companyId,
        name: values.name.trim(),
        street: values.street.trim(),
        city: values.city.trim(),
        state: values.state as (typeof US_STATES)[number],
        postalCode: values.postalCode.trim(),
        ...(accountingCode ? { accountingCode } : {}),
        units: parseUnitLabels(values.units).map((label) => ({ label })),
      },
      {
        onSuccess: (property) => {
          notifications.show({
            color: 'brand',
            title: 'Property added',
            message: `${property.name} was added to ${companyName} with ${pluralize(property.units.length, 'unit')}.`,
          });
          close();
          onCreated?.(property);
        },
        // Errors on "units.3.label" belong to the one units box.
        onError: (error) => setFormError(applyApiErrors(form, error, FIELDS, (path) => (path.startsWith('units') ? 'units' : path))),
      },
    );
  });

  return (
    <WideModal opened={opened} onClose={close} title={`Add property to ${companyName}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Property name" placeholder="e.g. Maple Court" required data-autofocus key={form.key('name')} {...form.getInputProps('name')} />
          <TextInput label="Street address" placeholder="e.g. 120 Maple Street" required autoComplete="off" key={form.key('street')} {...form.getInputProps('street')} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="City" required key={form.key('city')} {...form.getInputProps('city')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <Select
                label="State"
                placeholder="Choose"
                data={[...US_STATES].sort()}
                searchable
                required
                comboboxProps={{ withinPortal: true }}
                key={form.key('state')}
                {...form.getInputProps('state')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label="ZIP code" placeholder="e.g. 53703" inputMode="numeric" required key={form.key('postalCode')} {...form.getInputProps('postalCode')} />
            </Grid.Col>
          </Grid>
          <TextInput
            label="Accounting property code"
            description="Optional. The property's code in the company's accounting system."
            key={form.key('accountingCode')}
            {...form.getInputProps('accountingCode')}
          />
          <Textarea
            label="Units"
            description="Optional. Unit labels separated by commas or new lines, e.g. 1A, 1B, 2A. You can add more later."
            autosize
            minRows={2}
            maxRows={6}
            key={form.key('units')}
            {...form.getInputProps('units')}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createProperty.isPending}>
              Add property
            </Button>
          </Group>
        </Stack>
      </form>
    </WideModal>
  );
}
