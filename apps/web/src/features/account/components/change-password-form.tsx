import { changePasswordRequestSchema } from '@rentledger/contracts';
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { useChangePassword } from '../api/change-password.ts';

export function ChangePasswordForm() {
  const change = useChangePassword();
  const form = useForm({ mode: 'uncontrolled', initialValues: { currentPassword: '', newPassword: '' }, validate: schemaResolver(changePasswordRequestSchema, { sync: true }) });
  const submit = form.onSubmit((values) =>
    change.mutate(values, {
      onSuccess: () => form.reset(),
      onError: (error) => applyApiErrors(form, error, ['currentPassword', 'newPassword']),
    }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      <Stack gap="sm" maw={420}>
        {change.isSuccess && (
          <Alert color="teal" variant="light" aria-live="polite">
            Password changed.{' '}
            {change.data.endedSessions > 0 ? `${change.data.endedSessions} other ${change.data.endedSessions === 1 ? 'session was' : 'sessions were'} signed out.` : ''}
          </Alert>
        )}
        <PasswordInput label="Current password" autoComplete="current-password" key={form.key('currentPassword')} {...form.getInputProps('currentPassword')} />
        <PasswordInput label="New password" description="At least 12 characters" autoComplete="new-password" key={form.key('newPassword')} {...form.getInputProps('newPassword')} />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
