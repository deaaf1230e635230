import type { Property } from '@rentledger/contracts';
import { Grid, Select } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';

/** The company's properties with their units, as the properties feature's list query answers (a page passes it in). */
export type PropertiesQuery = UseQueryResult<Property[], Error>;

type UnitPickerProps = {
  properties: Property[];
  /** The chosen unit's id, or null. */
  value: string | null;
  onChange: (unitId: string | null) => void;
  error?: ReactNode;
  /** The property to start on when no unit is chosen (e.g. the one a resident picked). */
  initialPropertyId?: string | null;
  unitLabel?: string;
  unitDescription?: ReactNode;
  required?: boolean;
  disabled?: boolean;
};

export function propertyOfUnit(properties: Property[], unitId: string | null): Property | undefined {
  return unitId ? properties.find((property) => property.units.some((unit) => unit.id === unitId)) : undefined;
}

/** Property, then one of its units: two searchable selects that stay in step. */
export function UnitPicker({
  properties,
  value,
  onChange,
  error,
  initialPropertyId = null,
  unitLabel = 'Unit',
  unitDescription,
  required = false,
  disabled = false,
}: UnitPickerProps) {
  const [propertyId, setPropertyId] = useState<string | null>(() => propertyOfUnit(properties, value)?.id ?? initialPropertyId ?? (properties.length === 1 ? (properties[0]?.id ?? null) : null));

  // A unit chosen from outside (a preset) brings its property along.
  useEffect(() => {
    const owner = propertyOfUnit(properties, value);
    if (owner && owner.id !== propertyId) setPropertyId(owner.id);
  }, [properties, value, propertyId]);

  const property = properties.find((candidate) => candidate.id === propertyId);
  const units = [...(property?.units ?? [])].sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));

  return (
    <Grid gap="md" align="flex-start">
      <Grid.Col span={{ base: 12, xs: 7 }}>
        <Select
          label="Property"
          placeholder="Choose a property"
          data={properties.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          value={propertyId}
          onChange={(next) => {
            setPropertyId(next);
            if (next !== propertyId) onChange(null);
          }}
          searchable
          required={required}
          disabled={disabled}
          allowDeselect={false}
          nothingFoundMessage="No property by that name"
          comboboxProps={{ withinPortal: true }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 5 }}>
        <Select
          label={unitLabel}
          description={unitDescription}
          placeholder={property ? (units.length > 0 ? 'Choose a unit' : 'No units yet') : 'Choose a property first'}
          data={units.map((unit) => ({ value: unit.id, label: unit.label }))}
          value={value}
          onChange={onChange}
          error={error}
          searchable
          required={required}
          disabled={disabled || !property || units.length === 0}
          nothingFoundMessage="No unit by that label"
          comboboxProps={{ withinPortal: true }}
        />
      </Grid.Col>
    </Grid>
  );
}
