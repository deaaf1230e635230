import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestContext } from '../test/test-app.ts';

/**
 * A NUL byte used to reach PostgreSQL (which refuses it) and answer 500; a
 * year 0 date did the same. Every route now refuses both with 400 naming the field.
 */
describe('text and dates every route refuses', () => {
  let ctx: TestContext;
  let manager: Session;
  let unitId: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    manager = await ctx.login('manager@maple.demo');
    const unit = await ctx.database.db
      .selectFrom('units')
      .innerJoin('properties', 'properties.id', 'units.property_id')
      .select('units.id')
      .where('properties.company_id', '=', manager.companyId ?? '')
      .executeTakeFirstOrThrow();
    unitId = unit.id;
  });
  afterAll(() => ctx.close());

  const refusedField = (response: { statusCode: number; body: string; json(): { error: { code: string; details: { path: string; message: string }[] } } }) => {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    return response.json().error.details[0];
  };

  it('refuses a control character in a body field, a query and a path, naming it', async () => {
    const signUp = await ctx.call(null, {
      method: 'POST',
      url: '/api/auth/signup',
      payload: { firstName: 'Ann\u0000', lastName: 'Lee', email: 'ann.lee@personal.test', phone: '212-555-0199', password: 'resident-password-1' },
    });
    expect(refusedField(signUp)).toEqual({ path: 'firstName', message: 'Must not contain control characters' });

    const token = await ctx.call(manager, { method: 'POST', url: '/api/api-tokens', payload: { name: 'robot\u0000' } });
    expect(refusedField(token)?.path).toBe('name');

    const support = await ctx.call(manager, { method: 'POST', url: '/api/support-requests', payload: { kind: 'other', message: 'Hello\u001b[2J' } });
    expect(refusedField(support)?.path).toBe('message');

    const search = await ctx.call(manager, { method: 'GET', url: '/api/residents?q=%00' });
    expect(refusedField(search)?.path).toBe('q');

    const byId = await ctx.call(manager, { method: 'GET', url: '/api/residents/%00' });
    expect(refusedField(byId)?.path).toBe('residentId');
  });

  it('refuses names that would carry a header break, a direction override or nothing visible into emails', async () => {
    for (const lastName of ['Lee\r\nBcc: all@example.com', '\u202eeeL', '\u200b\u200b']) {
      const signUp = await ctx.call(null, {
        method: 'POST',
        url: '/api/auth/signup',
        payload: { firstName: 'Ann', lastName, email: 'ann.lee.names@personal.test', phone: '212-555-0199', password: 'resident-password-1' },
      });
      expect(refusedField(signUp)?.path, JSON.stringify(lastName)).toBe('lastName');
    }
    const staff = await ctx.call(await ctx.login('support@rentledger.demo'), {
      method: 'POST',
      url: `/api/companies/${manager.companyId}/staff`,
      payload: { firstName: '  Zoë ', lastName: 'O’Neil-Smith', email: 'zoe.oneil@maple.demo', password: 'staff-password-123' },
    });
    expect(staff.statusCode, staff.body).toBe(201);
    expect(staff.json()).toMatchObject({ firstName: 'Zoë', lastName: 'O’Neil-Smith' });
  });

  it('keeps line breaks and tabs in multi-line text', async () => {
    const support = await ctx.call(manager, { method: 'POST', url: '/api/support-requests', payload: { kind: 'other', message: 'Line one\r\n\tLine two' } });
    expect(support.statusCode, support.body).toBe(201);
  });

  it('refuses a date outside 1900 to 2200 with 400 naming it', async () => {
    const invite = await ctx.call(manager, {
      method: 'POST',
      url: '/api/invitations',
      payload: { firstName: 'Nia', lastName: 'Cole', email: 'nia.cole.dates@personal.test', unitId, rentCents: 190000, leaseStart: '0000-01-01', leaseEnd: null },
    });
    expect(refusedField(invite)).toEqual({ path: 'leaseStart', message: 'Use a date between 1900 and 2200' });
  });
});
