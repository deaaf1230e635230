import { loginRequestSchema, type SessionResponse } from '@rentledger/contracts';
import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useInterval } from '@mantine/hooks';
import { IconAlertCircle, IconClockHour4 } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../lib/api-client.ts';
import { applyApiErrors } from '../../../lib/form-errors.ts';
import { useLogin } from '../api/login.ts';
import { TwoFactorStep } from './two-factor-step.tsx';

type SignInFormProps = { onSignedIn: (session: SessionResponse) => void };

export function SignInForm({ onSignedIn }: SignInFormProps) {
  const login = useLogin();
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [retryIn, setRetryIn] = useState(0);
  const countdown = useInterval(() => setRetryIn((seconds) => Math.max(0, seconds - 1)), 1000);

  useEffect(() => {
    if (retryIn > 0 && !countdown.active) countdown.start();
    if (retryIn === 0 && countdown.active) countdown.stop();
  }, [retryIn, countdown]);

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: schemaResolver(loginRequestSchema, { sync: true }),
  });

  // Checked on leaving the field only once something was typed: an empty field flagged on blur would
  // move the page under the pointer (the form is centred) and swallow a click on a link below it.
  const validateEmailIfTyped = () => {
    if (form.getValues().email.trim()) form.validateField('email');
  };

  const submit = form.onSubmit((values) => {
    setMessage(null);
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (answer) => {
          if ('challengeId' in answer) setChallengeId(answer.challengeId);
          else onSignedIn(answer);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 401) {
            setMessage('Email or password is incorrect');
            form.setFieldValue('password', '');
          } else if (isApiError(error) && error.status === 429) {
            setRetryIn(error.retryAfterSeconds ?? 60);
          } else {
            setMessage(applyApiErrors(form, error, ['email', 'password']));
          }
        },
      },
    );
  });

  const locked = retryIn > 0;

  if (challengeId) return <TwoFactorStep challengeId={challengeId} onSignedIn={onSignedIn} onRestart={() => setChallengeId(null)} />;

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack gap="md">
        {locked ? (
          <Alert color="orange" variant="light" icon={<IconClockHour4 size={20} />} role="alert">
            Too many attempts, try again in {retryIn} {retryIn === 1 ? 'second' : 'seconds'}
          </Alert>
        ) : (
          message && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
              {message}
            </Alert>
          )
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          inputMode="email"
          placeholder="you@company.com"
          size="md"
          required
          withAsterisk={false}
          autoFocus
          key={form.key('email')}
          {...form.getInputProps('email')}
          onBlur={validateEmailIfTyped}
        />
        <Stack gap={4}>
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            size="md"
            required
            withAsterisk={false}
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot password?
            </Anchor>
          </Group>
        </Stack>
        <Button type="submit" size="md" fullWidth loading={login.isPending} disabled={locked} mt="xs">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
