import { Alert, Anchor, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { passwordSchema } from '@rentledger/contracts';
import { AuthLayout } from '../../components/auth-layout.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { useConfirmPasswordReset } from '../../features/auth/api/confirm-password-reset.ts';
import { isApiError } from '../../lib/api-client.ts';
import { readFragmentToken } from './token-link.ts';

const POINTS = [{ icon: IconKey, text: 'At least 12 characters; a phrase of a few words is easy to remember and hard to guess' }];

/** The emailed reset link: choose a new password; every session ends, then the user signs in. */
export default function ResetPasswordRoute() {
  useDocumentTitle('Choose a new password');
  const [token] = useState(readFragmentToken);
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'Choose another password');
      return;
    }
    setError(null);
    confirm.mutate(
      { token: token ?? '', password },
      {
        onSuccess: () => window.history.replaceState(null, '', window.location.pathname),
        onError: (failure) => {
          if (isApiError(failure) && failure.fieldErrors.some((f) => f.path === 'password')) setError(failure.fieldErrors.find((f) => f.path === 'password')?.message ?? null);
        },
      },
    );
  };

  const linkProblem = !token || (isApiError(confirm.error) && !confirm.error.fieldErrors.some((f) => f.path === 'password'));

  return (
    <AuthLayout headline="Choose a new password." points={POINTS}>
      <Title order={1} fz={28}>
        Choose a new password
      </Title>
      {confirm.isSuccess ? (
        <Stack>
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} />} aria-live="polite">
            {confirm.data.message}
          </Alert>
          <Button component={Link} to="/sign-in" size="md">
            Sign in
          </Button>
        </Stack>
      ) : linkProblem ? (
        <Stack>
          <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
            {isApiError(confirm.error) ? confirm.error.message : 'This reset link is incomplete: open it from the email again.'}
          </Alert>
          <Button component={Link} to="/forgot-password" size="md" variant="light">
            Send a new link
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Choose a new password">
          <Stack gap="md">
            <PasswordInput label="New password" autoComplete="new-password" size="md" autoFocus value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={error} description="At least 12 characters" />
            <Button type="submit" size="md" loading={confirm.isPending}>
              Set the new password
            </Button>
          </Stack>
        </form>
      )}
      <Text size="sm">
        <Anchor component={Link} to="/sign-in">
          Back to sign in
        </Anchor>
      </Text>
    </AuthLayout>
  );
}
