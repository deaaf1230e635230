import type { Company } from '@rentledger/contracts';
import { Card, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate, pluralize } from '../../../lib/format.ts';
import { IntegrationBadge } from './integration-badge.tsx';
import { timezoneLabel } from './timezones.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function CompanyFacts({ company }: { company: Company }) {
  return (
    <Card p="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="lg" verticalSpacing="lg">
        <Fact label="Integration">
          <IntegrationBadge kind={company.integrationKind} />
        </Fact>
        <Fact label="Time zone">{timezoneLabel(company.timezone)}</Fact>
        <Fact label="Grace period">{pluralize(company.graceDays, 'day')}</Fact>
        <Fact label="Customer since">{formatDate(company.createdAt)}</Fact>
      </SimpleGrid>
    </Card>
  );
}
