import { type SignupAccepted, signupRequestSchema } from '@rentledger/contracts';
import { Alert, Button, Grid, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../../lib/api-client.ts';
import { applyApiErrors, requiredFirst } from '../../../lib/form-errors.ts';
import { useSignup } from '../api/signup.ts';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'password'] as const;

/**
 * A resident creates their own account (the payment portal's sign-up). The answer is always "check
 * your email", for a new address and a taken one alike, so the form never says who has an account.
 */
export function SignupForm({ onAccepted }: { onAccepted: (accepted: SignupAccepted) => void }) {
  const signup = useSignup();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { firstName: '', lastName: '', email: '', phone: '', password: '' },
    validate: requiredFirst(schemaResolver(signupRequestSchema, { sync: true }), FIELDS),
  });

  // A field is checked on leaving it once something was typed, never while still empty.
  const checkIfTyped = (field: 'email' | 'phone' | 'password') => () => {
    if (form.getValues()[field].trim()) form.validateField(field);
  };

  const submit = form.onSubmit((values) => {
    setMessage(null);
    signup.mutate(
      { firstName: values.firstName.trim(), lastName: values.lastName.trim(), email: values.email.trim(), phone: values.phone.trim(), password: values.password },
      {
        onSuccess: onAccepted,
        onError: (error) => {
          if (isApiError(error) && error.status === 429) {
            setMessage(error.message);
          } else {
            setMessage(applyApiErrors(form, error, FIELDS));
          }
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Create your account">
      <Stack gap="md">
        {message && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={20} />} role="alert">
            {message}
          </Alert>
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, xs: 6 }}>
            <TextInput label="First name" autoComplete="given-name" size="md" required withAsterisk={false} autoFocus key={form.key('firstName')} {...form.getInputProps('firstName')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6 }}>
            <TextInput label="Last name" autoComplete="family-name" size="md" required withAsterisk={false} key={form.key('lastName')} {...form.getInputProps('lastName')} />
          </Grid.Col>
        </Grid>
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          placeholder="you@example.com"
          size="md"
          required
          withAsterisk={false}
          key={form.key('email')}
          {...form.getInputProps('email')}
          onBlur={checkIfTyped('email')}
        />
        <TextInput
          label="Mobile phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          placeholder="(614) 555-0199"
          description="With area code. Your landlord uses it to recognise you."
          size="md"
          required
          withAsterisk={false}
          key={form.key('phone')}
          {...form.getInputProps('phone')}
          onBlur={checkIfTyped('phone')}
        />
        <PasswordInput
          label="Password"
          autoComplete="new-password"
          description="At least 12 characters."
          size="md"
          required
          withAsterisk={false}
          key={form.key('password')}
          {...form.getInputProps('password')}
          onBlur={checkIfTyped('password')}
        />
        <Button type="submit" size="md" fullWidth loading={signup.isPending} mt="xs">
          Create account
        </Button>
      </Stack>
    </form>
  );
}
