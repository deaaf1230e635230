import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { insertVerifiedPayer } from '../../test/payment-fixtures.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import type { Principal } from '../auth/principal.ts';
import { createRentPeriodsRepository } from './rent-periods.repository.ts';
import { createRentPeriodsService } from './rent-periods.service.ts';

type Payer = Awaited<ReturnType<typeof insertVerifiedPayer>>;

describe('rent periods: sufficient and on time, month by month', () => {
  let ctx: TestContext;
  let manager: Session;
  let birch: Session;
  let payer: Payer;
  let clock = new Date('2026-12-08T17:00:00Z');
  const service = () => createRentPeriodsService({ db: ctx.database.db, repository: createRentPeriodsRepository(ctx.database.db), now: () => clock });
  const principal = (): Principal => ({ userId: payer.user.id, email: payer.user.email, firstName: payer.user.first_name, lastName: payer.user.last_name, role: 'resident', company: null, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 's', csrfToken: 'c' });

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    [manager, birch] = await Promise.all([ctx.login('manager@maple.demo'), ctx.login('owner@birch.demo')]);
    payer = await insertVerifiedPayer(ctx.database.db, manager.companyId ?? '', 1);
    const db = ctx.database.db;
    // A lease from August, rent $1,000 due on the 1st, Maple's 5 days of grace; joined the platform in September.
    await db.updateTable('residents').set({ lease_start: '2026-08-01', lease_end: null, month_to_month: true, rent_cents: 100000, due_day: 1, approved_at: new Date('2026-09-01T14:00:00Z') }).where('id', '=', payer.resident.id).execute();
    const authorization = await db.insertInto('payment_authorizations').values({ company_id: manager.companyId ?? '', resident_id: payer.resident.id, user_id: payer.user.id, bank_account_id: payer.account.id, kind: 'one_time', text: 'test', accepted_at: new Date(), ip: '127.0.0.1', user_agent: 'test' }).returning('id').executeTakeFirstOrThrow();
    const payment = (amount: number, status: 'settled' | 'processing' | 'returned', effective: string, extra: object = {}) => ({
      company_id: manager.companyId ?? '',
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
      created_at: new Date(),
      updated_at: new Date(),
      ...extra,
    });
    await db
      .insertInto('payments')
      .values([
        payment(100000, 'settled', '2026-09-02'),
        payment(100000, 'settled', '2026-10-09'),
        payment(100000, 'returned', '2026-11-02', { return_code: 'R01', returned_at: new Date('2026-11-05T15:00:00Z'), status_reason: 'Returned by the bank: R01 insufficient funds' }),
      ])
      .execute();
  });
  afterAll(() => ctx.close());

  it('marks each month: before joining no data, on time, late with days, a returned payment unpaid, and today past grace unpaid', async () => {
    const { items } = await service().forStaff({ ...principal(), role: 'landlord', company: { id: manager.companyId ?? '', name: 'Maple', slug: 'maple' } }, payer.resident.id);
    expect(items.map((period) => [period.month, period.status, period.daysLate, period.shortfallCents])).toEqual([
      ['2026-08', 'no_data', null, null],
      ['2026-09', 'on_time', null, null],
      ['2026-10', 'late', 8, null],
      ['2026-11', 'unpaid', null, 100000],
      ['2026-12', 'unpaid', null, 100000],
    ]);
  });

  it('counts rent the landlord marks paid outside, audited; refuses a future day and another company', async () => {
    const mark = (session: Session, payload: object) => ctx.call(session, { method: 'POST', url: `/api/residents/${payer.resident.id}/paid-outside`, payload });
    const future = await mark(manager, { month: '2026-11', amountCents: 100000, paidOn: '2099-01-01' });
    expect(future.json().error.details[0].path).toBe('paidOn');
    expect((await mark(birch, { month: '2026-11', amountCents: 100000, paidOn: '2026-11-03' })).statusCode).toBe(404);
    const marked = await mark(manager, { month: '2026-11', amountCents: 100000, paidOn: '2026-11-03', note: 'Paid by check' });
    expect(marked.statusCode, marked.body).toBe(200);
    const november = marked.json().items.find((period: { month: string }) => period.month === '2026-11');
    expect(november).toMatchObject({ status: 'paid_outside', paidOutsideCents: 100000 });
    const audit = await ctx.database.db.selectFrom('audit_events').select('after').where('action', '=', 'rent.paid_outside').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ month: '2026-11', amountCents: 100000, note: 'Paid by check' });
    // The landlord's view over the API, the other company's none, the resident's own.
    expect((await ctx.call(manager, { method: 'GET', url: `/api/residents/${payer.resident.id}/rent-periods` })).json().items.length).toBeGreaterThan(4);
    expect((await ctx.call(birch, { method: 'GET', url: `/api/residents/${payer.resident.id}/rent-periods` })).statusCode).toBe(404);
    expect((await service().forResident(principal(), payer.resident.id)).items.map((period) => period.status)).toContain('paid_outside');
    await expect(service().forResident({ ...principal(), userId: '00000000-0000-4000-8000-000000000000' }, payer.resident.id)).rejects.toMatchObject({ code: 'resident_not_found' });
  });

  it('passes a due date at the company’s midnight, not UTC’s: a Pacific company', async () => {
    await ctx.database.db.updateTable('companies').set({ timezone: 'America/Los_Angeles' }).where('id', '=', manager.companyId ?? '').execute();
    const landlord = { ...principal(), role: 'landlord' as const, company: { id: manager.companyId ?? '', name: 'Maple', slug: 'maple' } };
    // January's grace ends on the 6th. At 23:30 on the 6th in Los Angeles it is already the 7th in UTC.
    clock = new Date('2027-01-07T07:30:00Z');
    const open = (await service().forStaff(landlord, payer.resident.id)).items.find((period) => period.month === '2027-01');
    expect(open?.status).toBe('not_due');
    clock = new Date('2027-01-07T08:30:00Z');
    const passed = (await service().forStaff(landlord, payer.resident.id)).items.find((period) => period.month === '2027-01');
    expect(passed?.status).toBe('unpaid');
    await ctx.database.db.updateTable('companies').set({ timezone: 'America/New_York' }).where('id', '=', manager.companyId ?? '').execute();
  });
});
