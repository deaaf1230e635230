import type { IntegrationKind } from '@rentledger/contracts';
import { Badge } from '@mantine/core';
import { INTEGRATION_LABELS } from '../../../lib/format.ts';

const COLORS: Record<IntegrationKind, string> = { none: 'gray', file: 'blue', api: 'violet' };

export function IntegrationBadge({ kind }: { kind: IntegrationKind }) {
  return (
    <Badge variant="light" color={COLORS[kind]} radius="sm" className="rl-nowrap">
      {INTEGRATION_LABELS[kind]}
    </Badge>
  );
}
