import { type AccountingRow, type AccountingStatus, type ProviderItem, type RowError } from './accounting-provider.ts';

/**
 * Turns one source record, as text fields, into an AccountingRow or the errors
 * that name its bad fields. Shared by every provider so "valid" means the same
 * whatever the accounting system.
 */
export type RawRecord = Partial<Record<RawField, string | null | undefined>> & { emails?: string[]; phones?: string[] };
export type RawField =
  | 'property_code'
  | 'property_name'
  | 'address'
  | 'city'
  | 'state'
  | 'postal_code'
  | 'unit'
  | 'resident_id'
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'phone'
  | 'lease_start'
  | 'lease_end'
  | 'rent'
  | 'balance'
  | 'status'
  | 'do_not_accept_payments';

const clean = (value: string | null | undefined): string => (value ?? '').trim();
const orNull = (value: string | null | undefined): string | null => clean(value) || null;

/** YYYY-MM-DD or MM/DD/YYYY (M/D/YYYY too) to YYYY-MM-DD; null for empty or a null sentinel; undefined when unreadable. */
export function parseDate(value: string | null | undefined): string | null | undefined {
  const text = clean(value);
  if (!text || text.startsWith('0001-01-01')) return null;
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [year, month, day] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (year < 1900 || year > 2200) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "1234.56", "$1,234.56", "-50", "(50.00)" to cents; null for empty; undefined when not money. */
export function parseMoney(value: string | null | undefined): number | null | undefined {
  let text = clean(value);
  if (!text) return null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1).trim();
  }
  text = text.replace(/^\$\s*/, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(text)) return undefined;
  const [whole = '0', fraction = ''] = text.replaceAll(',', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > 2_000_000_000) return undefined;
  return negative ? -cents : cents;
}

const STATUS_ALIASES: Record<string, AccountingStatus> = {
  current: 'current',
  'current resident': 'current',
  active: 'current',
  notice: 'notice',
  'on notice': 'notice',
  'notice given': 'notice',
  future: 'future',
  'future resident': 'future',
  past: 'past',
  former: 'past',
  'former resident': 'past',
  'moved out': 'past',
  movedout: 'past',
};

export function parseStatus(value: string | null | undefined): AccountingStatus | undefined {
  return STATUS_ALIASES[clean(value).toLowerCase()];
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x']);
const FALSE_WORDS = new Set(['', 'false', 'no', 'n', '0']);

export function parseFlag(value: string | null | undefined): boolean | undefined {
  const text = clean(value).toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}

function splitList(value: string | null | undefined): string[] {
  return clean(value)
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** 12345 or 12345-6789; spreadsheets drop leading zeros ("2134" for Boston's 02134), so short ones are padded. */
export function normalisePostalCode(value: string | null | undefined): string | null | undefined {
  const text = clean(value);
  if (!text) return null;
  const match = /^(\d{3,5})(?:-(\d{4}))?$/.exec(text);
  if (!match?.[1]) return undefined;
  const zip = match[1].padStart(5, '0');
  return match[2] ? `${zip}-${match[2]}` : zip;
}

// Linear: one @, no spaces, a dot in the domain. Longer values are refused before any pattern runs.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]{1,63}(\.[^\s@.]{1,63})+$/;
const MAX_EMAIL = 254;

/** Validates one record. `row` is its position in the source (a line number for CSV). */
export function toAccountingRow(row: number, raw: RawRecord): ProviderItem[] {
  const errors: RowError[] = [];
  const fail = (field: string, message: string) => errors.push({ row, field, message });

  const residentId = clean(raw.resident_id);
  if (!residentId) fail('resident_id', 'Resident ID is missing');
  const propertyCode = clean(raw.property_code);
  if (!propertyCode) fail('property_code', 'Property code is missing');
  if (!clean(raw.first_name) && !clean(raw.last_name)) fail('last_name', 'The resident has no name');

  const leaseStart = parseDate(raw.lease_start);
  if (leaseStart === undefined) fail('lease_start', `"${clean(raw.lease_start)}" is not a date (use YYYY-MM-DD or MM/DD/YYYY)`);
  const leaseEnd = parseDate(raw.lease_end);
  if (leaseEnd === undefined) fail('lease_end', `"${clean(raw.lease_end)}" is not a date (use YYYY-MM-DD or MM/DD/YYYY)`);
  if (leaseStart && leaseEnd && leaseEnd < leaseStart) fail('lease_end', `Lease ends (${leaseEnd}) before it starts (${leaseStart})`);

  const rentCents = parseMoney(raw.rent);
  if (rentCents === undefined) fail('rent', `"${clean(raw.rent)}" is not an amount`);
  else if (rentCents !== null && rentCents < 0) fail('rent', 'Rent cannot be negative');
  const balanceCents = parseMoney(raw.balance);
  if (balanceCents === undefined) fail('balance', `"${clean(raw.balance)}" is not an amount`);

  const status = parseStatus(clean(raw.status) || 'current');
  if (!status) fail('status', `Unknown status "${clean(raw.status)}" (use current, notice, future or past)`);
  const doNotAccept = parseFlag(raw.do_not_accept_payments);
  if (doNotAccept === undefined) fail('do_not_accept_payments', `"${clean(raw.do_not_accept_payments)}" is not yes or no`);

  const emails = [...(raw.emails ?? []), ...splitList(raw.email)].map((email) => email.toLowerCase());
  const badEmail = emails.find((email) => email.length > MAX_EMAIL || !EMAIL.test(email));
  if (badEmail) fail('email', `"${badEmail}" is not an email address`);
  const phones = [...(raw.phones ?? []), ...splitList(raw.phone)];

  const state = clean(raw.state).toUpperCase();
  if (state && !/^[A-Z]{2}$/.test(state)) fail('state', `"${clean(raw.state)}" is not a two-letter state code`);
  const postalCode = normalisePostalCode(raw.postal_code);
  if (postalCode === undefined) fail('postal_code', `"${clean(raw.postal_code)}" is not a ZIP code`);

  if (errors.length > 0) return errors.map((error) => ({ kind: 'error', error }));
  return [
    {
      kind: 'row',
      row: {
        row,
        propertyCode,
        propertyName: orNull(raw.property_name),
        street: orNull(raw.address),
        city: orNull(raw.city),
        state: state || null,
        postalCode: postalCode ?? null,
        unitCode: orNull(raw.unit),
        residentId,
        firstName: clean(raw.first_name),
        lastName: clean(raw.last_name),
        emails: [...new Set(emails)],
        phones: [...new Set(phones)],
        leaseStart: leaseStart ?? null,
        leaseEnd: leaseEnd ?? null,
        rentCents: rentCents ?? null,
        balanceCents: balanceCents ?? null,
        status: status ?? 'current',
        doNotAcceptPayments: doNotAccept ?? false,
      } satisfies AccountingRow,
    },
  ];
}

/**
 * Refuses a resident ID seen earlier in the same source: which of two
 * conflicting ledgers is right cannot be guessed, so both later copies are
 * reported and the first one stands.
 */
export function createDuplicateGuard() {
  const seen = new Map<string, number>();
  return (item: ProviderItem): ProviderItem => {
    if (item.kind !== 'row') return item;
    const first = seen.get(item.row.residentId);
    if (first !== undefined) {
      return {
        kind: 'error',
        error: { row: item.row.row, field: 'resident_id', message: `Resident ID ${item.row.residentId} already appears on row ${first}` },
      };
    }
    seen.set(item.row.residentId, item.row.row);
    return item;
  };
}
