import type { SyncRun } from '@rentledger/contracts';
import { Badge, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { PhoneListItem } from '../../../components/list-rows.tsx';
import { ResponsiveTable } from '../../../components/responsive-table.tsx';
import { pluralize } from '../../../lib/format.ts';
import { fieldLabel } from './csv-fields.ts';

type RowError = SyncRun['errors'][number];

const ALL_FIELDS = '__all__';

function FieldCell({ field }: { field: string | null }) {
  if (!field) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">{fieldLabel(field)}</Text>
      {fieldLabel(field) !== field && (
        <Text size="xs" c="dimmed" className="rl-mono">
          {field}
        </Text>
      )}
    </>
  );
}

/** The rows the import refused and why, filterable by field or by any text. */
export function SyncRunErrorsTable({ errors }: { errors: RowError[] }) {
  const [text, setText] = useState('');
  const [field, setField] = useState<string>(ALL_FIELDS);

  const fields = useMemo(() => [...new Set(errors.map((error) => error.field).filter((value): value is string => Boolean(value)))].sort(), [errors]);
  const needle = text.trim().toLowerCase();
  const shown = errors.filter((error) => {
    if (field !== ALL_FIELDS && error.field !== field) return false;
    if (!needle) return true;
    return [error.row === null ? '' : String(error.row), error.field ?? '', error.field ? fieldLabel(error.field) : '', error.message].some((value) =>
      value.toLowerCase().includes(needle),
    );
  });

  return (
    <>
      <Group p="md" gap="sm" align="flex-end" grow preventGrowOverflow={false} wrap="wrap">
        <TextInput
          label="Filter errors"
          placeholder="Row number, field or reason"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          type="search"
          miw={200}
        />
        {fields.length > 1 && (
          <Select
            label="Field"
            data={[{ value: ALL_FIELDS, label: 'All fields' }, ...fields.map((value) => ({ value, label: fieldLabel(value) }))]}
            value={field}
            onChange={(value) => setField(value ?? ALL_FIELDS)}
            allowDeselect={false}
            miw={180}
          />
        )}
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" px="md" pb="md">
          No error matches this filter.
        </Text>
      ) : (
        <ResponsiveTable
          label="Row errors"
          minWidth={560}
          phone={shown.map((error, index) => (
            <PhoneListItem
              key={`${error.row ?? 'file'}-${error.field ?? ''}-${index}`}
              aside={
                <Badge variant="light" color="orange" radius="sm" tt="none" className="rl-nowrap">
                  {error.row === null ? 'File' : `Row ${error.row}`}
                </Badge>
              }
            >
              {error.field && (
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
                  {fieldLabel(error.field)}
                </Text>
              )}
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {error.message}
              </Text>
            </PhoneListItem>
          ))}
        >
          <Table data-testid="sync-errors-table" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={90}>Row</Table.Th>
                <Table.Th w={200}>Field</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((error, index) => (
                <Table.Tr key={`${error.row ?? 'file'}-${error.field ?? ''}-${index}`} data-testid="sync-error-row">
                  <Table.Td>
                    <Text size="sm" fw={600} className="rl-nowrap">
                      {error.row === null ? 'File' : error.row}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <FieldCell field={error.field} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {error.message}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ResponsiveTable>
      )}
      {shown.length !== errors.length && (
        <Text size="xs" c="dimmed" px="md" pb="md">
          Showing {shown.length} of {pluralize(errors.length, 'error')}.
        </Text>
      )}
    </>
  );
}
