import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

type Lease = { rentCents: number; leaseStart: string; leaseEnd: string | null };

/** The manual approval form's server side: the due day it refuses, and the warnings its preview gives (warnings, not blocks). */
describe('manual approval: due day and warnings', () => {
  let ctx: TestContext;
  let birch: Session;
  let maple: Session;
  let units: Record<string, string>;
  let mapleUnit: string;

  /** A verified sign-up stating a residency at a Birch Street Flats unit: pending, since Birch has no books to match. */
  async function pendingAtBirch(firstName: string, label: string, lease: Lease): Promise<string> {
    const email = `${firstName.toLowerCase()}@approval-form.test`;
    const signup = await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { firstName, lastName: 'Reyes', email, phone: '512-555-0100', password: 'resident-password-1' } });
    expect(signup.statusCode, signup.body).toBe(202);
    const resident = await ctx.verifyEmail(email);
    const { results } = (await ctx.call(resident, { method: 'GET', url: '/api/rentals/search?q=birch%20street%20flats' })).json();
    const propertyId = results[0].property.id as string;
    const created = await ctx.call(resident, { method: 'POST', url: '/api/me/residencies', payload: { propertyId, unitId: units[label], ...lease } });
    expect(created.json()).toMatchObject({ status: 'pending' });
    return created.json().id as string;
  }

  const preview = (session: Session, residentId: string, body: Record<string, unknown>) =>
    ctx.call(session, { method: 'POST', url: `/api/residents/${residentId}/approve/preview`, payload: body });
  const approve = (residentId: string, body: Record<string, unknown>) =>
    ctx.call(birch, { method: 'POST', url: `/api/residents/${residentId}/approve`, payload: { method: 'manual', ...body } });

  // Leases in the future, and one long past, whatever day the test runs.
  const stated: Lease = { rentCents: 95_000, leaseStart: '2090-01-01', leaseEnd: '2090-12-31' };

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    [birch, maple] = await Promise.all([ctx.login('owner@birch.demo'), ctx.login('manager@maple.demo')]);
    const properties = (await ctx.call(birch, { method: 'GET', url: '/api/properties' })).json();
    units = Object.fromEntries(properties.items[0].units.map((unit: { id: string; label: string }) => [unit.label, unit.id]));
    const mapleProperties = (await ctx.call(maple, { method: 'GET', url: '/api/properties' })).json();
    mapleUnit = mapleProperties.items[0].units[0].id;
  });
  afterAll(() => ctx.close());

  it('refuses a due day of 29 to 31 naming the field, and saves nothing', async () => {
    const nora = await pendingAtBirch('Nora', '1', stated);
    for (const dueDay of [29, 31]) {
      const response = await approve(nora, { unitId: units['1'], ...stated, dueDay });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details).toEqual([{ path: 'dueDay', message: 'Due day must be from 1 to 28, so it falls in every month' }]);
    }
    expect((await ctx.call(birch, { method: 'GET', url: `/api/residents/${nora}` })).json()).toMatchObject({ status: 'pending', dueDay: 1 });
    const approved = await approve(nora, { unitId: units['1'], ...stated, dueDay: 28 });
    expect(approved.json()).toMatchObject({ status: 'approved', dueDay: 28 });
  });

  it('has no warnings when the entered lease is what the resident stated and the unit is free', async () => {
    const omar = await pendingAtBirch('Omar', '2', stated);
    const response = await preview(birch, omar, { unitId: units['2'], ...stated });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ warnings: [] });
  });

  it('warns of every stated value that differs, with both values, and of a lease already ended', async () => {
    const pia = await pendingAtBirch('Pia', '3', stated);
    const { warnings } = (await preview(birch, pia, { unitId: units['4'], rentCents: 99_000, leaseStart: '2020-01-01', leaseEnd: '2020-12-31' })).json();
    expect(warnings.map((w: { code: string; field: string; stated: unknown; entered: unknown }) => [w.code, w.field, w.stated ?? null, w.entered ?? null])).toEqual([
      ['differs_from_stated', 'unitId', '3', '4'],
      ['differs_from_stated', 'rentCents', 95_000, 99_000],
      ['differs_from_stated', 'leaseStart', '2090-01-01', '2020-01-01'],
      ['differs_from_stated', 'leaseEnd', '2090-12-31', '2020-12-31'],
      ['lease_ended', 'leaseEnd', null, null],
    ]);
    expect(warnings[1].message).toBe('Monthly rent: the resident said $950.00, you entered $990.00');
  });

  it('warns when the unit already has an approved resident on overlapping dates, and still approves', async () => {
    const quinn = await pendingAtBirch('Quinn', '1', stated);
    const { warnings } = (await preview(birch, quinn, { unitId: units['1'], ...stated })).json();
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'unit_occupied', field: 'unitId', residents: [expect.objectContaining({ name: 'Nora Reyes', leaseStart: '2090-01-01', leaseEnd: '2090-12-31' })] }),
    ]);
    expect(warnings[0].message).toBe('Unit 1 already has an approved resident on overlapping dates: Nora Reyes (2090-01-01 to 2090-12-31)');
    // After Nora's lease ends the unit is free.
    const later = (await preview(birch, quinn, { unitId: units['1'], rentCents: 95_000, leaseStart: '2091-01-01', leaseEnd: null })).json();
    expect(later.warnings.map((w: { code: string }) => w.code)).toEqual(['differs_from_stated', 'differs_from_stated']);
    const approved = await approve(quinn, { unitId: units['1'], ...stated });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', unitId: units['1'] });
  });

  it('refuses a lease ending before it starts, another company’s unit, and a resident who is decided or not the landlord’s', async () => {
    const rosa = await pendingAtBirch('Rosa', '5', stated);
    const backwards = await preview(birch, rosa, { unitId: units['5'], rentCents: 95_000, leaseStart: '2090-06-01', leaseEnd: '2090-05-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toEqual([{ path: 'leaseEnd', message: 'The lease cannot end before it starts' }]);
    expect((await approve(rosa, { unitId: units['5'], rentCents: 95_000, leaseStart: '2090-06-01', leaseEnd: '2090-05-01' })).statusCode).toBe(400);
    const foreignUnit = await preview(birch, rosa, { unitId: mapleUnit, ...stated });
    expect(foreignUnit.statusCode).toBe(400);
    expect(foreignUnit.json().error.details[0].path).toBe('unitId');
    expect((await preview(maple, rosa, { unitId: units['5'], ...stated })).statusCode).toBe(404);
    const nora = (await ctx.call(birch, { method: 'GET', url: '/api/residents?q=nora' })).json().items[0].id;
    const decided = await preview(birch, nora, { unitId: units['1'], ...stated });
    expect(decided.statusCode).toBe(409);
    expect(decided.json().error.code).toBe('already_decided');
  });

  it('says a resident candidate was invited only when an invitation was sent', async () => {
    // Mia Garcia (unit 204) is in Maple's books without an email: RentLedger keeps her waiting, never invited.
    const email = 'mia.g@approval-form.test';
    await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { firstName: 'Mia', lastName: 'Garcia', email, phone: '614-555-0111', password: 'resident-password-1' } });
    const mia = await ctx.verifyEmail(email);
    const { results } = (await ctx.call(mia, { method: 'GET', url: '/api/rentals/search?q=maple%20court' })).json();
    const at = (label: string) => ({ propertyId: results[0].property.id, unitId: results[0].units.find((u: { label: string }) => u.label === label).id });
    const created = (await ctx.call(mia, { method: 'POST', url: '/api/me/residencies', payload: { ...at('204'), ...stated } })).json();
    const detail = (await ctx.call(maple, { method: 'GET', url: `/api/residents/${created.id}` })).json();
    const waiting = detail.candidates.find((c: { kind: string; accountingResidentId: string }) => c.kind === 'resident' && c.accountingResidentId === 't0001012');
    expect(waiting).toMatchObject({ status: 'waiting', invitationSentAt: null });
    expect(detail.candidates.filter((c: { kind: string }) => c.kind === 'accounting_record').every((c: { invitationSentAt: unknown }) => c.invitationSentAt === null)).toBe(true);
    // Fatima Ali (unit 103) has an email in the books: the import invited her.
    const fatimaEmail = 'fatima.a@approval-form.test';
    await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { firstName: 'Fatima', lastName: 'Ali', email: fatimaEmail, phone: '614-555-0112', password: 'resident-password-1' } });
    const fatima = await ctx.verifyEmail(fatimaEmail);
    const stating = (await ctx.call(fatima, { method: 'POST', url: '/api/me/residencies', payload: { ...at('103'), ...stated } })).json();
    const fatimaDetail = (await ctx.call(maple, { method: 'GET', url: `/api/residents/${stating.id}` })).json();
    const invited = fatimaDetail.candidates.find((c: { kind: string; accountingResidentId: string }) => c.kind === 'resident' && c.accountingResidentId === 't0001003');
    expect(invited).toMatchObject({ status: 'invited', invitationSentAt: expect.any(String) });
  });
});
