import type { ResidentDetail } from '@rentledger/contracts';
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck, IconIdBadge2, IconUser, IconUserX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Fact } from '../../../components/fact.tsx';
import { formatBalance, formatDateTime, formatLeaseTerm, formatMoney, ordinal, possessive } from '../../../lib/format.ts';

const backToPending = (
  <Button component={Link} to="/app/residents?status=pending" variant="default" leftSection={<IconArrowLeft size={16} />}>
    Back to pending residents
  </Button>
);

/** Approved: by this landlord just now, by a colleague earlier, or automatically after a sync. */
export function ApprovedOutcome({ resident, justApproved }: { resident: ResidentDetail; justApproved: boolean }) {
  const name = `${resident.firstName} ${resident.lastName}`.trim();
  // Approved here (by merge, manually, or by the sync started here): the resident was just emailed.
  // Otherwise a colleague got there first, or a later sync matched them.
  const title = justApproved
    ? resident.email
      ? `${name} is approved and has been emailed`
      : `${name} is approved`
    : resident.approvedBy
      ? `${name} is already approved`
      : `${name} is approved`;
  const how = resident.approvedBy
    ? `Approved by ${resident.approvedBy.name}${resident.approvedAt ? ` on ${formatDateTime(resident.approvedAt)}` : ''}.`
    : `Approved automatically: ${resident.firstName} matched a record in your accounting system${resident.approvedAt ? ` (${formatDateTime(resident.approvedAt)})` : ''}.`;
  return (
    <Card p={{ base: 'md', sm: 'xl' }} data-testid="review-approved">
      <Stack gap="lg">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={48} radius="xl" variant="light" color="brand" style={{ flexShrink: 0 }}>
            <IconCircleCheck size={28} />
          </ThemeIcon>
          <Stack gap={4} miw={0}>
            <Title order={2} fz={{ base: 20, sm: 24 }}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {how} {resident.email ? `${resident.firstName} can now set up their first payment.` : ''}
            </Text>
          </Stack>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Fact label="Unit">{[resident.propertyName, resident.unitLabel && `unit ${resident.unitLabel}`].filter(Boolean).join(', ') || '—'}</Fact>
          <Fact label="Monthly rent">{resident.rentCents === null ? '—' : `${formatMoney(resident.rentCents)}, due the ${ordinal(resident.dueDay)}`}</Fact>
          <Fact label="Lease">{formatLeaseTerm(resident)}</Fact>
          <Fact label="Accounting ID">{resident.accountingResidentId ? <span className="rl-mono">{resident.accountingResidentId}</span> : '—'}</Fact>
          {resident.balanceCents !== null && <Fact label="Balance">{formatBalance(resident.balanceCents)}</Fact>}
        </SimpleGrid>
        {resident.companyIntegrated && !resident.accountingResidentId && (
          <Alert variant="light" color="indigo" icon={<IconIdBadge2 size={20} />} title="Add their accounting resident ID">
            So RentLedger maps {resident.firstName} to the right ledger in your accounting system: open their page, click Edit and add the resident ID.
          </Alert>
        )}
        <Group gap="sm">
          {backToPending}
          <Button component={Link} to={`/app/residents/${resident.id}`} leftSection={<IconUser size={16} />}>
            Open {possessive(resident.firstName)} page
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function DeclinedOutcome({ resident }: { resident: ResidentDetail }) {
  const name = `${resident.firstName} ${resident.lastName}`.trim();
  return (
    <Card p={{ base: 'md', sm: 'xl' }} data-testid="review-declined">
      <Stack gap="lg">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={48} radius="xl" variant="light" color="red" style={{ flexShrink: 0 }}>
            <IconUserX size={26} />
          </ThemeIcon>
          <Stack gap={4} miw={0}>
            <Title order={2} fz={{ base: 20, sm: 24 }}>
              {name} was declined
            </Title>
            {resident.declinedReason && (
              <Text size="sm">
                Reason given: “{resident.declinedReason}”
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {resident.firstName} was told by email and in the app.
            </Text>
          </Stack>
        </Group>
        <Group>{backToPending}</Group>
      </Stack>
    </Card>
  );
}
