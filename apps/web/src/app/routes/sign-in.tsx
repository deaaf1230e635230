import type { SessionResponse } from '@rentledger/contracts';
import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { IconChartLine, IconCircleCheck, IconShieldCheck } from '@tabler/icons-react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { AuthLayout, type SellingPoint } from '../../components/auth-layout.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { homeFor, isPathForRole } from '../../features/auth/roles.ts';

function destination(session: SessionResponse, from: unknown): string {
  const role = session.user.role;
  return typeof from === 'string' && isPathForRole(from.split('?')[0] ?? '', role) ? from : homeFor(role);
}

const POINTS: SellingPoint[] = [
  { icon: IconCircleCheck, text: 'Verify every lease before a single payment is reported' },
  { icon: IconChartLine, text: 'Know at once when rent is late or short' },
  { icon: IconShieldCheck, text: 'Payments posted back to your accounting system' },
];

export function SignInRoute() {
  useDocumentTitle('Sign in');
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as { from?: unknown } | null)?.from;
  const emailConfirmed = Boolean((location.state as { emailConfirmed?: boolean } | null)?.emailConfirmed);

  if (session.isPending) return <LoadingState />;
  if (session.data) return <Navigate to={destination(session.data, from)} replace />;

  return (
    <AuthLayout headline="Rent collection your residents trust and your books agree with." points={POINTS}>
          <Stack gap={6}>
            <Title order={1} fz={28}>
              Sign in
            </Title>
            <Text c="dimmed" size="sm">
              Welcome back. Sign in to manage rent, residents and properties.
            </Text>
            <Text size="sm">
              <Anchor component={Link} to="/signup" fw={600}>
                New resident? Create an account
              </Anchor>
            </Text>
          </Stack>
          {emailConfirmed && (
            <Alert color="teal" variant="light" aria-live="polite">
              Your email is confirmed. Sign in to continue.
            </Alert>
          )}
          <Paper p={0} bg="transparent">
            <SignInForm onSignedIn={(signedIn) => void navigate(destination(signedIn, from), { replace: true })} />
          </Paper>
          <Text size="xs" c="dimmed">
            Residents: use the email address your landlord invited, or the one you signed up with.
          </Text>
    </AuthLayout>
  );
}
