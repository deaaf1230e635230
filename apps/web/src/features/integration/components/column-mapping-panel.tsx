import type { IntegrationSettings } from '@rentledger/contracts';
import { Alert, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconColumns, IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../../lib/form-errors.ts';
import { type ColumnSuggestion, useSuggestCsvColumns } from '../api/suggest-csv-columns.ts';
import { useUpdateIntegration } from '../api/update-integration.ts';
import { CSV_FIELDS, CSV_FIELD_LABELS, duplicateFields, fieldLabel, missingRequiredFields, normaliseHeader } from './csv-fields.ts';

/** Select needs a non-empty value for "ignore"; the API spells it "". */
const IGNORE = '__ignore__';

const FIELD_OPTIONS = [{ value: IGNORE, label: 'Ignore this column' }, ...CSV_FIELDS.map((field) => ({ value: field, label: CSV_FIELD_LABELS[field] }))];

/** The first line of the file, read in the browser: nothing is uploaded to suggest a mapping. */
async function readHeaderLine(file: File): Promise<string> {
  const start = await file.slice(0, 64 * 1024).text();
  return (start.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)[0] ?? '').trim();
}

/** The file's headers in column order (the suggestion answers with a record and a list). */
function orderedHeaders(headerLine: string, suggestion: ColumnSuggestion): string[] {
  const headers = [...Object.keys(suggestion.mapping), ...suggestion.unmatched];
  const position = (header: string) => {
    const at = headerLine.indexOf(header);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return [...new Set(headers)].sort((a, b) => position(a) - position(b));
}

/** The suggestion, with what the company saved before taking precedence (as it does at import). */
function initialMapping(headers: string[], suggestion: ColumnSuggestion, saved: Record<string, string>): Record<string, string> {
  const savedByKey = new Map(Object.entries(saved).map(([header, field]) => [normaliseHeader(header), field]));
  return Object.fromEntries(
    headers.map((header) => {
      const fromSaved = savedByKey.get(normaliseHeader(header));
      return [header, fromSaved ?? suggestion.mapping[header] ?? ''];
    }),
  );
}

type ColumnMappingPanelProps = { file: File; settings: IntegrationSettings };

/**
 * Shows which column of the chosen CSV feeds which field, as RentLedger would read it, and lets the
 * landlord correct it and save it for later imports of the same export.
 */
export function ColumnMappingPanel({ file, settings }: ColumnMappingPanelProps) {
  const suggest = useSuggestCsvColumns();
  const save = useUpdateIntegration();
  const [headerLine, setHeaderLine] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const { mutate: suggestColumns, reset: resetSuggestion } = suggest;
  // Read when a suggestion arrives, without re-reading the file each time the settings change.
  const savedMapping = useRef(settings.csvColumnMapping);
  useEffect(() => {
    savedMapping.current = settings.csvColumnMapping;
  }, [settings.csvColumnMapping]);

  useEffect(() => {
    let cancelled = false;
    setHeaderLine(null);
    setReadError(null);
    setMapping({});
    resetSuggestion();
    readHeaderLine(file)
      .then((line) => {
        if (cancelled) return;
        if (!line) {
          setReadError('The first line of this file is empty: a rent roll starts with a row of column names.');
          return;
        }
        setHeaderLine(line);
        suggestColumns(line.slice(0, 10_000), {
          onSuccess: (suggestion) => {
            if (!cancelled) setMapping(initialMapping(orderedHeaders(line, suggestion), suggestion, savedMapping.current));
          },
        });
      })
      .catch(() => {
        if (!cancelled) setReadError('This file could not be read. Choose it again.');
      });
    return () => {
      cancelled = true;
    };
  }, [file, suggestColumns, resetSuggestion]);

  const headers = useMemo(() => (headerLine && suggest.data ? orderedHeaders(headerLine, suggest.data) : []), [headerLine, suggest.data]);

  const missing = missingRequiredFields(mapping);
  const duplicates = duplicateFields(mapping);
  const ignored = headers.filter((header) => !mapping[header]);

  const saveMapping = () => {
    // Keep what was saved for other exports; this file's columns replace their earlier entries.
    const current = new Set(headers.map(normaliseHeader));
    const kept = Object.fromEntries(Object.entries(settings.csvColumnMapping).filter(([header]) => !current.has(normaliseHeader(header))));
    save.mutate(
      { provider: settings.provider, csvColumnMapping: { ...kept, ...mapping } },
      {
        onSuccess: () =>
          notifications.show({ color: 'brand', title: 'Column mapping saved', message: 'Every import of a file with these columns reads them this way.' }),
      },
    );
  };

  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="column-mapping-title">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconColumns size={22} stroke={1.6} style={{ flexShrink: 0, marginTop: 2 }} color="var(--mantine-color-brand-8)" />
          <div>
            <Title order={3} fz="md" id="column-mapping-title">
              Column mapping
            </Title>
            <Text size="sm" c="dimmed">
              How RentLedger reads the columns of {file.name}. Common column names are recognised on their own; correct any that are wrong and
              save, and later imports of this export read it the same way.
            </Text>
          </div>
        </Group>

        {readError ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} role="alert">
            {readError}
          </Alert>
        ) : suggest.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} role="alert" title="We could not read the column names">
            {describeError(suggest.error)}
          </Alert>
        ) : !suggest.data || headers.length === 0 ? (
          <Group gap="xs" role="status" aria-live="polite">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Reading the column names…
            </Text>
          </Group>
        ) : (
          <>
            {missing.length > 0 && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Required columns are missing" data-testid="mapping-missing">
                Every row needs {missing.map(fieldLabel).join(', ')}. Pick the column that holds {missing.length === 1 ? 'it' : 'each'}, or the
                import will refuse every row.
              </Alert>
            )}
            {duplicates.length > 0 && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />}>
                More than one column feeds {duplicates.map(fieldLabel).join(', ')}: only the first is read.
              </Alert>
            )}
            {ignored.length > 0 && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={20} />} data-testid="mapping-unmatched">
                Not imported: {ignored.map((header) => `“${header}”`).join(', ')}. Choose a field for a column if RentLedger should read it.
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm" data-testid="column-mapping">
              {headers.map((header) => (
                <Select
                  key={header}
                  label={header}
                  data={FIELD_OPTIONS}
                  value={mapping[header] || IGNORE}
                  onChange={(value) => setMapping((current) => ({ ...current, [header]: !value || value === IGNORE ? '' : value }))}
                  allowDeselect={false}
                  searchable
                  styles={{ label: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
                />
              ))}
            </SimpleGrid>
            {save.isError && (
              <Alert color="red" variant="light" role="alert">
                {describeError(save.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="light" leftSection={<IconDeviceFloppy size={16} />} onClick={saveMapping} loading={save.isPending}>
                Save mapping
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
