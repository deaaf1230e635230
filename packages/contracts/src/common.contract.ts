import { z } from 'zod';

/** Every error the API answers with has this shape; `details` names the offending field paths. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .or(z.record(z.string(), z.unknown()))
      .optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const idSchema = z.uuid();
export const isoTimestampSchema = z.string().describe('ISO 8601 timestamp, UTC');

export const pageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** US state / territory postal abbreviations accepted in property addresses. */
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA',
  'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM',
  'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'PR', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA',
  'VI', 'WA', 'WV', 'WI', 'WY', 'GU',
] as const;

export const okSchema = z.object({ ok: z.literal(true) });

/**
 * Control characters (other than tab and line breaks) have no place in any
 * text a person types: PostgreSQL refuses NUL outright, and the rest hide in
 * emails and logs. One rule for every field, checked before any route's schema.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const CONTROL_CHARACTER_MESSAGE = 'Must not contain control characters';

export const hasControlCharacter = (value: string): boolean => CONTROL_CHARACTER.test(value);

/** The dotted path of the first string in `input` holding a control character, or null. */
export function findControlCharacter(input: unknown, path = ''): string | null {
  if (typeof input === 'string') return CONTROL_CHARACTER.test(input) ? path : null;
  if (Array.isArray(input)) {
    for (const [index, value] of input.entries()) {
      const found = findControlCharacter(value, path ? `${path}.${index}` : String(index));
      if (found !== null) return found;
    }
    return null;
  }
  if (isPlainObject(input)) {
    for (const [key, value] of Object.entries(input)) {
      const keyPath = path ? `${path}.${key}` : key;
      if (CONTROL_CHARACTER.test(key)) return keyPath;
      const found = findControlCharacter(value, keyPath);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Parsed JSON, and query strings (whose parser makes objects from an empty
 * prototype of its own); never a Buffer, a stream or another class.
 */
function isPlainObject(input: unknown): input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return false;
  const prototype: unknown = Object.getPrototypeOf(input);
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}
