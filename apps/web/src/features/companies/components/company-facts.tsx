import type { Company } from '@rentledger/contracts';
import { Card, SimpleGrid } from '@mantine/core';
import { Fact } from '../../../components/fact.tsx';
import { formatDate, pluralize } from '../../../lib/format.ts';
import { timezoneLabel } from '../../../lib/timezones.ts';
import { IntegrationBadge } from './integration-badge.tsx';

export function CompanyFacts({ company }: { company: Company }) {
  return (
    <Card p="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="lg" verticalSpacing="lg">
        <Fact gap={4} plain label="Integration">
          <IntegrationBadge kind={company.integrationKind} />
        </Fact>
        <Fact gap={4} plain label="Time zone">{timezoneLabel(company.timezone)}</Fact>
        <Fact gap={4} plain label="Grace period">{pluralize(company.graceDays, 'day')}</Fact>
        <Fact gap={4} plain label="Customer since">{formatDate(company.createdAt)}</Fact>
      </SimpleGrid>
    </Card>
  );
}
