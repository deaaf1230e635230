import type { Property } from '@rentledger/contracts';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatAddress, pluralize } from '../../../lib/format.ts';

type PropertiesTableProps = {
  properties: Property[];
  detailPath: (property: Property) => string;
  caption?: string;
  /** Leaves out the accounting code, for narrow panels. */
  compact?: boolean;
};

/** Name and full address stack in one cell so the table still reads well on a phone. */
export function PropertiesTable({ properties, detailPath, caption, compact = false }: PropertiesTableProps) {
  return (
    <Table highlightOnHover data-testid="properties-table">
      {caption && <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>}
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Property</Table.Th>
          {!compact && <Table.Th visibleFrom="sm">Accounting code</Table.Th>}
          <Table.Th ta="right">Units</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {properties.map((property) => (
          <Table.Tr key={property.id}>
            <Table.Td>
              <Anchor component={Link} to={detailPath(property)} fw={600} size="sm" className="rl-link-target">
                {property.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {formatAddress(property)}
              </Text>
            </Table.Td>
            {!compact && (
              <Table.Td visibleFrom="sm">
                {property.accountingCode ? (
                  <Text className="rl-mono">{property.accountingCode}</Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            )}
            <Table.Td ta="right">
              <Text size="sm" className="rl-nowrap">
                {pluralize(property.units.length, 'unit')}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
