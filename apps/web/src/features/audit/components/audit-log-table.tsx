import { type AuditEvent, auditEntityTypeName } from '@rentledger/contracts';
import { ActionIcon, Anchor, Badge, Box, Button, Code, Group, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { formatDateTime } from '../../../lib/format.ts';

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <Stack gap={4} miw={0}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed">
          Nothing recorded
        </Text>
      ) : (
        // Focusable, so a keyboard user can scroll a long record (WCAG: a scrollable region is reachable).
        <Code block tabIndex={0} aria-label={`${label} (JSON)`} style={{ maxHeight: 320, overflow: 'auto', fontSize: 12 }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

function BeforeAfter({ event, id }: { event: AuditEvent; id: string }) {
  return (
    <Box p="md" bg="var(--mantine-color-gray-0)" id={id}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <JsonBlock label="Before" value={event.before} />
        <JsonBlock label="After" value={event.after} />
      </SimpleGrid>
    </Box>
  );
}

const ACTION_COLORS: Record<string, string> = { created: 'brand', updated: 'blue', deleted: 'red', revoked: 'red', approved: 'teal' };

function ActionBadge({ event }: { event: AuditEvent }) {
  const verb = event.action.split('.').pop() ?? '';
  return (
    <Badge variant="light" color={ACTION_COLORS[verb] ?? 'gray'} radius="sm" tt="none" fw={500} title={event.action}>
      {event.actionName}
    </Badge>
  );
}

/** The audit log's own URL filtered to one record: every event about it, newest first. */
export function recordHistorySearch(entityType: string, entityId: string): string {
  return `?${new URLSearchParams({ entityType, entityId }).toString()}`;
}

/** The record an event is about: its current name (or "(deleted)"), its kind and ID, and a link to its history. */
function RecordCell({ event, showHistoryLink }: { event: AuditEvent; showHistoryLink: boolean }) {
  const kind = auditEntityTypeName(event.entityType);
  const name = event.entityName ?? (event.entityDeleted ? 'Unknown record' : kind);
  return (
    <Stack gap={0} miw={0}>
      <Text size="sm" fw={500}>
        {name}
        {event.entityDeleted && (
          <Text span size="sm" c="dimmed" fw={400}>
            {' '}
            (deleted)
          </Text>
        )}
      </Text>
      <Text size="xs" c="dimmed">
        {kind}
        {event.entityId && (
          <>
            {' · '}
            <span className="rl-mono" title={event.entityId}>
              {event.entityId.slice(0, 8)}
            </span>
          </>
        )}
      </Text>
      {showHistoryLink && event.entityId && (
        <Anchor
          component={Link}
          to={{ search: recordHistorySearch(event.entityType, event.entityId) }}
          size="xs"
          onClick={(clickEvent) => clickEvent.stopPropagation()}
          aria-label={`History of ${name}`}
        >
          History
        </Anchor>
      )}
    </Stack>
  );
}

function Actor({ event }: { event: AuditEvent }) {
  if (!event.actor) {
    return (
      <Text size="sm" c="dimmed">
        System
      </Text>
    );
  }
  return (
    <>
      <Text size="sm" fw={500}>
        {event.actor.name}
      </Text>
      <Text size="xs" c="dimmed">
        {event.actor.email}
      </Text>
    </>
  );
}

/** `recordFiltered`: the list is already one record's history, so no row links to it again. */
export function AuditLogTable({ events, recordFiltered = false }: { events: AuditEvent[]; recordFiltered?: boolean }) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <ResponsiveTable
      label="Audit events"
      minWidth={760}
      phone={events.map((event) => {
        const open = expanded.has(event.id);
        const detailsId = `audit-phone-details-${event.id}`;
        return (
          <Fragment key={event.id}>
            <PhoneListItem>
              <Group justify="space-between" gap="xs" mb={4}>
                <ActionBadge event={event} />
                <Text size="xs" c="dimmed">
                  {formatDateTime(event.occurredAt)}
                </Text>
              </Group>
              <Actor event={event} />
              <Box mt={4}>
                <RecordCell event={event} showHistoryLink={!recordFiltered} />
              </Box>
              {event.companyName && (
                <Text size="xs" c="dimmed">
                  {event.companyName}
                </Text>
              )}
              <Button
                variant="subtle"
                size="compact-sm"
                mt={6}
                px={0}
                onClick={() => toggle(event.id)}
                aria-expanded={open}
                aria-controls={open ? detailsId : undefined}
              >
                {open ? 'Hide before and after' : 'Show before and after'}
              </Button>
            </PhoneListItem>
            {open && (
              <li>
                <BeforeAfter event={event} id={detailsId} />
              </li>
            )}
          </Fragment>
        );
      })}
    >
      <Table data-testid="audit-table" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>
              <VisuallyHidden>Details</VisuallyHidden>
            </Table.Th>
            <Table.Th>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Record</Table.Th>
            <Table.Th>Company</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const open = expanded.has(event.id);
            const detailsId = `audit-details-${event.id}`;
            return (
              <Fragment key={event.id}>
                <Table.Tr
                  onClick={() => toggle(event.id)}
                  style={{ cursor: 'pointer' }}
                  bg={open ? 'var(--mantine-color-gray-0)' : undefined}
                  data-testid="audit-row"
                >
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-expanded={open}
                      aria-controls={open ? detailsId : undefined}
                      aria-label={open ? 'Hide before and after' : 'Show before and after'}
                      onClick={(clickEvent) => {
                        clickEvent.stopPropagation();
                        toggle(event.id);
                      }}
                    >
                      <IconChevronRight
                        size={16}
                        style={{ transform: open ? 'rotate(90deg)' : undefined, transition: 'transform 150ms ease' }}
                      />
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td className="rl-nowrap">
                    <Text size="sm">{formatDateTime(event.occurredAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Actor event={event} />
                  </Table.Td>
                  <Table.Td>
                    <ActionBadge event={event} />
                  </Table.Td>
                  <Table.Td>
                    <RecordCell event={event} showHistoryLink={!recordFiltered} />
                  </Table.Td>
                  <Table.Td>
                    {event.companyName ?? (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr>
                    <Table.Td colSpan={6} p={0}>
                      <BeforeAfter event={event} id={detailsId} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </ResponsiveTable>
  );
}
