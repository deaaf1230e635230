import { Anchor, Badge, Box, Button, Collapse, Group, Stack, Text } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import type { MailboxEmail } from '../api/get-dev-mailbox.ts';

const STATUS_COLORS: Record<MailboxEmail['status'], string> = { pending: 'gray', sent: 'brand', failed: 'red' };
const STATUS_LABELS: Record<MailboxEmail['status'], string> = { pending: 'In outbox', sent: 'Sent', failed: 'Failed' };

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The plain-text body with its links clickable (they open in a new tab). */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      <Anchor key={index} href={part} target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>
        {part}
      </Anchor>
    ) : (
      part
    ),
  );
  return (
    <Text
      component="pre"
      size="sm"
      m={0}
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit' }}
      data-testid="mailbox-body"
    >
      {parts}
    </Text>
  );
}

function MailboxItem({ email }: { email: MailboxEmail }) {
  const [open, setOpen] = useState(false);
  const bodyId = `mail-body-${email.id}`;
  return (
    <Box component="li" px={{ base: 'md', sm: 'lg' }} py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-testid="mailbox-item">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Box miw={0} style={{ flex: 1 }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {email.subject}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            To {email.to} · {formatDateTime(email.createdAt)}
          </Text>
        </Box>
        <Badge variant="light" color={STATUS_COLORS[email.status]} radius="sm" tt="none" className="rl-nowrap">
          {STATUS_LABELS[email.status]}
        </Badge>
      </Group>
      <Button
        variant="subtle"
        size="compact-sm"
        px={0}
        mt={4}
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        aria-controls={bodyId}
        rightSection={<IconChevronDown size={14} style={{ transform: open ? 'rotate(180deg)' : undefined, transition: 'transform 150ms ease' }} />}
      >
        {open ? 'Hide message' : 'Show message'}
      </Button>
      <Collapse expanded={open} id={bodyId}>
        <Box mt="xs" p="md" bg="var(--mantine-color-gray-0)" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Linkified text={email.text} />
        </Box>
      </Collapse>
    </Box>
  );
}

export function MailboxList({ emails }: { emails: MailboxEmail[] }) {
  return (
    <Stack gap={0} component="ul" aria-label="Emails" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {emails.map((email) => (
        <MailboxItem key={email.id} email={email} />
      ))}
    </Stack>
  );
}
