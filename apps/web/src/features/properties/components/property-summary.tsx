import type { Property } from '@rentledger/contracts';
import { Card, SimpleGrid, Text } from '@mantine/core';
import { Fact } from '../../../components/fact.tsx';
import { pluralize } from '../../../lib/format.ts';

/** The property's facts besides its address (which the page header already shows). */
export function PropertySummary({ property }: { property: Property }) {
  return (
    <Card p="lg">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="lg" verticalSpacing="md">
        <Fact plain label="Units">{pluralize(property.units.length, 'unit')}</Fact>
        <Fact plain label="Accounting code">
          {property.accountingCode ? (
            <span className="rl-mono">{property.accountingCode}</span>
          ) : (
            <Text c="dimmed" span size="sm">
              Not set
            </Text>
          )}
        </Fact>
        <Fact plain label="Company">{property.companyName}</Fact>
      </SimpleGrid>
    </Card>
  );
}
