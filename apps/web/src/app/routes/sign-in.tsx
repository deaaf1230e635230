import type { SessionResponse } from '@rentledger/contracts';
import { Anchor, Box, Center, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChartLine, IconCircleCheck, IconShieldCheck } from '@tabler/icons-react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { useDocumentTitle } from '../../components/page-header.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { homeFor, isPathForRole } from '../../features/auth/roles.ts';

function destination(session: SessionResponse, from: unknown): string {
  const role = session.user.role;
  return typeof from === 'string' && isPathForRole(from.split('?')[0] ?? '', role) ? from : homeFor(role);
}

function ProductPanel() {
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
          Rent collection your residents trust and your books agree with.
        </Title>
        <List spacing="lg" size="md" center styles={{ itemLabel: { color: 'rgba(255,255,255,0.92)' } }}>
          <List.Item
            icon={
              <ThemeIcon color="white" variant="white" radius="xl" size={32}>
                <IconCircleCheck size={18} color="var(--mantine-color-brand-8)" />
              </ThemeIcon>
            }
          >
            Verify every lease before a single payment is reported
          </List.Item>
          <List.Item
            icon={
              <ThemeIcon color="white" variant="white" radius="xl" size={32}>
                <IconChartLine size={18} color="var(--mantine-color-brand-8)" />
              </ThemeIcon>
            }
          >
            Know at once when rent is late or short
          </List.Item>
          <List.Item
            icon={
              <ThemeIcon color="white" variant="white" radius="xl" size={32}>
                <IconShieldCheck size={18} color="var(--mantine-color-brand-8)" />
              </ThemeIcon>
            }
          >
            Payments posted back to your accounting system
          </List.Item>
        </List>
      </Stack>
    </Box>
  );
}

export function SignInRoute() {
  useDocumentTitle('Sign in');
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as { from?: unknown } | null)?.from;

  if (session.isPending) return <LoadingState />;
  if (session.data) return <Navigate to={destination(session.data, from)} replace />;

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing={0} mih="100dvh">
      <Center p={{ base: 'md', sm: 'xl' }} style={{ background: 'var(--mantine-color-body)' }}>
        <Stack w="100%" maw={400} gap="xl" py="xl">
          <Brand size="xl" />
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
          <Paper p={0} bg="transparent">
            <SignInForm onSignedIn={(signedIn) => void navigate(destination(signedIn, from), { replace: true })} />
          </Paper>
          <Text size="xs" c="dimmed">
            Residents: use the email address your landlord invited, or the one you signed up with.
          </Text>

        </Stack>
      </Center>
      <ProductPanel />
    </SimpleGrid>
  );
}
