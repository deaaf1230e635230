import { createStaffRequestSchema } from '@rentledger/contracts';
import { Alert, Button, Grid, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { WideModal } from '../../../components/modal-scaffold.tsx';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { useCreateStaff } from '../api/create-staff.ts';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'password'] as const;

type CreateStaffModalProps = { companyId: string; companyName: string; opened: boolean; onClose: () => void };

export function CreateStaffModal({ companyId, companyName, opened, onClose }: CreateStaffModalProps) {
  const createStaff = useCreateStaff(companyId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { firstName: '', lastName: '', email: '', phone: '', password: '' },
    validate: schemaResolver(createStaffRequestSchema, { sync: true }),
  });

  const close = () => {
    form.reset();
    setFormError(null);
    createStaff.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const phone = values.phone.trim();
    createStaff.mutate(
      {
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        email: values.email.trim(),
        ...(phone ? { phone } : {}),
        password: values.password,
      },
      {
        onSuccess: (user) => {
          notifications.show({
            color: 'brand',
            title: 'Staff user added',
            message: `${user.firstName} ${user.lastName} can now sign in as ${user.email}.`,
          });
          close();
        },
        onError: (error) => setFormError(applyApiErrors(form, error, FIELDS)),
      },
    );
  });

  return (
    <WideModal opened={opened} onClose={close} title={`Add staff user to ${companyName}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="First name" required autoComplete="off" data-autofocus key={form.key('firstName')} {...form.getInputProps('firstName')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label="Last name" required autoComplete="off" key={form.key('lastName')} {...form.getInputProps('lastName')} />
            </Grid.Col>
          </Grid>
          <TextInput label="Email" type="email" required autoComplete="off" description="They sign in with this address." key={form.key('email')} {...form.getInputProps('email')} />
          <TextInput label="Phone" type="tel" description="Optional" autoComplete="off" key={form.key('phone')} {...form.getInputProps('phone')} />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters. Share it with the staff member securely."
            required
            autoComplete="new-password"
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={createStaff.isPending}>
              Add staff user
            </Button>
          </Group>
        </Stack>
      </form>
    </WideModal>
  );
}
