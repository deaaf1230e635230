import type { Residency, ResidentStatus } from '@rentledger/contracts';
import { Alert, Badge, Button, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCash, IconClockHour4, IconHomeSearch, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Fact } from '../../../components/fact.tsx';
import { RESIDENT_STATUS_COLORS } from '../../../components/resident-status-badge.tsx';
import { formatBalance, formatCalendarDate, formatMoney, ordinal } from '../../../lib/format.ts';

/** What each status means for the resident, in their words. */
function residentFacingStatus(status: ResidentStatus, companyName: string): string {
  switch (status) {
    case 'waiting':
      return 'Waiting for your landlord';
    case 'invited':
      return 'Invited';
    case 'pending':
      return `Waiting for ${companyName} to verify your lease`;
    case 'approved':
      return 'Approved — you can set up your first payment';
    case 'current':
      return 'Current';
    case 'finished':
      return 'Lease ended';
    case 'declined':
      return 'Not approved';
  }
}

function address(residency: Residency): string | null {
  const cityLine = [residency.city, [residency.state, residency.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const parts = [residency.street, cityLine].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

function leaseText(residency: Residency): ReactNode {
  const start = residency.leaseStart ? formatCalendarDate(residency.leaseStart) : null;
  if (residency.monthToMonth || !residency.leaseEnd) {
    return start ? `Month-to-month since ${start}` : 'Month-to-month';
  }
  const end = formatCalendarDate(residency.leaseEnd);
  return start ? `${start} – ${end}` : `Until ${end}`;
}

type ResidencyCardProps = {
  residency: Residency;
  /** Why the landlord declined (it reaches the resident as a notification). */
  declinedReason?: string | null;
};

export function ResidencyCard({ residency, declinedReason }: ResidencyCardProps) {
  const where = address(residency);
  const canPaySoon = residency.status === 'approved' || residency.status === 'current';
  const unverified = residency.status === 'pending' || residency.status === 'declined';
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="article" aria-labelledby={`residency-${residency.id}`} data-testid="residency-card">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} miw={0} style={{ flex: '1 1 14rem' }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
              {residency.companyName}
            </Text>
            <Title order={2} fz="lg" id={`residency-${residency.id}`}>
              {residency.propertyName ?? 'Your home'}
              {residency.unitLabel ? `, unit ${residency.unitLabel}` : ''}
            </Title>
            {where && (
              <Text size="sm" c="dimmed">
                {where}
              </Text>
            )}
          </Stack>
          <Badge
            variant="light"
            color={RESIDENT_STATUS_COLORS[residency.status]}
            radius="sm"
            tt="none"
            size="lg"
            // A sentence, not a word: let it wrap on a phone instead of cutting it off.
            styles={{
              root: { height: 'auto', paddingBlock: 4, maxWidth: '100%' },
              label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.35, textAlign: 'left' },
            }}
            data-testid="residency-status"
          >
            {residentFacingStatus(residency.status, residency.companyName)}
          </Badge>
        </Group>
        <Divider />
        {!unverified && (
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="md">
            <Fact label="Monthly rent">{residency.rentCents === null ? 'Not set yet' : formatMoney(residency.rentCents)}</Fact>
            <Fact label="Due">{`The ${ordinal(residency.dueDay)} of each month`}</Fact>
            <Fact label="Lease">{leaseText(residency)}</Fact>
            <Fact label="Balance">
              {residency.balanceCents === null ? (
                'Not shared by your landlord'
              ) : (
                <Text span inherit c={residency.balanceCents < 0 ? '#1e6b30' : undefined} fw={residency.balanceCents > 0 ? 600 : undefined}>
                  {formatBalance(residency.balanceCents)}
                </Text>
              )}
            </Fact>
          </SimpleGrid>
        )}
        {canPaySoon && (
          <Group>
            <Button component={Link} to="/me/payments" leftSection={<IconCash size={16} />}>
              Pay rent
            </Button>
          </Group>
        )}
        {residency.status === 'pending' && residency.emailVerificationRequired && (
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconClockHour4 size={20} stroke={1.6} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden="true" />
            <Text size="sm">Verify your email to continue: open the link we sent you. {residency.companyName} reviews this residency once your email is confirmed.</Text>
          </Group>
        )}
        {residency.status === 'pending' && !residency.emailVerificationRequired && (
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconClockHour4 size={20} stroke={1.6} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden="true" />
            <Text size="sm">
              {residency.companyName} is checking your address, rent and lease term against their records. We will email you as soon as they have;
              then you can set up your first payment.
            </Text>
          </Group>
        )}
        {residency.status === 'declined' && (
          <Alert variant="light" color="red" icon={<IconX size={20} />} title={`${residency.companyName} did not approve this residency`} data-testid="declined-reason">
            <Stack gap="xs">
              <Text size="sm">{declinedReason ? `Their reason: “${declinedReason}”` : 'They did not give a reason.'}</Text>
              <Text size="sm">If you think this is a mistake, contact {residency.companyName}, or add your rental again with the right unit and lease.</Text>
              <Group>
                <Button component={Link} to="/me/find-rental" variant="white" color="red" size="xs" leftSection={<IconHomeSearch size={14} />}>
                  Find your rental again
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
