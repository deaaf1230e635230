import { Alert, Button, Code, Group, Image, List, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconDownload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { isApiError } from '../../../lib/api-client.ts';
import { authKeys } from '../../../lib/query-keys.ts';
import { useConfirmTwoFactor } from '../api/two-factor-confirm.ts';
import { useStartTwoFactorSetup } from '../api/two-factor-setup.ts';

/**
 * Turning on two-factor sign-in: a QR code (and the secret, for typing), a code to prove the app has it,
 * then ten recovery codes shown once. `onDone` runs after the codes are acknowledged.
 */
export function TwoFactorSetup({ onDone }: { onDone?: () => void }) {
  const start = useStartTwoFactorSetup();
  const confirm = useConfirmTwoFactor();
  const queryClient = useQueryClient();
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  useEffect(() => {
    if (!start.data) return;
    void QRCode.toDataURL(start.data.otpauthUrl, { margin: 1, width: 200 }).then(setQr);
  }, [start.data]);

  if (recoveryCodes) {
    const download = () => {
      const blob = new Blob([`RentLedger recovery codes\n\n${recoveryCodes.join('\n')}\n\nEach code works once, in place of a code from your app.\n`], { type: 'text/plain' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'rentledger-recovery-codes.txt';
      link.click();
    };
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" aria-live="polite" title="Two-factor sign-in is on">
          Save these recovery codes somewhere safe. Each works once if you lose your phone; they are not shown again.
        </Alert>
        <SimpleGrid cols={2} spacing="xs" aria-label="Recovery codes" role="list">
          {recoveryCodes.map((recovery) => (
            <Code key={recovery} fz="md" ta="center" role="listitem">
              {recovery}
            </Code>
          ))}
        </SimpleGrid>
        <Group>
          <Button variant="light" leftSection={<IconDownload size={16} />} onClick={download}>
            Download codes
          </Button>
          <Button
            onClick={() => {
              void queryClient.invalidateQueries({ queryKey: authKeys.session() });
              onDone?.();
            }}
          >
            I saved my recovery codes
          </Button>
        </Group>
      </Stack>
    );
  }

  if (!start.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">You need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis.</Text>
        {start.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
            {isApiError(start.error) ? start.error.message : 'Could not start the set-up. Try again.'}
          </Alert>
        )}
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          Set up two-factor sign-in
        </Button>
      </Stack>
    );
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!/^\d{6}$/.test(code.trim())) {
      setError('Enter the 6-digit code your app shows for RentLedger');
      return;
    }
    confirm.mutate(code.trim(), {
      onSuccess: (answer) => setRecoveryCodes(answer.recoveryCodes),
      onError: (failure) => setError(isApiError(failure) ? (failure.fieldErrors[0]?.message ?? failure.message) : 'Could not confirm. Try again.'),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Confirm two-factor sign-in">
      <Stack gap="md">
        <List type="ordered" size="sm" spacing={4}>
          <List.Item>In your authenticator app, add an account and scan this QR code.</List.Item>
          <List.Item>Enter the 6-digit code the app shows.</List.Item>
        </List>
        <Group align="flex-start" gap="lg">
          {qr && <Image src={qr} w={200} h={200} alt="QR code for your authenticator app" />}
          <Stack gap={4} maw={280}>
            <Text size="sm" fw={600}>
              Cannot scan? Type this key:
            </Text>
            <Code fz="sm" style={{ wordBreak: 'break-all' }} data-testid="two-factor-secret">
              {start.data.secret}
            </Code>
          </Stack>
        </Group>
        <TextInput label="Code from the app" autoComplete="one-time-code" inputMode="numeric" maw={240} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={error} />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            Turn on two-factor sign-in
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
