import { CSV_FIELD_LABELS, CSV_FIELDS, type CsvField } from '@rentledger/contracts';

export { CSV_FIELD_LABELS, CSV_FIELDS, type CsvField };

/** Columns that may appear more than once (several email or phone columns are all kept). */
const MULTI_COLUMN_FIELDS: ReadonlySet<string> = new Set<CsvField>(['email', 'phone']);

export function isCsvField(value: string): value is CsvField {
  return value in CSV_FIELD_LABELS;
}

/** "lease_start" -> "Lease start"; an unknown name (a row error's field, say) is shown as is. */
export function fieldLabel(field: string): string {
  return isCsvField(field) ? CSV_FIELD_LABELS[field] : field;
}

/** The same header normalisation as the server: case, spaces and punctuation do not matter, "#" reads "number". */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replaceAll('#', 'number').replace(/[^a-z0-9]/g, '');
}

/** What a file mapped this way would still lack: a resident ID, a property code, and a name. */
export function missingRequiredFields(mapping: Record<string, string>): CsvField[] {
  const taken = new Set(Object.values(mapping));
  const missing: CsvField[] = (['resident_id', 'property_code'] as const).filter((field) => !taken.has(field));
  if (!taken.has('full_name')) missing.push(...(['first_name', 'last_name'] as const).filter((field) => !taken.has(field)));
  return missing;
}

/** Fields mapped from more than one column where only one is allowed. */
export function duplicateFields(mapping: Record<string, string>): CsvField[] {
  const seen = new Map<string, number>();
  for (const field of Object.values(mapping)) if (field) seen.set(field, (seen.get(field) ?? 0) + 1);
  return [...seen].filter(([field, count]) => count > 1 && !MULTI_COLUMN_FIELDS.has(field) && isCsvField(field)).map(([field]) => field as CsvField);
}
