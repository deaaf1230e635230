import { Button, Stack, Title } from '@mantine/core';
import { IconClockX, IconLinkOff, IconMailForward, IconUserCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CardPage } from '../../components/card-page.tsx';
import { EmptyPanel } from '../../components/empty-panel.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { homeFor } from '../../features/auth/roles.ts';
import { useInvitationLookup } from '../../features/invitations/api/lookup-invitation.ts';
import { AcceptInvitationForm } from '../../features/invitations/components/accept-invitation-form.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { readFragmentToken } from './token-link.ts';

const signInButton = (
  <Button component={Link} to="/sign-in">
    Sign in
  </Button>
);

/** Not found, used, expired or replaced: each says what happened and what to do next. */
function InvitationProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const code = isApiError(error) ? error.code : null;
  // The server's own words for expired and replaced invitations (they name the date and the landlord).
  const message = isApiError(error) ? error.message : null;
  switch (code) {
    case 'invitation_used':
      return (
        <EmptyPanel
          order={1}
          icon={<IconUserCheck size={30} stroke={1.6} />}
          title="This invitation was already used"
          description="Your account is set up already. Sign in with the email address the invitation was sent to and the password you chose."
        >
          {signInButton}
        </EmptyPanel>
      );
    case 'already_joined':
      return (
        <EmptyPanel
          order={1}
          icon={<IconUserCheck size={30} stroke={1.6} />}
          title="You already joined RentLedger"
          description="You joined RentLedger since this invitation was sent, so it is no longer needed: sign in to see your residency."
        >
          {signInButton}
        </EmptyPanel>
      );
    case 'invitation_expired':
      return (
        <EmptyPanel order={1} icon={<IconClockX size={30} stroke={1.6} />} title="This invitation has expired" description={`${message}.`}>
          {signInButton}
        </EmptyPanel>
      );
    case 'invitation_revoked':
      return (
        <EmptyPanel
          order={1}
          icon={<IconMailForward size={30} stroke={1.6} />}
          title="A newer invitation replaced this one"
          description={`${message ?? 'This invitation was replaced'}. Only the link in the most recent invitation email works.`}
        />
      );
    case 'invitation_not_found':
    case 'validation_failed':
      return (
        <EmptyPanel
          order={1}
          icon={<IconLinkOff size={30} stroke={1.6} />}
          title="This invitation link is not valid"
          description="Open the link from your invitation email again, and check that all of it was copied. If it still does not work, ask your landlord to resend the invitation."
        >
          {signInButton}
        </EmptyPanel>
      );
    default:
      return <ErrorState error={error} onRetry={onRetry} title="We could not open your invitation" />;
  }
}

export default function InvitationAcceptRoute() {
  useDocumentTitle('Accept invitation');
  const navigate = useNavigate();
  const [token, setToken] = useState(readFragmentToken);
  const [acceptError, setAcceptError] = useState<unknown>(null);
  const lookup = useInvitationLookup(token);

  // Keep the token out of the address bar, the history and any bookmark as soon as it is read. A
  // second link opened in the same tab only changes the fragment: read that one too.
  useEffect(() => {
    const stripToken = () => {
      if (window.location.hash) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
    };
    const onHashChange = () => {
      const next = readFragmentToken();
      if (!next) return;
      setToken(next);
      setAcceptError(null);
      stripToken();
    };
    stripToken();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  if (!token) {
    return (
      <CardPage>
        <EmptyPanel
          order={1}
          icon={<IconLinkOff size={30} stroke={1.6} />}
          title="This invitation link is incomplete"
          description="Open the link in your invitation email again. If you copied it by hand, make sure you copied all of it."
        >
          {signInButton}
        </EmptyPanel>
      </CardPage>
    );
  }
  if (lookup.isPending) {
    return (
      <CardPage>
        <LoadingState label="Opening your invitation…" />
      </CardPage>
    );
  }
  if (lookup.isError || acceptError) {
    return (
      <CardPage>
        <InvitationProblem error={acceptError ?? lookup.error} onRetry={() => void lookup.refetch()} />
      </CardPage>
    );
  }

  const invitation = lookup.data;
  return (
    <CardPage>
      <Stack gap="lg">
        <Title order={1} fz={{ base: 24, sm: 28 }} ta="center">
          Welcome, {invitation.firstName || invitation.lastName}
        </Title>
        <AcceptInvitationForm
          token={token}
          invitation={invitation}
          onAccepted={(session) => void navigate(homeFor(session.user.role), { replace: true })}
          onInvitationError={setAcceptError}
        />
      </Stack>
    </CardPage>
  );
}
