import { hasControlCharacter } from '@rentledger/contracts';
import type { ProviderItem } from '../accounting-provider.ts';
import type { RawRecord } from '../accounting-row.domain.ts';

/**
 * No rent-roll field is anywhere near this long, and the e-mail check takes
 * time that grows with the square of a value's length: a crafted cell of a few
 * hundred kilobytes would hold the sync for minutes. Such a row is refused
 * before it is validated.
 */
export const MAX_VALUE_CHARS = 1_000;

export function refuseUnsafeValues(row: number, raw: RawRecord): ProviderItem | null {
  for (const [field, value] of Object.entries(raw)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    const name = field === 'emails' ? 'email' : field === 'phones' ? 'phone' : field;
    const overlong = values.find((entry) => typeof entry === 'string' && entry.length > MAX_VALUE_CHARS);
    if (typeof overlong === 'string') {
      return { kind: 'error', error: { row, field: name, message: `This value is ${overlong.length} characters long; the most a field can hold is ${MAX_VALUE_CHARS}` } };
    }
    // The API's rule holds for rent rolls too: these would reach landlords' screens and emails.
    if (values.some((entry) => typeof entry === 'string' && hasControlCharacter(entry))) {
      return { kind: 'error', error: { row, field: name, message: 'This value holds a control character; remove it in your accounting system' } };
    }
  }
  return null;
}
