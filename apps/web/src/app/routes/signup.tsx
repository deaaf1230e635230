import { Anchor, Box, Center, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChartLine, IconHomeSearch, IconShieldCheck } from '@tabler/icons-react';
import { Link, Navigate } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { SignupForm } from '../../features/auth/components/signup-form.tsx';
import { homeFor } from '../../features/auth/roles.ts';

function ResidentPanel() {
  const icon = (Icon: typeof IconHomeSearch) => (
    <ThemeIcon color="white" variant="white" radius="xl" size={32}>
      <Icon size={18} color="var(--mantine-color-brand-8)" />
    </ThemeIcon>
  );
  return (
    <Box
      visibleFrom="md"
      p={48}
      style={{
        background: 'linear-gradient(160deg, var(--mantine-color-brand-9) 0%, var(--mantine-color-brand-8) 55%, #134e4a 100%)',
        color: 'white',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
      }}
    >
      <Stack gap="xl" maw={440}>
        <Title order={2} fz={30} lh={1.25} c="white">
          Pay rent online and build credit with every on-time payment.
        </Title>
        <List spacing="lg" size="md" center styles={{ itemLabel: { color: 'rgba(255,255,255,0.92)' } }}>
          <List.Item icon={icon(IconHomeSearch)}>Find your rental by its address or name</List.Item>
          <List.Item icon={icon(IconShieldCheck)}>Your landlord confirms your lease, so what is reported is right</List.Item>
          <List.Item icon={icon(IconChartLine)}>On-time rent can count toward your credit history</List.Item>
        </List>
      </Stack>
    </Box>
  );
}

/** Public: a resident creates an account, then goes straight on to find their rental. */
export default function SignupRoute() {
  useDocumentTitle('Create your account');
  const session = useSession();

  if (session.isPending) return <LoadingState />;
  // Signed up (or already signed in as a resident): on to finding the rental.
  if (session.data) return <Navigate to={session.data.user.role === 'resident' ? '/me/find-rental' : homeFor(session.data.user.role)} replace />;

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing={0} mih="100dvh">
      <Center p={{ base: 'md', sm: 'xl' }} style={{ background: 'var(--mantine-color-body)' }}>
        <Stack w="100%" maw={440} gap="xl" py="xl">
          <Brand size="xl" />
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
        </Stack>
      </Center>
      <ResidentPanel />
    </SimpleGrid>
  );
}
