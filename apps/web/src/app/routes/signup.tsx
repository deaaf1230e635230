import { Anchor, Stack, Text, Title } from '@mantine/core';
import { IconChartLine, IconHomeSearch, IconShieldCheck } from '@tabler/icons-react';
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

/** Public: a resident creates an account, then goes straight on to find their rental. */
export default function SignupRoute() {
  useDocumentTitle('Create your account');
  const session = useSession();

  if (session.isPending) return <LoadingState />;
  // Signed up (or already signed in as a resident): on to finding the rental.
  if (session.data) return <Navigate to={session.data.user.role === 'resident' ? '/me/find-rental' : homeFor(session.data.user.role)} replace />;

  return (
    <AuthLayout headline="Pay rent online and build credit with every on-time payment." points={POINTS} formWidth={440}>
          <Stack gap={6}>
            <Title order={1} fz={28}>
              Create your account
            </Title>
            <Text c="dimmed" size="sm">
              For residents paying rent through their landlord’s RentLedger portal. Next, you will find your rental.
            </Text>
          </Stack>
          <SignupForm />
          <Text size="sm" c="dimmed">
            Already have an account?{' '}
            <Anchor component={Link} to="/sign-in" fw={600}>
              Sign in
            </Anchor>
          </Text>
    </AuthLayout>
  );
}
