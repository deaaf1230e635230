import { describe, expect, it } from 'vitest';
import { createCompanyRequestSchema, createPropertyRequestSchema, loginRequestSchema } from './index.ts';

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
});
