import { Alert, Button, Card, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconHomePlus, IconHomeSearch, IconMailCheck, IconMailOpened, IconSearch } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useNotifications } from '../../../features/notifications/api/get-notifications.ts';
import { useResidencies } from '../../../features/residents/api/get-residencies.ts';
import { ResidencyCard } from '../../../features/residents/components/residency-card.tsx';
import { useCurrentUser } from '../guards.tsx';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { VerifyEmailBanner } from '../account.tsx';

export default function ResidentHomeRoute() {
  const user = useCurrentUser();
  const residencies = useResidencies();
  const notifications = useNotifications();
  const justConfirmed = Boolean((useLocation().state as { emailConfirmed?: boolean } | null)?.emailConfirmed) && user.emailVerified;
  // The landlord's reason for declining reaches the resident as a notification; with one declined
  // residency it is the newest such notification. (The residency itself does not carry it.)
  const declined = residencies.data?.filter((residency) => residency.status === 'declined') ?? [];
  const declinedReason =
    declined.length === 1 ? (notifications.data?.items.find((notification) => notification.kind === 'resident_declined')?.body ?? null) : null;
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.firstName}`}
        documentTitle="Home"
        description="Pay rent and build your credit history with on-time payments."
        actions={
          residencies.data && residencies.data.length > 0 ? (
            <Button component={Link} to="/me/find-rental" variant="light" leftSection={<IconHomePlus size={16} />}>
              Add a rental
            </Button>
          ) : undefined
        }
      />
      {justConfirmed && (
        <Alert color="teal" variant="light" mb="lg" icon={<IconMailCheck size={20} />} title="Your email is confirmed" aria-live="polite">
          {residencies.data && residencies.data.length > 0 ? 'Your landlord can now match you to your lease.' : 'Next, find your rental: your landlord then confirms your lease.'}
        </Alert>
      )}
      {!user.emailVerified && (
        <Stack mb="lg">
          <VerifyEmailBanner email={user.email} />
        </Stack>
      )}
      {residencies.isPending ? (
        <LoadingState label="Loading your home…" />
      ) : residencies.isError ? (
        <ErrorState error={residencies.error} onRetry={() => void residencies.refetch()} />
      ) : residencies.data.length > 0 ? (
        <Stack gap="lg">
          {residencies.data.map((residency) => (
            <ResidencyCard key={residency.id} residency={residency} declinedReason={residency.status === 'declined' ? declinedReason : null} />
          ))}
        </Stack>
      ) : (
        <NoResidency />
      )}
    </>
  );
}

/** How to get a residency, for a resident who has none yet. */
function NoResidency() {
  return (
    <>
      <Card p={{ base: 'lg', sm: 'xl' }}>
        <Stack gap="xl" align="center">
          <EmptyPanel
            size="lg"
            icon={<IconHomeSearch size={30} stroke={1.6} />}
            title="You have no residency yet"
            description="A residency links your account to the home you rent, so you can pay rent and see your payment history. There are two ways to get one:"
            maw={560}
          />
          <List spacing="md" maw={520} center>
            <List.Item
              icon={
                <ThemeIcon variant="light" radius="xl" size={34}>
                  <IconMailOpened size={18} />
                </ThemeIcon>
              }
            >
              <Text size="sm" fw={600}>
                Accept your landlord’s invitation
              </Text>
              <Text size="sm" c="dimmed">
                If your landlord uses RentLedger, open the link in their invitation email to join your rental.
              </Text>
            </List.Item>
            <List.Item
              icon={
                <ThemeIcon variant="light" radius="xl" size={34}>
                  <IconSearch size={18} />
                </ThemeIcon>
              }
            >
              <Text size="sm" fw={600}>
                Sign up through your landlord’s payment portal
              </Text>
              <Text size="sm" c="dimmed">
                Find your rental by address or property name. Your landlord then confirms your lease.
              </Text>
            </List.Item>
          </List>
          <Button component={Link} to="/me/find-rental" size="md" leftSection={<IconHomeSearch size={18} />}>
            Find your rental
          </Button>
        </Stack>
      </Card>
    </>
  );
}
