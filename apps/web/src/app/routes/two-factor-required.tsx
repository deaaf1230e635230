import { Button, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate } from 'react-router';
import { CardPage } from '../../components/card-page.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { TwoFactorSetup } from '../../features/account/components/two-factor-setup.tsx';
import { useLogout } from '../../features/auth/api/logout.ts';
import { useSession } from '../../features/auth/api/get-session.ts';
import { homeFor } from '../../features/auth/roles.ts';

/** A user whom policy requires to use two-factor, before anything else: set it up, or sign out. */
export default function TwoFactorRequiredRoute() {
  useDocumentTitle('Set up two-factor sign-in');
  const session = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  if (session.isPending) return <LoadingState />;
  const user = session.data?.user;
  if (!user) return <Navigate to="/sign-in" replace />;
  return (
    <CardPage width={620}>
      <Stack gap="md">
        <Title order={1} fz={24}>
          Set up two-factor sign-in
        </Title>
        <Text size="sm" c="dimmed">
          {user.role === 'support' ? 'Support accounts' : `${user.company?.name ?? 'Your company'} requires staff accounts`} to sign in with a code from an authenticator app as well as a password.
        </Text>
        <TwoFactorSetup onDone={() => void navigate(homeFor(user.role), { replace: true })} />
        <Button variant="subtle" onClick={() => logout.mutate()} style={{ alignSelf: 'flex-start' }}>
          Sign out
        </Button>
      </Stack>
    </CardPage>
  );
}
