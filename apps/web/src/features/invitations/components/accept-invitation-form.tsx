import { type InvitationLookup, passwordSchema, type SessionResponse } from '@rentledger/contracts';
import { Alert, Button, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Fact } from '../../../components/fact.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { applyApiErrors, REQUIRED } from '../../../lib/form-errors.ts';
import { formatDate } from '../../../lib/format.ts';
import { useAcceptInvitation } from '../api/accept-invitation.ts';

type AcceptInvitationFormProps = {
  token: string;
  invitation: InvitationLookup;
  onAccepted: (session: SessionResponse) => void;
  /** An error that is not about the form (the invitation expired meanwhile, say). */
  onInvitationError: (error: unknown) => void;
};

/** Shows who the invitation is for and asks for a password; an existing resident account enters its own. */
export function AcceptInvitationForm({ token, invitation, onAccepted, onInvitationError }: AcceptInvitationFormProps) {
  const accept = useAcceptInvitation();
  const [existingAccount, setExistingAccount] = useState(invitation.hasAccount);
  const [message, setMessage] = useState<string | null>(null);

  const form = useForm({ mode: 'uncontrolled', initialValues: { password: '', confirmPassword: '' } });

  /** The contract's password rule (at least 12 characters) and a matching confirmation. */
  const validate = (values: { password: string; confirmPassword: string }): Record<string, string> => {
    if (existingAccount) return values.password ? {} : { password: REQUIRED };
    const errors: Record<string, string> = {};
    const parsed = passwordSchema.safeParse(values.password);
    if (!parsed.success) errors.password = parsed.error.issues[0]?.message ?? REQUIRED;
    if (!values.confirmPassword) errors.confirmPassword = REQUIRED;
    else if (parsed.success && values.confirmPassword !== values.password) errors.confirmPassword = 'The passwords do not match';
    return errors;
  };

  const submit = form.onSubmit((values) => {
    setMessage(null);
    const errors = validate(values);
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    accept.mutate(
      { token, password: values.password },
      {
        onSuccess: onAccepted,
        onError: (error) => {
          if (isApiError(error) && error.code === 'account_exists') {
            setExistingAccount(true);
            form.setValues({ password: '', confirmPassword: '' });
            form.setErrors({ password: error.fieldErrors[0]?.message ?? 'Enter the password of your existing account' });
            return;
          }
          if (isApiError(error) && (error.status === 404 || error.status === 410 || error.code === 'invitation_used' || error.code === 'already_joined')) {
            onInvitationError(error);
            return;
          }
          setMessage(applyApiErrors(form, error, ['password']));
        },
      },
    );
  });

  const place = [invitation.propertyName, invitation.unitLabel && `Unit ${invitation.unitLabel}`].filter(Boolean);

  return (
    <form onSubmit={submit} noValidate aria-label="Accept invitation">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {invitation.companyName} invites you to pay your rent with RentLedger. Set a password to see your lease and, soon, pay rent online.
        </Text>
        <Paper withBorder p="md" bg="var(--mantine-color-gray-0)">
          <SimpleGrid cols={{ base: 1, xs: place.length > 1 ? 3 : 2 }} spacing="md" verticalSpacing="sm">
            <Fact breakAnywhere label="Landlord">{invitation.companyName}</Fact>
            {invitation.propertyName && <Fact breakAnywhere label="Property">{invitation.propertyName}</Fact>}
            {invitation.unitLabel && <Fact breakAnywhere label="Unit">{invitation.unitLabel}</Fact>}
          </SimpleGrid>
        </Paper>
        {message && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
            {message}
          </Alert>
        )}
        {existingAccount && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={20} />} title="You already have an account">
            {invitation.email} already signs in to RentLedger. Enter that account’s password to add this home to it.
          </Alert>
        )}
        <TextInput
          label="Email"
          value={invitation.email}
          readOnly
          autoComplete="username"
          description={`You sign in with this address. To use another, ask ${invitation.companyName}.`}
          styles={{ input: { background: 'var(--mantine-color-gray-0)' } }}
        />
        <PasswordInput
          label={existingAccount ? 'Your password' : 'Choose a password'}
          description={existingAccount ? undefined : 'At least 12 characters. A short sentence is easy to remember.'}
          autoComplete={existingAccount ? 'current-password' : 'new-password'}
          required
          withAsterisk={false}
          autoFocus
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        {!existingAccount && (
          <PasswordInput
            label="Confirm password"
            autoComplete="new-password"
            required
            withAsterisk={false}
            key={form.key('confirmPassword')}
            {...form.getInputProps('confirmPassword')}
          />
        )}
        <Button type="submit" size="md" fullWidth loading={accept.isPending} mt="xs">
          {existingAccount ? 'Add this home and sign in' : 'Set password and continue'}
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          This invitation works once and expires on {formatDate(invitation.expiresAt)}.
        </Text>
      </Stack>
    </form>
  );
}
