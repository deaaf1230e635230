import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { IconChartLine, IconHomeSearch, IconMailCheck, IconShieldCheck } from '@tabler/icons-react';
import type { SignupAccepted } from '@rentledger/contracts';
import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { AuthLayout, type SellingPoint } from '../../components/auth-layout.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { SignupForm } from '../../features/auth/components/signup-form.tsx';
import { homeFor } from '../../features/auth/roles.ts';

const POINTS: SellingPoint[] = [
  { icon: IconHomeSearch, text: 'Find your rental by its address or name' },
  { icon: IconShieldCheck, text: 'Your landlord confirms your lease, so what is reported is right' },
  { icon: IconChartLine, text: 'On-time rent can count toward your credit history' },
];

/** Public: a resident creates an account, then confirms the email from the link we send. */
export default function SignupRoute() {
  const [accepted, setAccepted] = useState<SignupAccepted | null>(null);
  useDocumentTitle(accepted ? 'Check your email' : 'Create your account');
  const session = useSession();

  if (session.isPending) return <LoadingState />;
  // Signed up (or already signed in as a resident): on to finding the rental.
  if (session.data) return <Navigate to={session.data.user.role === 'resident' ? '/me/find-rental' : homeFor(session.data.user.role)} replace />;

  if (accepted) return <CheckEmail accepted={accepted} />;

  return (
    <AuthLayout headline="Pay rent online and build credit with every on-time payment." points={POINTS} formWidth={440}>
          <Stack gap={6}>
            <Title order={1} fz={28}>
              Create your account
            </Title>
            <Text c="dimmed" size="sm">
              For residents paying rent through their landlord’s RentLedger portal. Next, you confirm your email and find your rental.
            </Text>
          </Stack>
          <SignupForm onAccepted={setAccepted} />
          <Text size="sm" c="dimmed">
            Already have an account?{' '}
            <Anchor component={Link} to="/sign-in" fw={600}>
              Sign in
            </Anchor>
          </Text>
    </AuthLayout>
  );
}

/** After sign-up: the link in the email confirms the address; signing in now lets them start. */
function CheckEmail({ accepted }: { accepted: SignupAccepted }) {
  return (
    <AuthLayout headline="Pay rent online and build credit with every on-time payment." points={POINTS} formWidth={440}>
      <Stack gap="md">
        <Title order={1} fz={28}>
          <IconMailCheck size={28} style={{ verticalAlign: 'text-bottom', marginRight: 8 }} aria-hidden />
          Check your email
        </Title>
        <Alert color="teal" variant="light" aria-live="polite">
          We sent a link to <strong>{accepted.email}</strong>. Open it to confirm your address; it works for 24 hours.
        </Alert>
        <Text size="sm">
          You can sign in now and tell us where you live. Your landlord matches you to your lease once your email is confirmed.
        </Text>
        <Text size="sm" c="dimmed">
          No email after a few minutes? Check your spam folder. If you already had an account with this address, we emailed you how to sign in instead.
        </Text>
        <Button component={Link} to="/sign-in" size="md">
          Sign in
        </Button>
      </Stack>
    </AuthLayout>
  );
}
