import type { Unit } from '@rentledger/contracts';
import { Table, Text } from '@mantine/core';

function byLabel(a: Unit, b: Unit): number {
  return a.label.localeCompare(b.label, 'en-US', { numeric: true, sensitivity: 'base' });
}

export function UnitsTable({ units }: { units: Unit[] }) {
  return (
    <Table highlightOnHover data-testid="units-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Unit</Table.Th>
          <Table.Th>Accounting code</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...units].sort(byLabel).map((unit) => (
          <Table.Tr key={unit.id}>
            <Table.Td fw={600}>{unit.label}</Table.Td>
            <Table.Td>
              {unit.accountingCode ? (
                <Text className="rl-mono">{unit.accountingCode}</Text>
              ) : (
                <Text size="sm" c="dimmed">
                  Not set
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
