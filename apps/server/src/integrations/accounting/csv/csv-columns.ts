import { parse } from 'csv-parse/sync';
import { CSV_FIELD_LABELS, CSV_FIELDS as CONTRACT_CSV_FIELDS, type CsvField as ContractCsvField } from '@rentledger/contracts';
import type { RawField } from '../accounting-row.domain.ts';

/**
 * Which column of a rent roll holds which field. Pure: used both to propose a
 * mapping in the settings screen and to read each upload.
 */

/** A column either holds one standard field or a whole name ("Lee, Ann") that is split per row. */
export type CsvField = ContractCsvField & (RawField | 'full_name');
export const CSV_FIELDS: readonly CsvField[] = CONTRACT_CSV_FIELDS;

/** Exports often carry several e-mail or phone columns (cell, home, work); all of them are kept. */
const MULTI_COLUMN_FIELDS: ReadonlySet<CsvField> = new Set(['email', 'phone']);

export const FIELD_LABELS: Record<CsvField, string> = CSV_FIELD_LABELS;

/**
 * Header texts seen in Yardi, AppFolio, Buildium and Rent Manager rent rolls.
 * A lower rank wins: our own column names (rank 0) beat synonyms, and "Lease
 * From" (1) beats "Move In" (2) when a file has both. "Market Rent" is deliberately absent: it is the asking
 * rent of the unit, not what the resident owes.
 */
type Rank = 0 | 1 | 2;
const SYNONYMS = new Map<string, { field: CsvField; rank: Rank }[]>();

function addSynonyms(field: CsvField, rank: Rank, names: string[]) {
  for (const name of names) {
    const key = normaliseHeader(name);
    SYNONYMS.set(key, [...(SYNONYMS.get(key) ?? []), { field, rank }]);
  }
}

/** Case, spaces, underscores, hyphens and other punctuation do not matter; "#" reads as "number" ("Unit #"). */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('#', 'number')
    .replace(/[^a-z0-9]/g, '');
}

addSynonyms('resident_id', 1, ['Tenant Code', 'Tenant ID', 'Tenant Number', 'Tenant No', 'Tenant Display ID', 'T-Code', 'Resident Code', 'Resident Number', 'Resident No', 'Resident Account']);
addSynonyms('property_code', 1, ['Property', 'Property ID', 'Prop Code', 'Prop ID', 'Property Abbreviation', 'Property Abbr']);
addSynonyms('property_name', 1, ['Property Name', 'Marketing Name', 'Community', 'Community Name', 'Building Name']);
// When a file has both "Property Code" and "Property", the second one is the name.
addSynonyms('property_name', 2, ['Property']);
addSynonyms('address', 1, ['Street', 'Street Address', 'Address 1', 'Address Line 1', 'Property Address', 'Unit Address']);
addSynonyms('postal_code', 1, ['Zip', 'ZIP Code', 'Zip Code', 'Postal', 'Postcode', 'Zip/Postal Code']);
addSynonyms('state', 1, ['Province', 'State/Province']);
addSynonyms('unit', 1, ['Unit Number', 'Unit No', 'Unit Code', 'Unit ID', 'Unit Name', 'Apt', 'Apartment', 'Apt Number', 'Suite']);
addSynonyms('first_name', 1, ['First', 'Given Name', 'Tenant First Name', 'Resident First Name']);
addSynonyms('last_name', 1, ['Last', 'Surname', 'Family Name', 'Tenant Last Name', 'Resident Last Name']);
addSynonyms('full_name', 1, ['Tenant', 'Tenant Name', 'Resident', 'Resident Name', 'Name', 'Full Name', 'Lessee', 'Primary Tenant']);
addSynonyms('email', 1, ['Email Address', 'E-mail', 'Tenant Email', 'Resident Email', 'Primary Email', 'Emails']);
addSynonyms('phone', 1, ['Phone Number', 'Cell Phone', 'Cell', 'Mobile', 'Mobile Phone', 'Home Phone', 'Work Phone', 'Telephone', 'Primary Phone', 'Phone Numbers', 'Phones']);
addSynonyms('lease_start', 1, ['Lease From', 'Lease Start Date', 'Lease From Date', 'Lease Begin', 'Start Date', 'Lease Starts']);
addSynonyms('lease_start', 2, ['Move In', 'Move In Date', 'Move-in']);
addSynonyms('lease_end', 1, ['Lease To', 'Lease End Date', 'Lease To Date', 'Lease Expiration', 'Lease Expiration Date', 'Lease Expires', 'Lease Ends', 'End Date', 'Expiration']);
addSynonyms('rent', 1, ['Current Rent', 'Monthly Rent', 'Rent Amount', 'Lease Rent', 'Actual Rent', 'Tenant Rent', 'Resident Rent']);
addSynonyms('balance', 1, ['Amount Owed', 'Current Balance', 'Total Balance', 'Balance Due', 'Amount Due', 'Open Balance', 'Outstanding Balance', 'Total Unpaid']);
addSynonyms('status', 1, ['Tenant Status', 'Resident Status', 'Lease Status']);
addSynonyms('do_not_accept_payments', 1, ['Do Not Accept Payment', 'Payments Blocked', 'Block Payments', 'No Payments']);
for (const field of CSV_FIELDS) addSynonyms(field, 0, [field]);

/**
 * The most columns a rent roll can meaningfully have: exports carry a few dozen, and a header of thousands is
 * another kind of file (or a wrong delimiter). Past this, a file is refused and a mapping is not saved, so
 * nothing the size of such a header is stored.
 */
export const MAX_CSV_COLUMNS = 500;

/** A header (or a saved mapping) with more columns than MAX_CSV_COLUMNS. */
export class TooManyColumnsError extends Error {
  constructor(
    readonly count: number,
    what = 'The header row',
  ) {
    super(`${what} has ${count.toLocaleString('en-US')} columns; a rent roll has at most ${MAX_CSV_COLUMNS}. Check that this is a rent roll, with the header on its first line.`);
  }
}

export type ColumnPlan = {
  /** The field each column feeds, by position; null for a column that is ignored. */
  columns: (CsvField | null)[];
  missingRequired: CsvField[];
};

/**
 * Matches the header row. A saved mapping (header text -> field, "" to ignore a
 * column) is applied first; the other headers are then recognised by name.
 */
export function planColumns(headers: string[], savedMapping: Record<string, string> = {}): ColumnPlan {
  if (headers.length > MAX_CSV_COLUMNS) throw new TooManyColumnsError(headers.length);
  const columns: (CsvField | null)[] = headers.map(() => null);
  const taken = new Set<CsvField>();
  const decided = new Set<number>();
  const claim = (index: number, field: CsvField | null) => {
    decided.add(index);
    columns[index] = field;
    if (field) taken.add(field);
  };

  const saved = normaliseSavedMapping(savedMapping);
  headers.forEach((header, index) => {
    const target = saved.get(normaliseHeader(header));
    if (target === undefined) return;
    if (target && taken.has(target) && !MULTI_COLUMN_FIELDS.has(target)) return claim(index, null);
    claim(index, target);
  });

  for (const { index, field } of rankedCandidates(headers)) {
    if (decided.has(index) || (taken.has(field) && !MULTI_COLUMN_FIELDS.has(field))) continue;
    claim(index, field);
  }
  return { columns, missingRequired: missingRequiredFields(taken) };
}

function normaliseSavedMapping(mapping: Record<string, string>): Map<string, CsvField | null> {
  const result = new Map<string, CsvField | null>();
  for (const [header, target] of Object.entries(mapping)) {
    const field = target.trim();
    if (!field) result.set(normaliseHeader(header), null);
    else if (isCsvField(field)) result.set(normaliseHeader(header), field);
    else throw new UnknownFieldError(header, field);
  }
  return result;
}

export function isCsvField(value: string): value is CsvField {
  return (CSV_FIELDS as readonly string[]).includes(value);
}

/** A saved mapping that names a field we do not know; the settings screen should have prevented it. */
export class UnknownFieldError extends Error {
  constructor(
    readonly header: string,
    readonly field: string,
  ) {
    super(`The column mapping sends "${header}" to "${field}", which is not a field (use one of: ${CSV_FIELDS.join(', ')})`);
  }
}

function rankedCandidates(headers: string[]) {
  return headers
    .flatMap((header, index) => (SYNONYMS.get(normaliseHeader(header)) ?? []).map(({ field, rank }) => ({ index, field, rank })))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
}

function missingRequiredFields(taken: ReadonlySet<CsvField>): CsvField[] {
  const missing: CsvField[] = (['resident_id', 'property_code'] as const).filter((field) => !taken.has(field));
  if (!taken.has('full_name')) missing.push(...(['first_name', 'last_name'] as const).filter((field) => !taken.has(field)));
  return missing;
}

/** Proposes a mapping from a file's header row, for a landlord to confirm and save. */
export function suggestMapping(headers: string[]): { mapping: Record<string, CsvField>; unmatched: string[]; missingRequired: CsvField[] } {
  const { columns, missingRequired } = planColumns(headers);
  const mapping: Record<string, CsvField> = {};
  const unmatched: string[] = [];
  headers.forEach((header, index) => {
    const field = columns[index];
    if (field) mapping[header] = field;
    else if (header.trim()) unmatched.push(header);
  });
  return { mapping, unmatched, missingRequired };
}

const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);

/** "Lee, Ann" or "Ann Lee" (suffixes such as "Jr." stay with the last name). */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const text = fullName.trim().replace(/\s+/g, ' ');
  const comma = text.indexOf(',');
  if (comma !== -1) return { lastName: text.slice(0, comma).trim(), firstName: text.slice(comma + 1).trim() };
  const words = text.split(' ');
  let lastStart = words.length - 1;
  if (lastStart > 1 && NAME_SUFFIXES.has((words[lastStart] ?? '').toLowerCase().replace('.', ''))) lastStart -= 1;
  if (lastStart <= 0) return { firstName: '', lastName: text };
  return { firstName: words.slice(0, lastStart).join(' '), lastName: words.slice(lastStart).join(' ') };
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter is whichever of comma, semicolon or tab the header line uses most, outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = unquoted.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/** The column names of a header line as the import will read them (delimiter, quotes and byte-order mark handled), for suggestMapping. */
export function splitHeaderLine(headerLine: string): string[] {
  const line = headerLine.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const [fields = []] = parse(line, { delimiter: detectDelimiter(line), relax_quotes: true, relax_column_count: true }) as string[][];
  return fields.map((field) => field.trim());
}
