import type { Resident } from '@rentledger/contracts';
import { ActionIcon, Anchor, Box, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconSend, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { formatBalance, formatCalendarDate, formatDate, formatLeaseTerm, formatMoney, formatPhone } from '../../../lib/format.ts';
import { LeaseEndNote, ResidentLeaseBadge } from '../../../components/lease-status.tsx';

type ResidentsTableProps = {
  residents: Resident[];
  /** The company has an accounting system: only then is there an accounting ID to show. */
  integrated: boolean;
  onResend: (resident: Resident) => void;
  onDelete: (resident: Resident) => void;
};

/** A pending sign-up has nothing verified yet: show what they stated, marked as such. */
const stated = (resident: Resident) => resident.status === 'pending' && (resident.statedRentCents !== null || resident.statedLeaseStart !== null);

export const fullName = (resident: Pick<Resident, 'firstName' | 'lastName'>) => `${resident.firstName} ${resident.lastName}`.trim() || 'Unnamed resident';

/** Only sign-ups waiting for review and open invitations can be deleted; an approved lease is ended instead. */
export function canDelete(resident: Pick<Resident, 'status'>): boolean {
  return resident.status === 'pending' || resident.status === 'invited';
}

function NameLink({ resident }: { resident: Resident }) {
  return (
    <Anchor component={Link} to={`/app/residents/${resident.id}`} size="sm" fw={600} c="var(--mantine-color-text)" data-testid="resident-name">
      {fullName(resident)}
    </Anchor>
  );
}

/** The seed article's controls: the "Approve" check mark for a pending sign-up, and a red x to delete. */
function RowActions({ resident, onDelete }: { resident: Resident; onDelete: (resident: Resident) => void }) {
  const name = fullName(resident);
  if (resident.status !== 'pending' && !canDelete(resident)) return null;
  return (
    <Group gap={6} wrap="nowrap">
      {resident.status === 'pending' && (
        <Tooltip label="Approve">
          <ActionIcon component={Link} to={`/app/residents/${resident.id}/review`} variant="light" color="brand" size="lg" aria-label={`Approve ${name}`}>
            <IconCheck size={18} stroke={2.2} />
          </ActionIcon>
        </Tooltip>
      )}
      {canDelete(resident) && (
        <Tooltip label="Delete">
          <ActionIcon variant="light" color="red" size="lg" aria-label={`Delete ${name}`} onClick={() => onDelete(resident)}>
            <IconX size={18} stroke={2.2} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/** Lets a long address wrap at the "@" rather than mid-word. */
function Email({ address }: { address: string }) {
  const at = address.indexOf('@');
  if (at <= 0) return address;
  return (
    <>
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </>
  );
}

function Home({ resident }: { resident: Resident }) {
  if (!resident.propertyName && !resident.unitLabel) {
    return (
      <Text size="sm" c="dimmed">
        No unit assigned
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">{resident.propertyName ?? 'Unknown property'}</Text>
      {resident.unitLabel && (
        <Text size="xs" c="dimmed">
          Unit {resident.unitLabel}
        </Text>
      )}
    </>
  );
}

function Rent({ resident }: { resident: Resident }) {
  if (resident.rentCents === null && stated(resident)) {
    return (
      <>
        <Text size="sm" className="rl-nowrap">
          {resident.statedRentCents === null ? '—' : formatMoney(resident.statedRentCents)}
        </Text>
        <Text size="xs" c="dimmed" className="rl-nowrap">
          stated
        </Text>
      </>
    );
  }
  return (
    <>
      <Text size="sm" className="rl-nowrap">
        {resident.rentCents === null ? '—' : formatMoney(resident.rentCents)}
      </Text>
      {resident.balanceCents !== null && resident.balanceCents !== 0 && (
        <Text size="xs" c={resident.balanceCents < 0 ? '#1e6b30' : 'dimmed'} className="rl-nowrap">
          {formatBalance(resident.balanceCents)}
        </Text>
      )}
    </>
  );
}

/** Why a resident is where they are: when the invitation went out, or why none could be sent. */
function StatusNote({ resident }: { resident: Resident }) {
  if (resident.status === 'pending') {
    return (
      <Text size="xs" c="orange.8" className="rl-nowrap">
        Signed up {formatDate(resident.createdAt)}
      </Text>
    );
  }
  if (resident.status === 'waiting') {
    return (
      <Text size="xs" c="dimmed">
        No email in the accounting system
      </Text>
    );
  }
  if (resident.status !== 'invited' || !resident.invitation) return null;
  const { sentAt, expiresAt, expired } = resident.invitation;
  if (expired) {
    return (
      <Text size="xs" c="orange.8" className="rl-nowrap">
        Invitation expired {formatDate(expiresAt)}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" className="rl-nowrap">
      {sentAt ? `Invitation sent ${formatDate(sentAt)}` : 'Invitation not sent yet'}
    </Text>
  );
}

/** Start and end on their own lines, so a date never breaks in the middle. */
function statedLease(resident: Resident) {
  return { leaseStart: resident.statedLeaseStart, leaseEnd: resident.statedLeaseEnd, monthToMonth: resident.statedLeaseStart !== null && resident.statedLeaseEnd === null };
}

function Lease({ resident }: { resident: Resident }) {
  const fromStated = resident.leaseStart === null && stated(resident);
  const { leaseStart, leaseEnd, monthToMonth } = fromStated ? statedLease(resident) : resident;
  if (!leaseStart && !leaseEnd) {
    return (
      <Text size="sm" c={monthToMonth ? undefined : 'dimmed'}>
        {monthToMonth ? 'Month-to-month' : '—'}
      </Text>
    );
  }
  return (
    <>
      <Text size="sm" className="rl-nowrap">
        {leaseStart ? formatCalendarDate(leaseStart) : 'Start unknown'}
      </Text>
      <Text size="xs" c="dimmed" className="rl-nowrap">
        {monthToMonth || !leaseEnd ? 'Month-to-month' : `to ${formatCalendarDate(leaseEnd)}`}
        {fromStated ? ' · stated' : ''}
      </Text>
    </>
  );
}

function canResend(resident: Resident): boolean {
  return resident.status === 'invited' && resident.invitation !== null && resident.email !== null;
}

export function ResidentsTable({ residents, integrated, onResend, onDelete }: ResidentsTableProps) {
  const resendButton = (resident: Resident) => (
    <Button
      variant="light"
      size="compact-xs"
      leftSection={<IconSend size={12} />}
      onClick={() => onResend(resident)}
      aria-label={`Resend invitation to ${fullName(resident)}`}
    >
      Resend
    </Button>
  );

  return (
    <ResponsiveTable
      label="Residents"
      minWidth={920}
      phone={residents.map((resident) => (
        <PhoneListItem key={resident.id} aside={<ResidentLeaseBadge resident={resident} />}>
          <NameLink resident={resident} />
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {resident.email ?? (resident.phone ? formatPhone(resident.phone) : 'No email or phone')}
          </Text>
          <Text size="sm">
            {[resident.propertyName, resident.unitLabel && `Unit ${resident.unitLabel}`].filter(Boolean).join(' · ') || 'No unit assigned'}
          </Text>
          <Text size="xs" mt={2}>
            {resident.rentCents !== null
              ? `${formatMoney(resident.rentCents)} a month`
              : stated(resident) && resident.statedRentCents !== null
                ? `${formatMoney(resident.statedRentCents)} a month (stated)`
                : 'Rent unknown'}
            {resident.balanceCents ? ` · ${formatBalance(resident.balanceCents)}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            {resident.leaseStart === null && stated(resident) ? `${formatLeaseTerm(statedLease(resident))} (stated)` : formatLeaseTerm(resident)}
          </Text>
          {integrated && resident.accountingResidentId && (
            <Text size="xs" c="dimmed">
              Accounting ID <span className="rl-mono">{resident.accountingResidentId}</span>
            </Text>
          )}
          <Group gap="sm" mt={4} wrap="wrap">
            <StatusNote resident={resident} />
            <LeaseEndNote resident={resident} />
            {canResend(resident) && resendButton(resident)}
          </Group>
          <Box mt={6}>
            <RowActions resident={resident} onDelete={onDelete} />
          </Box>
        </PhoneListItem>
      ))}
    >
      <Table highlightOnHover data-testid="residents-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Resident</Table.Th>
            <Table.Th>Home</Table.Th>
            {integrated && <Table.Th className="rl-nowrap">Accounting ID</Table.Th>}
            <Table.Th ta="right">Rent</Table.Th>
            <Table.Th>Lease</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <span className="rl-visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {residents.map((resident) => (
            <Table.Tr key={resident.id} data-testid="resident-row">
              <Table.Td>
                <NameLink resident={resident} />
                {resident.email && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'break-word' }}>
                    <Email address={resident.email} />
                  </Text>
                )}
                {resident.phone && (
                  <Text size="xs" c="dimmed" className="rl-nowrap">
                    {formatPhone(resident.phone)}
                  </Text>
                )}
                {!resident.email && !resident.phone && (
                  <Text size="xs" c="dimmed">
                    No email or phone
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Home resident={resident} />
              </Table.Td>
              {integrated && (
                <Table.Td>
                  {resident.accountingResidentId ? (
                    <Text className="rl-mono rl-nowrap">{resident.accountingResidentId}</Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td ta="right">
                <Rent resident={resident} />
              </Table.Td>
              <Table.Td>
                <Lease resident={resident} />
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <ResidentLeaseBadge resident={resident} />
                  <StatusNote resident={resident} />
                  <LeaseEndNote resident={resident} />
                  {canResend(resident) && resendButton(resident)}
                </Stack>
              </Table.Td>
              <Table.Td>
                <RowActions resident={resident} onDelete={onDelete} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ResponsiveTable>
  );
}
