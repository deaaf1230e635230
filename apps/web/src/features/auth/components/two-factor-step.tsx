import type { SessionResponse } from '@rentledger/contracts';
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client.ts';
import { useLoginTwoFactor } from '../api/login-two-factor.ts';

type Props = { challengeId: string; onSignedIn: (session: SessionResponse) => void; onRestart: () => void };

/** The second step of signing in: the six digits from the authenticator app, or a recovery code. */
export function TwoFactorStep({ challengeId, onSignedIn, onRestart }: Props) {
  const complete = useLoginTwoFactor();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setProblem(null);
    if (!code.trim()) {
      setError('Enter the 6-digit code from your authenticator app');
      return;
    }
    complete.mutate(
      { challengeId, code: code.trim() },
      {
        onSuccess: onSignedIn,
        onError: (failure) => {
          setCode('');
          if (isApiError(failure) && failure.status === 400) setError(failure.fieldErrors[0]?.message ?? failure.message);
          else setProblem(isApiError(failure) ? failure.message : 'Could not sign in. Try again.');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Two-factor sign-in">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="lg">
            <IconShieldLock size={20} style={{ verticalAlign: 'text-bottom', marginRight: 6 }} aria-hidden />
            Enter your sign-in code
          </Title>
          <Text size="sm" c="dimmed">
            Open your authenticator app and enter the 6-digit code for RentLedger. Lost your phone? Enter one of your recovery codes instead.
          </Text>
        </Stack>
        {problem && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
            {problem}
          </Alert>
        )}
        <TextInput
          label="Authentication code"
          autoComplete="one-time-code"
          inputMode="numeric"
          size="md"
          autoFocus
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={error}
        />
        <Button type="submit" size="md" fullWidth loading={complete.isPending}>
          Verify and sign in
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onRestart}>
          Start over with another account
        </Anchor>
      </Stack>
    </form>
  );
}
