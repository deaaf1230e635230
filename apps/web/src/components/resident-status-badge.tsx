import type { ResidentStatus } from '@rentledger/contracts';
import { Badge, type BadgeProps } from '@mantine/core';

/**
 * The landlord's words for each status (the seed article's "pending your review" becomes "Pending review").
 * Plain words, the same on badges and tabs: no accounting wording ("no email" in the books), and a
 * finished resident is one whose lease ended.
 */
export const RESIDENT_STATUS_LABELS: Record<ResidentStatus, string> = {
  waiting: 'Waiting for an email',
  invited: 'Invited',
  pending: 'Pending review',
  approved: 'Approved',
  current: 'Current',
  finished: 'Lease ended',
  declined: 'Declined',
};

export const RESIDENT_STATUS_COLORS: Record<ResidentStatus, string> = {
  waiting: 'gray',
  invited: 'blue',
  pending: 'orange',
  approved: 'brand',
  current: 'green',
  finished: 'dark',
  declined: 'red',
};

export function ResidentStatusBadge({ status, label, ...others }: { status: ResidentStatus; label?: string } & BadgeProps) {
  return (
    <Badge variant="light" color={RESIDENT_STATUS_COLORS[status]} radius="sm" tt="none" className="rl-nowrap" {...others}>
      {label ?? RESIDENT_STATUS_LABELS[status]}
    </Badge>
  );
}
