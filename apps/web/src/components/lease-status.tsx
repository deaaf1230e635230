import type { Resident } from '@rentledger/contracts';
import { Text } from '@mantine/core';
import { ResidentStatusBadge } from './resident-status-badge.tsx';
import { formatCalendarDate } from '../lib/format.ts';

type LeaseFacts = Pick<Resident, 'status' | 'leaseEnd' | 'leaseEnding' | 'leaseExpired'>;

/** The date a lease ended or ends: what the landlord recorded, else the lease's own end date. */
function endDateOf(resident: LeaseFacts): string | null {
  return resident.leaseEnding?.endDate ?? resident.leaseEnd;
}

/** "Lease ended" for a finished resident and for an approved one whose lease date has passed: never a plain "Approved". */
export function residentStatusLabel(resident: LeaseFacts): string | undefined {
  if (resident.status === 'finished' || resident.leaseExpired) return 'Lease ended';
  return undefined;
}

export function ResidentLeaseBadge({ resident, size }: { resident: LeaseFacts; size?: 'sm' | 'md' | 'lg' }) {
  const expired = resident.leaseExpired && resident.status !== 'finished';
  return <ResidentStatusBadge status={expired ? 'finished' : resident.status} label={residentStatusLabel(resident)} size={size} data-testid="resident-status" />;
}

/** Under the badge: when the lease ended (or ends, when scheduled), and what an expired one still needs. */
export function LeaseEndNote({ resident }: { resident: LeaseFacts }) {
  const endDate = endDateOf(resident);
  if (!endDate) return null;
  if (resident.status === 'finished') {
    return (
      <Text size="xs" c="dimmed" className="rl-nowrap" data-testid="lease-end-note">
        Ended {formatCalendarDate(endDate)}
      </Text>
    );
  }
  if (resident.leaseEnding?.scheduled) {
    return (
      <Text size="xs" c="dimmed" className="rl-nowrap" data-testid="lease-end-note">
        Lease ends {formatCalendarDate(endDate)}
      </Text>
    );
  }
  if (resident.leaseExpired) {
    return (
      <Text size="xs" c="orange.9" data-testid="lease-end-note">
        Ended {formatCalendarDate(endDate)}; still approved: end the lease or renew it
      </Text>
    );
  }
  return null;
}
