import type { SupportRequest } from '@rentledger/contracts';
import { Anchor, Box, Card, Group, Stack, Text } from '@mantine/core';
import { IconMessageCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import { readContext } from './support-request-context.tsx';
import { SupportKindBadge, SupportStatusBadge } from './support-request-labels.tsx';

/** The answer from support, set apart from the question. */
export function SupportAnswer({ request }: { request: SupportRequest }) {
  if (!request.answer) return null;
  return (
    <Box
      p="sm"
      style={{ borderRadius: 'var(--mantine-radius-md)', background: 'var(--mantine-color-brand-0)', borderLeft: '3px solid var(--mantine-color-brand-6)' }}
      data-testid="support-request-answer"
    >
      <Group gap={6} mb={4}>
        <IconMessageCircle size={16} color="var(--mantine-color-brand-8)" aria-hidden="true" />
        <Text size="xs" fw={700} c="brand.9" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
          Answer from RentLedger support · {formatDateTime(request.updatedAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {request.answer}
      </Text>
    </Box>
  );
}

export function SupportRequestHeader({ request, title }: { request: SupportRequest; title?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" gap="sm">
      <Stack gap={4} miw={0} style={{ flex: '1 1 16rem' }}>
        <Group gap={8}>
          <SupportKindBadge kind={request.kind} />
          <SupportStatusBadge status={request.status} />
        </Group>
        {title}
      </Stack>
      <Text size="xs" c="dimmed" className="rl-nowrap">
        {formatDateTime(request.createdAt)}
      </Text>
    </Group>
  );
}

/** A requester's view of one request: what they asked, about whom, and the answer. */
export function SupportRequestCard({ request, residentPath }: { request: SupportRequest; residentPath?: (residentId: string) => string }) {
  const context = readContext(request);
  const resident = context.resident;
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="article" data-testid="support-request">
      <Stack gap="sm">
        <SupportRequestHeader
          request={request}
          title={
            resident ? (
              <Text size="sm" fw={600}>
                About{' '}
                {residentPath && request.residentId ? (
                  <Anchor component={Link} to={residentPath(request.residentId)} inherit>
                    {resident.name}
                  </Anchor>
                ) : (
                  resident.name
                )}
                {resident.property && (
                  <Text span c="dimmed" fw={400} inherit>
                    {' '}
                    · {resident.property.split(',')[0]}
                    {resident.unit ? `, unit ${resident.unit}` : resident.unitTheyTyped ? `, unit “${resident.unitTheyTyped}” (not listed)` : ''}
                  </Text>
                )}
              </Text>
            ) : undefined
          }
        />
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {request.message}
        </Text>
        {request.answer ? (
          <SupportAnswer request={request} />
        ) : (
          <Text size="sm" c="dimmed">
            Waiting for an answer from RentLedger support.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
