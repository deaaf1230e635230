import type { SupportRequest } from '@rentledger/contracts';
import { Badge } from '@mantine/core';

export const SUPPORT_KIND_LABELS: Record<SupportRequest['kind'], string> = {
  missing_property: 'Missing property',
  missing_unit: 'Missing unit',
  resident_id_conflict: 'Resident ID conflict',
  other: 'Other',
};

export const SUPPORT_STATUS_LABELS: Record<SupportRequest['status'], string> = {
  open: 'Open',
  answered: 'Answered',
  resolved: 'Resolved',
};

const STATUS_COLORS: Record<SupportRequest['status'], string> = { open: 'orange', answered: 'blue', resolved: 'green' };

export function SupportStatusBadge({ status }: { status: SupportRequest['status'] }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm" tt="none" className="rl-nowrap" data-testid="support-request-status">
      {SUPPORT_STATUS_LABELS[status]}
    </Badge>
  );
}

export function SupportKindBadge({ kind }: { kind: SupportRequest['kind'] }) {
  return (
    <Badge variant="outline" color="gray" radius="sm" tt="none" className="rl-nowrap">
      {SUPPORT_KIND_LABELS[kind]}
    </Badge>
  );
}
