import { passwordResetRequestSchema } from '@rentledger/contracts';
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconAlertCircle, IconKey, IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { AuthLayout } from '../../components/auth-layout.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { useRequestPasswordReset } from '../../features/auth/api/request-password-reset.ts';
import { isApiError } from '../../lib/api-client.ts';

const POINTS = [{ icon: IconKey, text: 'The link works once, for one hour, and signs you out everywhere else' }];

/** Public: asks for a reset link. The answer never says whether the email has an account. */
export default function ForgotPasswordRoute() {
  useDocumentTitle('Forgot password');
  const request = useRequestPasswordReset();
  const [sent, setSent] = useState<string | null>(null);
  const form = useForm({ mode: 'uncontrolled', initialValues: { email: '' }, validate: schemaResolver(passwordResetRequestSchema, { sync: true }) });

  const submit = form.onSubmit((values) =>
    request.mutate(values.email.trim(), { onSuccess: (answer) => setSent(answer.message) }),
  );

  return (
    <AuthLayout headline="Locked out? Get back in with a link to your inbox." points={POINTS}>
      <Stack gap={6}>
        <Title order={1} fz={28}>
          Reset your password
        </Title>
        <Text c="dimmed" size="sm">
          Enter the email you sign in with. We will send a link to choose a new password.
        </Text>
      </Stack>
      {sent ? (
        <Alert color="teal" variant="light" icon={<IconMailCheck size={20} />} aria-live="polite" title="Check your email">
          {sent}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Reset your password">
          <Stack gap="md">
            {request.isError && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
                {isApiError(request.error) ? request.error.message : 'Could not send the link. Try again.'}
              </Alert>
            )}
            <TextInput label="Email" type="email" autoComplete="username" inputMode="email" size="md" autoFocus key={form.key('email')} {...form.getInputProps('email')} />
            <Button type="submit" size="md" loading={request.isPending}>
              Email me a reset link
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm">
        <Anchor component={Link} to="/sign-in" fw={600}>
          Back to sign in
        </Anchor>
      </Text>
    </AuthLayout>
  );
}
