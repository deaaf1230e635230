import { createUnitRequestSchema } from '@rentledger/contracts';
import { Alert, Button, Card, Group, Text, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { z } from 'zod';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { useCreateUnit } from '../api/create-unit.ts';

const formSchema = createUnitRequestSchema.extend({ accountingCode: z.string().trim().max(50, { message: 'Use at most 50 characters' }) });

export function CreateUnitForm({ propertyId }: { propertyId: string }) {
  const createUnit = useCreateUnit(propertyId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { label: '', accountingCode: '' },
    validate: schemaResolver(formSchema, { sync: true }),
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const accountingCode = values.accountingCode.trim();
    createUnit.mutate(
      { label: values.label.trim(), ...(accountingCode ? { accountingCode } : {}) },
      {
        onSuccess: (unit) => {
          notifications.show({ color: 'brand', title: 'Unit added', message: `Unit ${unit.label} is ready for residents.` });
          form.reset();
          form.getInputNode('label')?.focus();
        },
        onError: (error) => setFormError(applyApiErrors(form, error, ['label', 'accountingCode'])),
      },
    );
  });

  return (
    <Card p="lg" component="section" aria-labelledby="add-unit-title">
      <Title order={2} fz="md" id="add-unit-title">
        Add unit
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Add a unit that is missing, so its residents can be approved.
      </Text>
      <form onSubmit={submit} noValidate>
        {formError && (
          <Alert color="red" variant="light" mb="md" role="alert">
            {formError}
          </Alert>
        )}
        <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput label="Unit label" placeholder="e.g. 4B" required key={form.key('label')} {...form.getInputProps('label')} miw={140} />
          <TextInput
            label="Accounting unit code"
            description="Optional"
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            placeholder="e.g. 0104B"
            key={form.key('accountingCode')}
            {...form.getInputProps('accountingCode')}
            miw={180}
          />
        </Group>
        <Group justify="flex-end" mt="md">
          <Button type="submit" leftSection={<IconPlus size={16} />} loading={createUnit.isPending}>
            Add unit
          </Button>
        </Group>
      </form>
    </Card>
  );
}
