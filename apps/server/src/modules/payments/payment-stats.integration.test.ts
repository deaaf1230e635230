import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { insertVerifiedPayer } from '../../test/payment-fixtures.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import type { Principal } from '../auth/principal.ts';
import { createAchReturnsRepository } from './ach-returns.repository.ts';
import { createPaymentStatsRepository } from './payment-stats.repository.ts';
import { createPaymentStatsService } from './payment-stats.service.ts';
import { createRentPeriodsRepository } from './rent-periods.repository.ts';
import { createRentPeriodsService } from './rent-periods.service.ts';

type Payer = Awaited<ReturnType<typeof insertVerifiedPayer>>;

/** The figures asked for below come from months long past, so the real clock of the API does not change them. */
describe('payment stats: on-time rent per property and month, and return rates', () => {
  let ctx: TestContext;
  let manager: Session;
  let birch: Session;
  let support: Session;
  let resident: Session;
  let maple: string;
  const properties: string[] = [];
  const payers: Payer[] = [];

  const get = (session: Session | null, query: string) => ctx.call(session, { method: 'GET', url: `/api/payment-stats${query}` });

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    [manager, birch, support] = await Promise.all([ctx.login('manager@maple.demo'), ctx.login('owner@birch.demo'), ctx.login('support@rentledger.demo')]);
    maple = manager.companyId ?? '';
    const db = ctx.database.db;
    for (let n = 1; n <= 3; n += 1) payers.push(await insertVerifiedPayer(db, maple, n));
    resident = await ctx.login('resident@demo.test');
    // Two properties: A and B live in the first, C in the second.
    const places = await db.selectFrom('units').innerJoin('properties', 'properties.id', 'units.property_id').select(['units.id', 'units.property_id', 'properties.name']).where('properties.company_id', '=', maple).orderBy('properties.name').orderBy('units.label').execute();
    const first = places[0];
    const second = places.find((place) => place.property_id !== first?.property_id);
    if (!first || !second) throw new Error('the demo rent roll has two properties');
    properties.push(first.property_id, second.property_id);
    const file = await db.insertInto('ach_files').values({ company_id: maple, file_date: '2026-09-01', file_id_modifier: 'A', effective_date: '2026-09-02', content: 'x', sha256: 'x', batch_count: 1, entry_count: 8, debit_total_cents: 0, credit_total_cents: 0 }).returning('id').executeTakeFirstOrThrow();
    let trace = 0;
    for (const [i, payer] of payers.entries()) {
      const place = i < 2 ? first : second;
      await db.updateTable('residents').set({ unit_id: place.id, property_id: place.property_id, lease_start: '2026-08-01', lease_end: null, month_to_month: true, rent_cents: 100000, due_day: 1, approved_at: new Date('2026-09-01T14:00:00Z') }).where('id', '=', payer.resident.id).execute();
      const authorization = await db.insertInto('payment_authorizations').values({ company_id: maple, resident_id: payer.resident.id, user_id: payer.user.id, bank_account_id: payer.account.id, kind: 'one_time', text: 'test', accepted_at: new Date(), ip: '127.0.0.1', user_agent: 'test' }).returning('id').executeTakeFirstOrThrow();
      const payment = (amount: number, status: 'settled' | 'returned', effective: string, extra: object = {}) => ({
        company_id: maple,
        resident_id: payer.resident.id,
        user_id: payer.user.id,
        bank_account_id: payer.account.id,
        authorization_id: authorization.id,
        amount_cents: amount,
        payment_type: 'S' as const,
        status,
        scheduled_for: effective,
        effective_date: effective,
        idempotency_key: null,
        ach_file_id: file.id,
        trace_number: `01100001${String((trace += 1)).padStart(7, '0')}`,
        created_at: new Date(),
        updated_at: new Date(),
        ...extra,
      });
      const rows = [
        // A: September and October on time, November returned.
        [payment(100000, 'settled', '2026-09-02'), payment(100000, 'settled', '2026-10-02'), payment(100000, 'returned', '2026-11-02', { return_code: 'R01', returned_at: new Date('2026-11-05T15:00:00Z') })],
        // B: September late (the 10th), October $500 short; November marked paid outside below.
        [payment(100000, 'settled', '2026-09-10'), payment(50000, 'settled', '2026-10-02')],
        // C (the second property): every month on time.
        [payment(100000, 'settled', '2026-09-01'), payment(100000, 'settled', '2026-10-01'), payment(100000, 'settled', '2026-11-01')],
      ][i] ?? [];
      await db.insertInto('payments').values(rows).execute();
    }
    await db.insertInto('paid_outside_marks').values({ company_id: maple, resident_id: payers[1]?.resident.id ?? '', month: '2026-11', amount_cents: 100000, paid_on: '2026-11-03', note: 'Check', created_by: manager.userId, created_at: new Date() }).execute();
  });
  afterAll(() => ctx.close());

  const counts = (onTime: number, paidOutside: number, late: number, insufficient: number, unpaid: number, notDue = 0, noData = 0) => {
    const decided = onTime + paidOutside + late + insufficient + unpaid;
    return { onTime, paidOutside, late, insufficient, unpaid, notDue, noData, decided, rate: decided === 0 ? null : (onTime + paidOutside) / decided };
  };

  it('counts each month of the company and of each property, paid outside as on time, months before joining apart', async () => {
    const response = await get(manager, '?from=2026-07&to=2026-11');
    expect(response.statusCode, response.body).toBe(200);
    const stats = response.json();
    expect(stats).toMatchObject({ companyId: maple, from: '2026-07', to: '2026-11', timezone: 'America/New_York', months: ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11'] });
    expect(stats.overall).toEqual([
      { month: '2026-07', ...counts(0, 0, 0, 0, 0) },
      { month: '2026-08', ...counts(0, 0, 0, 0, 0, 0, 3) },
      { month: '2026-09', ...counts(2, 0, 1, 0, 0) },
      { month: '2026-10', ...counts(2, 0, 0, 1, 0) },
      { month: '2026-11', ...counts(1, 1, 0, 0, 1) },
    ]);
    const property = (id: string | undefined) => stats.properties.find((row: { propertyId: string }) => row.propertyId === id);
    expect(property(properties[0])).toMatchObject({ residents: 2 });
    expect(property(properties[0]).months.slice(2)).toEqual([
      { month: '2026-09', ...counts(1, 0, 1, 0, 0) },
      { month: '2026-10', ...counts(1, 0, 0, 1, 0) },
      { month: '2026-11', ...counts(0, 1, 0, 0, 1) },
    ]);
    expect(property(properties[1])).toMatchObject({ residents: 1 });
    expect(property(properties[1]).months.slice(2).map((month: { rate: number }) => month.rate)).toEqual([1, 1, 1]);
    // Every property of the company is listed, with or without residents; each has one entry per month.
    const names = stats.properties.map((row: { name: string }) => row.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en')));
    expect(stats.properties.every((row: { months: unknown[] }) => row.months.length === 5)).toBe(true);
  });

  it('gives the return rates the Bank returns panel gives: the prior 60 days against NACHA’s thresholds', async () => {
    const stats = (await get(manager, '?from=2026-09&to=2026-11')).json();
    // 8 debits in a file, one R01: 12.5% overall, past 80% of the 15% threshold.
    expect(stats.returnRates).toEqual({
      windowDays: 60,
      debits: 8,
      unauthorized: { count: 0, rate: 0, threshold: 0.005, level: 'ok' },
      administrative: { count: 0, rate: 0, threshold: 0.03, level: 'ok' },
      overall: { count: 1, rate: 0.125, threshold: 0.15, level: 'warning' },
    });
    const panel = (await ctx.call(manager, { method: 'GET', url: '/api/ach-returns' })).json().returnRates;
    expect(panel.overall).toEqual({ rate: 0.125, threshold: 0.15, level: 'warning' });
  });

  it('passes a due date at the company’s midnight, not UTC’s: a Pacific company', async () => {
    const db = ctx.database.db;
    await db.updateTable('companies').set({ timezone: 'America/Los_Angeles' }).where('id', '=', maple).execute();
    const landlord: Principal = { userId: manager.userId, email: 'manager@maple.demo', firstName: 'Morgan', lastName: 'Ellis', role: 'landlord', company: { id: maple, name: 'Maple', slug: 'maple' }, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 's', csrfToken: 'c' };
    const at = (instant: string) => {
      const now = () => new Date(instant);
      const rentPeriods = createRentPeriodsService({ db, repository: createRentPeriodsRepository(db), now });
      return createPaymentStatsService({ repository: createPaymentStatsRepository(db), rentPeriods, returns: createAchReturnsRepository(db), now }).stats(landlord, { from: '2026-12', to: '2026-12' });
    };
    try {
      // December's grace (Maple's 5 days) ends on the 6th. At 23:30 on the 6th in Los Angeles, UTC is on the 7th.
      const before = await at('2026-12-07T07:30:00Z');
      expect(before).toMatchObject({ today: '2026-12-06', timezone: 'America/Los_Angeles' });
      expect(before.overall).toEqual([{ month: '2026-12', ...counts(0, 0, 0, 0, 0, 3) }]);
      const after = await at('2026-12-07T08:30:00Z');
      expect(after.today).toBe('2026-12-07');
      expect(after.overall).toEqual([{ month: '2026-12', ...counts(0, 0, 0, 0, 3) }]);
    } finally {
      await db.updateTable('companies').set({ timezone: 'America/New_York' }).where('id', '=', maple).execute();
    }
  });

  it('answers a landlord their own company only; support names one', async () => {
    const own = await get(birch, '?from=2026-09&to=2026-11');
    expect(own.statusCode).toBe(200);
    expect(own.json().companyId).toBe(birch.companyId);
    expect(own.json().overall.every((month: { decided: number; noData: number }) => month.decided === 0 && month.noData === 0)).toBe(true);
    for (const id of [maple, ...properties, ...payers.map((payer) => payer.resident.id)]) expect(own.body).not.toContain(id);
    const other = await get(birch, `?from=2026-09&to=2026-11&companyId=${maple}`);
    expect(other.statusCode).toBe(404);
    const missing = await get(birch, '?from=2026-09&to=2026-11&companyId=00000000-0000-4000-8000-000000000000');
    expect(other.body).toBe(missing.body);
    expect((await get(manager, `?from=2026-09&to=2026-11&companyId=${maple}`)).statusCode).toBe(200);

    const bySupport = await get(support, `?from=2026-09&to=2026-11&companyId=${maple}`);
    expect(bySupport.statusCode).toBe(200);
    expect(bySupport.json().overall).toEqual((await get(manager, '?from=2026-09&to=2026-11')).json().overall);
    const unnamed = await get(support, '?from=2026-09&to=2026-11');
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error.details[0].path).toBe('companyId');
    expect((await get(support, '?from=2026-09&to=2026-11&companyId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get(null, '?from=2026-09&to=2026-11')).statusCode).toBe(401);
    expect((await get(resident, '?from=2026-09&to=2026-11')).statusCode).toBe(403);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const path = async (query: string) => {
      const response = await get(manager, query);
      expect(response.statusCode, `${query}: ${response.body}`).toBe(400);
      return response.json().error.details?.map((detail: { path: string }) => detail.path);
    };
    expect(await path('?to=2026-11')).toContain('from');
    expect(await path('?from=2026-09')).toContain('to');
    expect(await path('?from=2026-13&to=2027-01')).toContain('from');
    expect(await path('?from=2026-9&to=2026-11')).toContain('from');
    expect(await path('?from=2026-09&to=2026-11-01')).toContain('to');
    expect(await path('?from=2026-11&to=2026-09')).toEqual(['from']);
    expect(await path('?from=2025-01&to=2027-01')).toEqual(['to']);
    expect(await path('?from=2026-09&to=2026-11&companyId=maple')).toContain('companyId');
    expect(await path('?from=2026-09&to=2026-11&extra=1')).toBeDefined();
    // 24 months, both ends counted, is the most.
    const longest = await get(manager, '?from=2025-01&to=2026-12');
    expect(longest.statusCode).toBe(200);
    expect(longest.json().months).toHaveLength(24);
  });
});
