import type { Property } from '@rentledger/contracts';
import { Card, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { pluralize } from '../../../lib/format.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The property's facts besides its address (which the page header already shows). */
export function PropertySummary({ property }: { property: Property }) {
  return (
    <Card p="lg">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="lg" verticalSpacing="md">
        <Fact label="Units">{pluralize(property.units.length, 'unit')}</Fact>
        <Fact label="Accounting code">
          {property.accountingCode ? (
            <span className="rl-mono">{property.accountingCode}</span>
          ) : (
            <Text c="dimmed" span size="sm">
              Not set
            </Text>
          )}
        </Fact>
        <Fact label="Company">{property.companyName}</Fact>
      </SimpleGrid>
    </Card>
  );
}
