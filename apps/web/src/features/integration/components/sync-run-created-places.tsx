import type { SyncRun } from '@rentledger/contracts';
import { Anchor, Badge, Card, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { pluralize } from '../../../lib/format.ts';

/** The properties and units a run added to RentLedger, so nothing appears in the portfolio unannounced. */
export function SyncRunCreatedPlaces({ run }: { run: SyncRun }) {
  const { properties, units } = run.createdPlaces;
  const { propertiesCreated, unitsCreated } = run.counts;
  if (propertiesCreated + unitsCreated === 0) return null;
  const byAddress = units.filter((unit) => unit.namedByAddress);
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="created-places-title" data-testid="sync-run-created-places">
      <Stack gap="md">
        <div>
          <Title order={2} fz="lg" id="created-places-title">
            Added to RentLedger: {pluralize(propertiesCreated, 'property', 'properties')} and {pluralize(unitsCreated, 'unit')}
          </Title>
          <Text size="sm" c="dimmed">
            Your accounting system named them and RentLedger did not have them; your setting &ldquo;Create properties from the accounting system&rdquo; let
            this run add them.
          </Text>
        </div>
        {properties.length > 0 && (
          <div>
            <Title order={3} fz="md" mb={4}>
              Properties
            </Title>
            <List spacing={4} size="sm">
              {properties.map((property) => (
                <List.Item key={property.id}>
                  <Anchor component={Link} to={`/app/properties/${property.id}`} fw={600} size="sm">
                    {property.name}
                  </Anchor>{' '}
                  <Text span size="sm" c="dimmed">
                    (code {property.code}) · {property.address}
                  </Text>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {units.length > 0 && (
          <div>
            <Title order={3} fz="md" mb={4}>
              Units
            </Title>
            <List spacing={4} size="sm">
              {units.map((unit) => (
                <List.Item key={unit.id}>
                  {unit.propertyName}, unit <strong>{unit.label}</strong>{' '}
                  {unit.namedByAddress && (
                    <Badge variant="light" color="gray" radius="sm" tt="none" size="sm">
                      Named by its address
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {byAddress.length > 0 && (
          <Text size="sm" data-testid="address-units-note">
            {byAddress.length === 1 ? 'One property' : `${byAddress.length.toLocaleString('en-US')} properties`} had no units and the ledger gave none, so
            each is taken for a single-family home: RentLedger gave it one unit, named by its address.
          </Text>
        )}
        {properties.length + units.length < propertiesCreated + unitsCreated && (
          <Text size="xs" c="dimmed">
            Showing the first {properties.length.toLocaleString('en-US')} properties and {units.length.toLocaleString('en-US')} units; every one is on the
            Properties page.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** "Row errors: 3 problems in 2 rows", from the run's counts, which cover every error, kept or not. */
export function rowErrorsTitle(run: SyncRun): string {
  const { errors, problems } = run.counts;
  if (errors === 0) return `Problems (${problems.toLocaleString('en-US')})`;
  return `Row errors: ${pluralize(problems, 'problem')} in ${pluralize(errors, 'row')}`;
}

/** Said when the run found more problems than it keeps to list. */
export function storedErrorsNote(run: SyncRun): string | null {
  if (run.errors.length >= run.counts.problems) return null;
  return `The first ${run.errors.length.toLocaleString('en-US')} problems are listed; fix them and import again to see the rest.`;
}
