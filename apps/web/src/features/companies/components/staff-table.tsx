import type { StaffUser } from '@rentledger/contracts';
import { Anchor, Table, Text } from '@mantine/core';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { formatDate } from '../../../lib/format.ts';

export function StaffTable({ staff }: { staff: StaffUser[] }) {
  const sorted = [...staff].sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`));
  return (
    <ResponsiveTable
      label="Staff users"
      minWidth={520}
      phone={sorted.map((user) => (
        <PhoneListItem key={user.id}>
          <Text fw={600} size="sm">
            {user.firstName} {user.lastName}
          </Text>
          <Anchor href={`mailto:${user.email}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {user.email}
          </Anchor>
          <Text size="xs" c="dimmed">
            {user.phone ? `${user.phone} · ` : ''}Added {formatDate(user.createdAt)}
          </Text>
        </PhoneListItem>
      ))}
    >
      <Table highlightOnHover data-testid="staff-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th>Added</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td fw={600}>
                {user.firstName} {user.lastName}
              </Table.Td>
              <Table.Td>
                <Anchor href={`mailto:${user.email}`} size="sm">
                  {user.email}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {user.phone ? (
                  <Text size="sm">{user.phone}</Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="rl-nowrap">{formatDate(user.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ResponsiveTable>
  );
}
