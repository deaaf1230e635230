import type { AlertPreferences } from '@rentledger/contracts';
import { Alert, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { describeError } from '../../../lib/form-errors.ts';
import { useAlertPreferences } from '../api/get-alert-preferences.ts';
import { usePutAlertPreferences } from '../api/put-alert-preferences.ts';

const CHOICES: { value: AlertPreferences['paymentAlertEmail']; label: string; description: string }[] = [
  { value: 'immediate', label: 'Email me at once', description: 'An email for each month past its grace period unpaid or short, and each returned payment.' },
  { value: 'daily_digest', label: 'One email a day', description: 'A digest at 08:00 (your company’s time) listing what came up since the last one; nothing, no email.' },
];

/** A staff user's payment alert emails: at once or a daily digest. The alerts always appear in the app. */
export function AlertPreferencesForm() {
  const preferences = useAlertPreferences();
  const save = usePutAlertPreferences();
  // The choice shows at once, in the click's own render: a controlled radio whose value waited for the mutation's
  // state (delivered a tick later) was put back by React first, so the click seemed not to take.
  const [chosen, setChosen] = useState<AlertPreferences['paymentAlertEmail'] | null>(null);
  if (preferences.isPending) return <LoadingState label="Loading your alert emails…" />;
  if (preferences.isError) return <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />;
  const value = chosen ?? preferences.data.paymentAlertEmail;
  return (
    <Stack gap="sm">
      <Radio.Group
        label="Payment alerts"
        description="Rent past its grace period and returned payments always show in RentLedger; choose how they are emailed."
        value={value}
        onChange={(next) => {
          const paymentAlertEmail = next as AlertPreferences['paymentAlertEmail'];
          setChosen(paymentAlertEmail);
          save.mutate(
            { paymentAlertEmail },
            {
              onSuccess: (saved) => notifications.show({ color: 'brand', title: 'Saved', message: saved.paymentAlertEmail === 'daily_digest' ? 'Payment alerts come in one email a day.' : 'Payment alerts are emailed at once.' }),
              // Not saved: show what is stored again (the error says why).
              onError: () => setChosen(null),
            },
          );
        }}
      >
        <Stack gap="xs" mt="xs">
          {CHOICES.map((choice) => (
            <Radio key={choice.value} value={choice.value} label={choice.label} description={choice.description} disabled={save.isPending} data-testid={`alert-email-${choice.value}`} />
          ))}
        </Stack>
      </Radio.Group>
      {save.isError && (
        <Alert color="red" variant="light" role="alert">
          <Text size="sm">{describeError(save.error)}</Text>
        </Alert>
      )}
    </Stack>
  );
}
