import { changeEmailRequestSchema } from '@rentledger/contracts';
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { useRequestEmailChange } from '../api/change-email.ts';

/** The sign-in email changes only once the new inbox answers the link; the current one is told. */
export function ChangeEmailForm({ email }: { email: string }) {
  const change = useRequestEmailChange();
  const form = useForm({ mode: 'uncontrolled', initialValues: { newEmail: '', currentPassword: '' }, validate: schemaResolver(changeEmailRequestSchema, { sync: true }) });
  const submit = form.onSubmit((values) =>
    change.mutate(values, {
      onSuccess: () => form.reset(),
      onError: (error) => applyApiErrors(form, error, ['newEmail', 'currentPassword']),
    }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Change email">
      <Stack gap="sm" maw={420}>
        <Text size="sm">
          You sign in with <strong>{email}</strong>, and we send your emails there.
        </Text>
        {change.isSuccess && (
          <Alert color="teal" variant="light" aria-live="polite">
            {change.data.message}
          </Alert>
        )}
        <TextInput label="New email" type="email" autoComplete="email" key={form.key('newEmail')} {...form.getInputProps('newEmail')} />
        <PasswordInput label="Current password" description="To prove it is you" autoComplete="current-password" key={form.key('currentPassword')} {...form.getInputProps('currentPassword')} />
        <Button type="submit" variant="default" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          Send a confirmation link
        </Button>
      </Stack>
    </form>
  );
}
