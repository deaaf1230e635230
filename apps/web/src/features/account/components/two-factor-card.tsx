import { Alert, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { SessionUser } from '@rentledger/contracts';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client.ts';
import { useDisableTwoFactor } from '../api/two-factor-disable.ts';
import { TwoFactorSetup } from './two-factor-setup.tsx';

/** Two-factor sign-in for staff and support: on (with a way to turn it off, where allowed) or a set-up. */
export function TwoFactorCard({ user }: { user: SessionUser }) {
  const disable = useDisableTwoFactor();
  const [code, setCode] = useState('');
  const [turningOff, setTurningOff] = useState(false);
  if (!user.twoFactorEnabled) return <TwoFactorSetup />;
  return (
    <Stack gap="sm" align="flex-start">
      <Group gap="xs">
        <Badge color="brand" variant="light">
          On
        </Badge>
        <Text size="sm">Signing in asks for a code from your authenticator app.</Text>
      </Group>
      {turningOff ? (
        <form
          aria-label="Turn off two-factor sign-in"
          onSubmit={(event) => {
            event.preventDefault();
            disable.mutate(code.trim(), { onSuccess: () => setTurningOff(false) });
          }}
        >
          <Stack gap="xs">
            {disable.isError && (
              <Alert color="red" variant="light" role="alert">
                {isApiError(disable.error) ? (disable.error.fieldErrors[0]?.message ?? disable.error.message) : 'Could not turn it off.'}
              </Alert>
            )}
            <TextInput label="Code from your app, or a recovery code" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.currentTarget.value)} maw={280} />
            <Group>
              <Button type="submit" color="red" variant="light" loading={disable.isPending}>
                Turn off
              </Button>
              <Button variant="subtle" onClick={() => setTurningOff(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Button variant="subtle" color="red" onClick={() => setTurningOff(true)}>
          Turn off two-factor sign-in
        </Button>
      )}
    </Stack>
  );
}
