import type { Candidate } from '@rentledger/contracts';
import { Alert, Badge, Box, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconGitMerge, IconStarFilled } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { Fact } from '../../../components/fact.tsx';
import { formatBalance, formatCalendarDate, formatMoney } from '../../../lib/format.ts';

const KIND_LABELS: Record<Candidate['kind'], string> = {
  accounting_record: 'In your accounting system',
  resident: 'Already in RentLedger',
};

const RECORD_STATUS: Record<string, string> = {
  current: 'current lease',
  notice: 'on notice',
  future: 'future lease',
  past: 'past lease',
  invited: 'invited',
  waiting: 'waiting (no email)',
};

function lease(candidate: Candidate): string {
  if (!candidate.leaseStart) return candidate.leaseEnd ? `Until ${formatCalendarDate(candidate.leaseEnd)}` : '—';
  return candidate.leaseEnd
    ? `${formatCalendarDate(candidate.leaseStart)} – ${formatCalendarDate(candidate.leaseEnd)}`
    : `From ${formatCalendarDate(candidate.leaseStart)}, month-to-month`;
}

type CandidateCardProps = {
  candidate: Candidate;
  /** The record's resident is also in RentLedger (invited or waiting): merging replaces them. */
  alsoInvited?: boolean;
  merging: boolean;
  disabled: boolean;
  error: ReactNode;
  onMerge: () => void;
};

/**
 * One possible match: the score and its reasons, the ledger's lease details, and the seed article's
 * "it is the same person" box before "Merge and approve".
 */
export function CandidateCard({ candidate, alsoInvited = false, merging, disabled, error, onMerge }: CandidateCardProps) {
  const [same, setSame] = useState(false);
  const name = `${candidate.firstName} ${candidate.lastName}`.trim() || 'Unnamed';
  const headingId = `candidate-${candidate.id}`;
  return (
    <Card
      p={{ base: 'md', sm: 'lg' }}
      component="article"
      aria-labelledby={headingId}
      className={candidate.strong ? 'rl-candidate-strong' : undefined}
      data-testid="candidate-card"
      data-strong={candidate.strong ? 'true' : undefined}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} miw={0} style={{ flex: '1 1 14rem' }}>
            <Group gap={8}>
              <Title order={3} fz="md" id={headingId}>
                {name}
              </Title>
              {candidate.strong && (
                <Badge color="brand" variant="filled" radius="sm" tt="none" leftSection={<IconStarFilled size={10} />}>
                  Strong match
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {KIND_LABELS[candidate.kind]}
              {RECORD_STATUS[candidate.status] ? ` · ${RECORD_STATUS[candidate.status]}` : ''}
              {alsoInvited ? ' · already invited to RentLedger (merging replaces that invitation)' : ''}
            </Text>
          </Stack>
          <Box
            ta="center"
            px="sm"
            py={4}
            style={{ borderRadius: 'var(--mantine-radius-md)', background: candidate.strong ? 'var(--mantine-color-brand-0)' : 'var(--mantine-color-gray-0)' }}
            data-testid="candidate-score"
          >
            <Text fz={22} fw={700} lh={1.1} c={candidate.strong ? 'brand.8' : undefined}>
              {candidate.score}
            </Text>
            <Text size="xs" c="dimmed">
              match score
            </Text>
          </Box>
        </Group>
        <Group gap={6} aria-label="Why this matches" data-testid="candidate-reasons">
          {candidate.reasons.map((reason) => (
            <Badge key={reason} variant="light" color={reason.includes('matches') ? 'brand' : 'gray'} radius="sm" tt="none" leftSection={<IconCheck size={12} />}>
              {reason}
            </Badge>
          ))}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="sm">
          <Fact gap={1} plain breakAnywhere label="Accounting ID">{candidate.accountingResidentId ? <span className="rl-mono">{candidate.accountingResidentId}</span> : '—'}</Fact>
          <Fact gap={1} plain breakAnywhere label="Unit">{[candidate.propertyName, candidate.unitLabel && `unit ${candidate.unitLabel}`].filter(Boolean).join(', ') || '—'}</Fact>
          <Fact gap={1} plain breakAnywhere label="Rent">{candidate.rentCents === null ? '—' : formatMoney(candidate.rentCents)}</Fact>
          <Fact gap={1} plain breakAnywhere label="Balance">{candidate.balanceCents === null ? '—' : formatBalance(candidate.balanceCents)}</Fact>
          <Fact gap={1} plain breakAnywhere label="Lease">{lease(candidate)}</Fact>
          <Fact gap={1} plain breakAnywhere label="Email">{candidate.emails.length > 0 ? candidate.emails.join(', ') : '—'}</Fact>
          <Fact gap={1} plain breakAnywhere label="Phone">{candidate.phones.length > 0 ? candidate.phones.join(', ') : '—'}</Fact>
        </SimpleGrid>
        {error}
        <Group justify="space-between" gap="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Checkbox
            label="It is the same person"
            description="The sign-up takes this lease, rent and accounting ID."
            checked={same}
            onChange={(event) => setSame(event.currentTarget.checked)}
            disabled={disabled}
          />
          <Button leftSection={<IconGitMerge size={16} />} onClick={onMerge} disabled={!same || disabled} loading={merging}>
            Merge and approve
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function CandidateError({ children }: { children: ReactNode }) {
  return (
    <Alert color="red" variant="light" role="alert">
      {children}
    </Alert>
  );
}
