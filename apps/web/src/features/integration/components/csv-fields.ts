/**
 * The fields a rent roll column can feed, with the words landlords see. The API names them in
 * csv-columns answers and accepts them in `csvColumnMapping`; "" ignores a column.
 * (The contracts package does not export this list yet, so it is kept in step with the server here.)
 */
export const CSV_FIELD_LABELS = {
  property_code: 'Property code',
  property_name: 'Property name',
  address: 'Address',
  city: 'City',
  state: 'State',
  postal_code: 'ZIP code',
  unit: 'Unit',
  resident_id: 'Resident ID',
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Full name',
  email: 'Email',
  phone: 'Phone',
  lease_start: 'Lease start',
  lease_end: 'Lease end',
  rent: 'Rent',
  balance: 'Balance',
  status: 'Status',
  do_not_accept_payments: 'Do not accept payments',
} as const;

export type CsvField = keyof typeof CSV_FIELD_LABELS;

export const CSV_FIELDS = Object.keys(CSV_FIELD_LABELS) as CsvField[];

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
