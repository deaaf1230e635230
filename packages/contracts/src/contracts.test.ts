import { describe, expect, it } from 'vitest';
import { calendarDateSchema, personNameSchema, createCompanyRequestSchema, createPropertyRequestSchema, findControlCharacter, loginRequestSchema } from './index.ts';

describe('contracts', () => {
  it('trims and checks emails at sign-in, refusing unknown fields', () => {
    expect(loginRequestSchema.parse({ email: ' a@b.co ', password: 'x' })).toEqual({ email: 'a@b.co', password: 'x' });
    expect(loginRequestSchema.safeParse({ email: 'a@b.co', password: 'x', extra: 1 }).success).toBe(false);
    expect(loginRequestSchema.safeParse({ email: 'nope', password: 'x' }).success).toBe(false);
  });

  it('fills company defaults and checks slug and time zone', () => {
    expect(createCompanyRequestSchema.parse({ name: 'Oak Co', slug: 'oak-co' })).toMatchObject({
      timezone: 'America/New_York',
      graceDays: 5,
      integrationKind: 'none',
    });
    expect(createCompanyRequestSchema.safeParse({ name: 'Oak', slug: 'Oak Co' }).success).toBe(false);
    const zone = createCompanyRequestSchema.safeParse({ name: 'Oak', slug: 'oak', timezone: 'Mars/Olympus' });
    expect(zone.success).toBe(false);
    expect(zone.error?.issues[0]?.path).toEqual(['timezone']);
  });

  it('accepts US addresses only with a state code and a ZIP code', () => {
    const base = { companyId: '0b7f3c1e-6d0a-4f55-9a57-1c0f5d1f2a11', name: 'Elm', street: '1 Elm St', city: 'Austin' };
    expect(createPropertyRequestSchema.safeParse({ ...base, state: 'TX', postalCode: '78704-1234' }).success).toBe(true);
    expect(createPropertyRequestSchema.safeParse({ ...base, state: 'Texas', postalCode: '78704' }).success).toBe(false);
    expect(createPropertyRequestSchema.safeParse({ ...base, state: 'TX', postalCode: '787' }).success).toBe(false);
  });

  it('finds the first field holding a control character, allowing tabs and line breaks', () => {
    expect(findControlCharacter({ message: 'line one\r\nline two\ttabbed', tags: ['a', 'b'] })).toBeNull();
    expect(findControlCharacter({ name: 'Ann\u0000' })).toBe('name');
    expect(findControlCharacter({ rows: [{ ok: 'x' }, { unit: 'A\u001b[31m' }] })).toBe('rows.1.unit');
    expect(findControlCharacter({ note: 'del\u007f' })).toBe('note');
    expect(findControlCharacter(Object.assign(Object.create(null), { q: '\u0085' }))).toBe('q');
    expect(findControlCharacter('\u0000')).toBe('');
    const QueryObject = function () {} as unknown as { new (): object; prototype: object };
    QueryObject.prototype = Object.create(null);
    expect(findControlCharacter(Object.assign(new QueryObject(), { q: '\u0000' }))).toBe('q');
    expect(findControlCharacter(Buffer.from([0]))).toBeNull();
  });

  it('accepts calendar dates between 1900 and 2200 only', () => {
    expect(calendarDateSchema.safeParse('2026-01-31').success).toBe(true);
    expect(calendarDateSchema.safeParse('0000-01-01').error?.issues[0]?.message).toBe('Use a date between 1900 and 2200');
    expect(calendarDateSchema.safeParse('2201-01-01').success).toBe(false);
    expect(calendarDateSchema.safeParse('2026-02-30').success).toBe(false);
  });

  it('takes names of letters, marks, spaces, apostrophes, hyphens and periods, normalised', () => {
    expect(personNameSchema.parse('  Mary-Jane   O\u2019Brien Jr. ')).toBe('Mary-Jane O\u2019Brien Jr.');
    expect(personNameSchema.parse('Jose\u0301')).toBe('Jos\u00e9');
    expect(personNameSchema.parse('\u674e\u5c0f\u9f8d')).toBe('\u674e\u5c0f\u9f8d');
    const messages = (value: string) => personNameSchema.safeParse(value).error?.issues.map((issue) => issue.message);
    expect(messages('   ')).toEqual(['Required']);
    expect(messages('Ann\r\nBcc: x@y.z')).toEqual(['Use letters, spaces, apostrophes, hyphens and periods only']);
    expect(messages('\u202eecilA')).toEqual(['Use letters, spaces, apostrophes, hyphens and periods only']);
    expect(messages('\u200b\u200b')).toEqual(['Use letters, spaces, apostrophes, hyphens and periods only']);
    expect(messages("'-.")).toEqual(['A name needs at least one letter']);
    expect(messages('Ann2')).toEqual(['Use letters, spaces, apostrophes, hyphens and periods only']);
  });
});
