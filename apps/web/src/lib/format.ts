const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

// Lease dates are calendar dates ("2026-07-31"), not instants: format them in UTC so no time zone moves them a day.
const calendarDateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** "2026-07-31" -> "Jul 31, 2026". */
export function formatCalendarDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? day : calendarDateFormat.format(date);
}

/** "Aug 1, 2025 – Jul 31, 2026", "Aug 1, 2025, month-to-month", or "—" when nothing is known. */
export function formatLeaseTerm(lease: { leaseStart: string | null; leaseEnd: string | null; monthToMonth: boolean }): string {
  const start = lease.leaseStart ? formatCalendarDate(lease.leaseStart) : null;
  if (lease.monthToMonth || (start && !lease.leaseEnd)) return start ? `From ${start}, month-to-month` : 'Month-to-month';
  const end = lease.leaseEnd ? formatCalendarDate(lease.leaseEnd) : null;
  if (start && end) return `${start} – ${end}`;
  if (end) return `Until ${end}`;
  return '—';
}

const moneyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Integer cents -> "$1,234.56" (a negative amount keeps its minus sign: "-$50.00"). */
export function formatMoney(cents: number): string {
  return moneyFormat.format(cents / 100);
}

/** A balance as a resident reads it: what is owed, or a credit when negative. */
export function formatBalance(cents: number): string {
  if (cents < 0) return `${formatMoney(-cents)} credit`;
  if (cents === 0) return 'Nothing owed';
  return `${formatMoney(cents)} owed`;
}

/** "1st", "2nd", "23rd": the day of the month rent is due. */
export function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

/** 1536 -> "1.5 KB"; decimal-free below a kilobyte. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}

export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

export function formatAddress(address: { street: string; city: string; state: string; postalCode: string }): string {
  return `${address.street}, ${address.city}, ${address.state} ${address.postalCode}`;
}

/** "Birch Rentals, LLC" -> "birch-rentals-llc": the suggestion for a company's slug. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

export const INTEGRATION_LABELS = {
  none: 'No integration',
  file: 'File import',
  api: 'API connector',
} as const;

export const ROLE_LABELS = {
  landlord: 'Landlord',
  resident: 'Resident',
  support: 'Support',
} as const;

/** A dollar amount typed in a form (1234.5 or "1,234.50") -> integer cents, or null when empty or not a number. */
export function centsFromDollars(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const amount = typeof value === 'number' ? value : Number(value.replace(/[$,\s]/g, ''));
  return Number.isFinite(amount) ? Math.round(amount * 100) : null;
}

/** Integer cents -> the number a dollar input shows (123456 -> 1234.56); empty for null. */
export function dollarsFromCents(cents: number | null | undefined): number | '' {
  return cents === null || cents === undefined ? '' : cents / 100;
}

/** "2026-07-31T14:03:00.000Z" inside a server message -> "Jul 31, 2026, 2:03 PM" in the reader's time zone. */
export function humanizeTimestamps(message: string): string {
  return message.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => formatDateTime(iso));
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const minutes = Math.round((now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} ${days === 1 ? 'day' : 'days'} ago`;
  return formatDate(iso);
}

/** "Maple's", "Birch Rentals'": a name ending in s takes the apostrophe alone. */
export function possessive(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return trimmed;
  return /s$/i.test(trimmed) ? `${trimmed}’` : `${trimmed}’s`;
}

/**
 * A stored phone number as people read it: a North American number (E.164 "+16145550784", or ten digits as
 * typed) in national format, "(614) 555-0784"; any other number as stored, since its grouping is the
 * country's own.
 */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const international = phone.trim().startsWith('+');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : !international && digits.length === 10 ? digits : null;
  if (!national) return phone;
  return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
}
