import type { Role, SessionUser } from '@rentledger/contracts';
import { Center, Container } from '@mantine/core';
import { type ReactNode, createContext, use } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { homeFor } from '../../features/auth/roles.ts';

const CurrentUserContext = createContext<SessionUser | null>(null);

/** The signed-in user; only valid below a RequireRole guard. */
export function useCurrentUser(): SessionUser {
  const user = use(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser needs a signed-in user (render it below <RequireRole>)');
  return user;
}

function FullPageLoading() {
  return (
    <Center mih="100dvh">
      <LoadingState label="Loading RentLedger…" />
    </Center>
  );
}

function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Container size="xs" py={80}>
      <ErrorState error={error} onRetry={onRetry} title="RentLedger could not start" />
    </Container>
  );
}

/** Signed out -> /sign-in (remembering where they were going); another role -> that role's home. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <FullPageLoading />;
  if (session.isError && session.data === undefined) return <FullPageError error={session.error} onRetry={() => void session.refetch()} />;
  const user = session.data?.user;
  if (!user) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/sign-in" replace state={{ from }} />;
  }
  if (user.role !== role) return <Navigate to={homeFor(user.role)} replace />;
  // Policy requires two-factor and it is not set up: nothing else answers until it is.
  if (user.twoFactorSetupRequired) return <Navigate to="/two-factor-setup" replace />;
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>;
}

export function RedirectHome() {
  const session = useSession();
  if (session.isPending) return <FullPageLoading />;
  if (session.isError && session.data === undefined) return <FullPageError error={session.error} onRetry={() => void session.refetch()} />;
  const user = session.data?.user;
  return <Navigate to={user ? homeFor(user.role) : '/sign-in'} replace />;
}
