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
