import { ActionIcon, Badge, Box, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell, IconBellOff, IconChecks } from '@tabler/icons-react';
import { useWindowEvent } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatRelativeTime } from '../../../lib/format.ts';
import { type AppNotification, useNotifications } from '../api/get-notifications.ts';
import { useMarkNotificationsRead } from '../api/mark-notifications-read.ts';

function NotificationItem({ notification, onOpen }: { notification: AppNotification; onOpen: (link: string) => void }) {
  const unread = notification.readAt === null;
  const content = (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Box
        mt={6}
        w={8}
        h={8}
        style={{ borderRadius: '50%', flexShrink: 0, background: unread ? 'var(--mantine-color-brand-6)' : 'transparent' }}
        aria-hidden="true"
      />
      <Box miw={0} style={{ flex: 1 }}>
        <Text size="sm" fw={unread ? 600 : 500} lh={1.35}>
          {notification.title}
        </Text>
        {notification.body && (
          <Text size="xs" c="dimmed" lineClamp={2} mt={2}>
            {notification.body}
          </Text>
        )}
        <Text size="xs" c="dimmed" mt={4}>
          {formatRelativeTime(notification.createdAt)}
          {unread && <span className="rl-visually-hidden"> · unread</span>}
        </Text>
      </Box>
    </Group>
  );
  const link = notification.link;
  return (
    <Box component="li" data-testid="notification-item" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      {link ? (
        <UnstyledButton className="rl-notification-link" w="100%" px="md" py="sm" onClick={() => onOpen(link)}>
          {content}
        </UnstyledButton>
      ) : (
        <Box px="md" py="sm">
          {content}
        </Box>
      )}
    </Box>
  );
}

/** The bell in the header: unread count, the latest notifications with their links, "Mark all read". */
export function NotificationsBell() {
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  // Escape closes it wherever focus is (the popover itself only hears keys pressed inside it).
  useWindowEvent('keydown', (event) => {
    if (event.key === 'Escape' && opened) setOpened(false);
  });
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];
  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';

  const open = (link: string) => {
    setOpened(false);
    // Links are app paths ("/app/residents/…/review"); an absolute URL to this app works too.
    const path = link.startsWith('http') ? new URL(link).pathname + new URL(link).search : link;
    void navigate(path);
  };

  return (
    // A popover (a dialog), not a menu: it holds a list, links and buttons, which a role=menu may not.
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal trapFocus={false} returnFocus>
      {/* The menu's target is the button itself: aria-expanded belongs on a button, not on the badge around it. */}
      <Indicator
        disabled={unread === 0}
        label={unread > 99 ? '99+' : unread}
        size={18}
        offset={4}
        color="red"
        withBorder
        styles={{ indicator: { fontSize: 11, fontWeight: 700 } }}
        data-testid="notifications-unread"
      >
        <Popover.Target>
          <ActionIcon variant="default" size="lg" aria-label={label} data-testid="notifications-bell" onClick={() => setOpened((open) => !open)}>
            <IconBell size={18} />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} maw="calc(100vw - 16px)" aria-label="Notifications" role="dialog">
        <Group justify="space-between" px="md" py="sm" gap="xs" wrap="nowrap">
          <Group gap={8}>
            <Text fw={650} size="sm">
              Notifications
            </Text>
            {unread > 0 && (
              <Badge size="sm" color="red" variant="light" radius="sm">
                {unread} new
              </Badge>
            )}
          </Group>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconChecks size={14} />}
            disabled={unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate()}
          >
            Mark all read
          </Button>
        </Group>
        {notifications.isPending ? (
          <Text size="sm" c="dimmed" px="md" pb="md">
            Loading…
          </Text>
        ) : notifications.isError ? (
          <Text size="sm" c="red.8" px="md" pb="md">
            Notifications could not be loaded.
          </Text>
        ) : items.length === 0 ? (
          <Stack align="center" gap={6} px="md" pb="lg" pt="xs">
            <IconBellOff size={26} stroke={1.5} color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed" ta="center">
              Nothing new. Sign-ups to review and answers from support show up here.
            </Text>
          </Stack>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="notifications-list">
              {items.slice(0, 20).map((notification) => (
                <NotificationItem key={notification.id} notification={notification} onOpen={open} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
