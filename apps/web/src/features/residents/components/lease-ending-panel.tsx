import type { ResidentDetail } from '@rentledger/contracts';
import { Alert } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { formatCalendarDate, formatDateTime, possessive } from '../../../lib/format.ts';

/** On the resident's page: an ended, scheduled-to-end or expired lease, with its date and (when recorded) why and by whom. */
export function LeaseEndingPanel({ resident }: { resident: ResidentDetail }) {
  const ending = resident.leaseEnding;
  const recorded = ending ? ` Recorded by ${ending.recordedBy?.name ?? 'your staff'} on ${formatDateTime(ending.recordedAt)}: “${ending.reason}”.` : '';
  if (resident.status === 'finished') {
    const endDate = ending?.endDate ?? resident.leaseEnd;
    return (
      <Alert variant="light" color="gray" icon={<IconCalendarEvent size={20} />} title={endDate ? `Lease ended ${formatCalendarDate(endDate)}` : 'Lease ended'} data-testid="lease-ending">
        {possessive(resident.firstName)} lease is over; their lease and history stay on record.{recorded}
      </Alert>
    );
  }
  if (ending?.scheduled) {
    return (
      <Alert variant="light" color="blue" icon={<IconCalendarEvent size={20} />} title={`Lease ends ${formatCalendarDate(ending.endDate)}`} data-testid="lease-ending">
        {resident.firstName} stays approved until then, and shows as Lease ended from that day.{recorded}
      </Alert>
    );
  }
  if (resident.leaseExpired && resident.leaseEnd) {
    return (
      <Alert variant="light" color="orange" icon={<IconCalendarEvent size={20} />} title={`Lease ended ${formatCalendarDate(resident.leaseEnd)}`} data-testid="lease-ending">
        The lease’s end date has passed but {resident.firstName} is still approved. If they moved out, click End lease; if they stayed, update the lease in your records.
      </Alert>
    );
  }
  return null;
}
