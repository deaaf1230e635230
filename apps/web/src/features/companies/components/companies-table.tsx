import type { Company } from '@rentledger/contracts';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { pluralize } from '../../../lib/format.ts';
import { IntegrationBadge } from './integration-badge.tsx';

export function CompaniesTable({ companies }: { companies: Company[] }) {
  const sorted = [...companies].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <ResponsiveTable
      label="Companies"
      minWidth={560}
      phone={sorted.map((company) => (
        <PhoneListItem key={company.id} aside={<IntegrationBadge kind={company.integrationKind} />}>
          <Anchor component={Link} to={`/support/companies/${company.id}`} fw={600} size="sm">
            {company.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {pluralize(company.propertyCount, 'property', 'properties')} · {pluralize(company.unitCount, 'unit')} ·{' '}
            {pluralize(company.staffCount, 'staff user')}
          </Text>
        </PhoneListItem>
      ))}
    >
      <Table highlightOnHover data-testid="companies-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Company</Table.Th>
            <Table.Th>Integration</Table.Th>
            <Table.Th ta="right">Properties</Table.Th>
            <Table.Th ta="right">Units</Table.Th>
            <Table.Th ta="right">Staff</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((company) => (
            <Table.Tr key={company.id}>
              <Table.Td>
                <Anchor component={Link} to={`/support/companies/${company.id}`} fw={600} size="sm">
                  {company.name}
                </Anchor>
                <Text size="xs" c="dimmed" className="rl-mono">
                  {company.slug}
                </Text>
              </Table.Td>
              <Table.Td>
                <IntegrationBadge kind={company.integrationKind} />
              </Table.Td>
              <Table.Td ta="right">{company.propertyCount.toLocaleString('en-US')}</Table.Td>
              <Table.Td ta="right">{company.unitCount.toLocaleString('en-US')}</Table.Td>
              <Table.Td ta="right">{company.staffCount.toLocaleString('en-US')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ResponsiveTable>
  );
}
