import { Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowLeft, IconBuildingCommunity } from '@tabler/icons-react';
import { useState } from 'react';
import type { RentalResult } from '../api/search-rentals.ts';
import { rentalAddress } from './rental-search-step.tsx';

export type UnitChoice = { unitId: string; unitLabel: string } | { unitId: null; unitText: string };

export function ChosenRental({ rental, onChange }: { rental: RentalResult; onChange?: () => void }) {
  return (
    <Paper withBorder p="md" radius="md" bg="var(--mantine-color-gray-0)">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <IconBuildingCommunity size={22} stroke={1.6} color="var(--mantine-color-brand-8)" style={{ flexShrink: 0 }} aria-hidden="true" />
          <div style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" data-testid="chosen-rental">
              {rental.property.name}
            </Text>
            <Text size="sm" c="dimmed">
              {rentalAddress(rental)}
            </Text>
          </div>
        </Group>
        {onChange && (
          <Button variant="subtle" size="compact-sm" onClick={onChange} style={{ flexShrink: 0 }}>
            Change
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** Step 2: one of the property's units, or "My unit is not listed" with what the resident calls it. */
export function UnitStep({ rental, initial, onBack, onNext }: { rental: RentalResult; initial: UnitChoice | null; onBack: () => void; onNext: (choice: UnitChoice) => void }) {
  const noUnits = rental.units.length === 0;
  // The unit typed with the address is chosen for them; they can still pick another.
  const [unitId, setUnitId] = useState<string | null>(initial ? initial.unitId : (rental.typedUnit?.id ?? null));
  const [notListed, setNotListed] = useState(noUnits || (initial !== null && initial.unitId === null));
  const [unitText, setUnitText] = useState(initial && initial.unitId === null ? initial.unitText : '');
  const [error, setError] = useState<string | null>(null);

  const next = () => {
    if (notListed) {
      const text = unitText.trim();
      if (!text) return setError('Tell us your unit number, e.g. 4B');
      if (text.length > 50) return setError('Use at most 50 characters');
      return onNext({ unitId: null, unitText: text });
    }
    const unit = rental.units.find((candidate) => candidate.id === unitId);
    if (!unit) return setError('Choose your unit, or tick “My unit is not listed”');
    return onNext({ unitId: unit.id, unitLabel: unit.label });
  };

  return (
    <Stack gap="md">
      <ChosenRental rental={rental} onChange={onBack} />
      {!notListed && (
        <Select
          label="Your unit"
          placeholder="Type or choose your unit"
          data={rental.units.map((unit) => ({ value: unit.id, label: unit.label }))}
          value={unitId}
          onChange={(value) => {
            setUnitId(value);
            setError(null);
          }}
          error={error}
          searchable
          size="md"
          nothingFoundMessage="No unit by that number: tick “My unit is not listed” below"
          comboboxProps={{ withinPortal: true }}
          maxDropdownHeight={260}
        />
      )}
      <Checkbox
        label="My unit is not listed"
        description={noUnits ? 'This property has no units listed yet.' : undefined}
        checked={notListed}
        disabled={noUnits}
        onChange={(event) => {
          setNotListed(event.currentTarget.checked);
          setError(null);
        }}
      />
      {notListed && (
        <TextInput
          label="Your unit number"
          description="Your landlord adds it and then confirms your lease."
          placeholder="e.g. 4B"
          value={unitText}
          onChange={(event) => {
            setUnitText(event.currentTarget.value);
            setError(null);
          }}
          error={error}
          size="md"
          maxLength={50}
          autoFocus
        />
      )}
      <Group justify="space-between" mt="xs">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          Back
        </Button>
        <Button onClick={next}>Continue</Button>
      </Group>
    </Stack>
  );
}
