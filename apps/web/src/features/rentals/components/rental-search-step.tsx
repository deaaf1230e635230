import { Badge, Box, Group, Loader, Paper, Skeleton, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuildingCommunity, IconChevronRight, IconMapPinOff, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { ErrorState } from '../../../components/query-state.tsx';
import { pluralize } from '../../../lib/format.ts';
import { MIN_SEARCH_LENGTH, type RentalResult, useRentalSearch } from '../api/search-rentals.ts';

export function rentalAddress(result: RentalResult): string {
  const { address, city, state, postalCode } = result.property;
  return `${address}, ${city}, ${state} ${postalCode}`;
}

function ResultCard({ result, onPick }: { result: RentalResult; onPick: () => void }) {
  return (
    <UnstyledButton onClick={onPick} className="rl-task-link" w="100%" style={{ borderRadius: 'var(--mantine-radius-md)' }} data-testid="rental-result">
      <Paper withBorder p="md" radius="md" bg="transparent">
        <Group gap="md" wrap="nowrap">
          <Box
            w={42}
            h={42}
            style={{ borderRadius: 'var(--mantine-radius-md)', background: 'var(--mantine-color-brand-0)', display: 'grid', placeItems: 'center', flexShrink: 0 }}
            aria-hidden="true"
          >
            <IconBuildingCommunity size={22} stroke={1.6} color="var(--mantine-color-brand-8)" />
          </Box>
          <Box miw={0} style={{ flex: 1 }}>
            <Text fw={600} size="sm">
              {result.property.name}
            </Text>
            <Text size="sm" c="dimmed">
              {rentalAddress(result)}
            </Text>
            {result.typedUnit && (
              <Text size="sm" fw={600} c="brand.8" data-testid="typed-unit">
                Unit {result.typedUnit.label}
              </Text>
            )}
          </Box>
          {!result.typedUnit && (
            <Badge variant="light" color="gray" radius="sm" tt="none" visibleFrom="xs" className="rl-nowrap">
              {pluralize(result.units.length, 'unit')}
            </Badge>
          )}
          <IconChevronRight size={18} stroke={1.6} color="var(--mantine-color-dimmed)" aria-hidden="true" />
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

/** Step 1: search as you type (debounced), by street address (with the unit, if typed), property name or code; typos are forgiven. */
export function RentalSearchStep({ initialQuery = '', onPick }: { initialQuery?: string; onPick: (result: RentalResult, query: string) => void }) {
  const [query, setQuery] = useState(initialQuery);
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const search = useRentalSearch(debounced);
  const tooShort = debounced.length < MIN_SEARCH_LENGTH;
  const results = search.data ?? [];

  return (
    <Stack gap="md">
      <TextInput
        label="Address or property name"
        description="For example “12 Maple Avenue apt 203”, “Maple Court” or your property’s code. Typos are fine."
        placeholder="Start typing your address"
        leftSection={<IconSearch size={18} />}
        rightSection={search.isFetching ? <Loader size={16} /> : null}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        type="search"
        size="md"
        autoFocus
        autoComplete="off"
      />
      <Box aria-live="polite">
        {tooShort ? (
          <Text size="sm" c="dimmed">
            Type at least {MIN_SEARCH_LENGTH} characters to search.
          </Text>
        ) : search.isPending ? (
          <Stack gap="sm" aria-busy="true" aria-label="Searching">
            <Skeleton h={76} />
            <Skeleton h={76} />
          </Stack>
        ) : search.isError ? (
          <ErrorState error={search.error} onRetry={() => void search.refetch()} title="The search did not work" />
        ) : results.length === 0 ? (
          <EmptyPanel
            order={2}
            icon={<IconMapPinOff size={26} />}
            title={`No rental matches “${debounced}”`}
            description="Check the street number and name, or try the property’s name. If your landlord does not use RentLedger yet, ask them to join."
            py="lg"
          />
        ) : (
          <Stack gap="sm" component="ul" aria-label="Rentals found" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {results.map((result) => (
              <li key={result.property.id}>
                <ResultCard result={result} onPick={() => onPick(result, query)} />
              </li>
            ))}
          </Stack>
        )}
      </Box>
    </Stack>
  );
}
