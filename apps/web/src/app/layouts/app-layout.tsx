import type { Role, SessionUser } from '@rentledger/contracts';
import { ActionIcon, AppShell, Avatar, Box, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { useLogout } from '../../features/auth/api/logout.ts';
import { useDevMailboxAvailable } from '../../features/dev-mailbox/api/get-dev-mailbox.ts';
import { homeFor } from '../../features/auth/roles.ts';
import { NotificationsBell } from '../../features/notifications/components/notifications-bell.tsx';
import { ROLE_LABELS } from '../../lib/format.ts';
import { useCurrentUser } from '../routes/guards.tsx';
import { NAVIGATION } from './navigation.ts';

function initials(user: SessionUser): string {
  return `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`.toUpperCase() || '?';
}

function roleLine(user: SessionUser): string {
  if (user.role === 'support') return 'RentLedger Support';
  const role = ROLE_LABELS[user.role];
  return user.company ? `${role} · ${user.company.name}` : role;
}

function UserSummary({ user }: { user: SessionUser }) {
  return (
    <Group gap="sm" wrap="nowrap" miw={0}>
      <Avatar color="brand" radius="xl" size={36} aria-hidden="true">
        {initials(user)}
      </Avatar>
      <Box miw={0}>
        <Text size="sm" fw={600} truncate="end" data-testid="user-name">
          {user.firstName} {user.lastName}
        </Text>
        <Text size="xs" c="dimmed" truncate="end" data-testid="user-role">
          {roleLine(user)}
        </Text>
      </Box>
    </Group>
  );
}

export function AppLayout({ role, children }: { role: Role; children: ReactNode }) {
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const devMailbox = useDevMailboxAvailable(role === 'support');
  const items = NAVIGATION[role].filter((item) => item.requires !== 'dev-mailbox' || devMailbox);

  // On phones the navbar is an overlay: close it once a link was followed.
  useEffect(() => {
    close();
  }, [location.pathname, close]);

  const signOut = () => {
    logout.mutate(undefined, {
      onSettled: (_data, error) => {
        if (error) notifications.show({ color: 'yellow', message: 'Your session had already ended. You are signed out.' });
        void navigate('/sign-in', { replace: true });
      },
    });
  };

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <a href="#main-content" className="rl-skip-link">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'lg' }} justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Link to={homeFor(role)} aria-label="RentLedger home" style={{ textDecoration: 'none' }}>
              <Brand />
            </Link>
          </Group>
          <Group gap="md" wrap="nowrap">
            <NotificationsBell />
            <Box visibleFrom="sm">
              <UserSummary user={user} />
            </Box>
            <Button
              visibleFrom="sm"
              variant="default"
              leftSection={<IconLogout size={16} />}
              onClick={signOut}
              loading={logout.isPending}
            >
              Sign out
            </Button>
            <Tooltip label="Sign out">
              <ActionIcon hiddenFrom="sm" variant="default" size="lg" aria-label="Sign out" onClick={signOut} loading={logout.isPending}>
                <IconLogout size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <Box hiddenFrom="sm" px="xs" pb="sm" mb="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <UserSummary user={user} />
        </Box>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={4} component="nav">
            {items.map((item) => {
              const active = item.matches(location.pathname);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  leftSection={<item.icon size={20} stroke={1.6} />}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="light"
                  fw={500}
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              );
            })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Text size="xs" c="dimmed" px="xs">
            {user.company ? user.company.name : role === 'support' ? 'Support workspace' : 'Resident portal'}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1200} mx="auto">
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
