import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { insertVerifiedPayer } from '../../test/payment-fixtures.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import type { Principal } from '../auth/principal.ts';
import { createRentPeriodsRepository, type RentPeriodsRepository } from './rent-periods.repository.ts';
import { type AnalyzedResident, createRentPeriodsService } from './rent-periods.service.ts';

/** The bulk path (`analyzeResidents`): many residents a batch at a time, the same answers as one at a time. */
describe('rent periods for many residents at once', () => {
  let ctx: TestContext;
  let manager: Session;
  let birchResidentId: string;
  const approvedMaple: string[] = [];
  const payerIds: string[] = [];
  const clock = new Date('2026-12-08T17:00:00Z');
  const calls = { residentsPage: 0, paymentsOf: 0, marksOf: 0, payments: 0, marks: 0 };

  /** The real repository, counting the calls the service makes. */
  function countingRepository(): RentPeriodsRepository {
    const repository = createRentPeriodsRepository(ctx.database.db);
    return {
      ...repository,
      residentsPage: (...args) => ((calls.residentsPage += 1), repository.residentsPage(...args)),
      paymentsOf: (...args) => ((calls.paymentsOf += 1), repository.paymentsOf(...args)),
      marksOf: (...args) => ((calls.marksOf += 1), repository.marksOf(...args)),
      payments: (...args) => ((calls.payments += 1), repository.payments(...args)),
      marks: (...args) => ((calls.marks += 1), repository.marks(...args)),
    };
  }
  const service = (batchSize = 2) => createRentPeriodsService({ db: ctx.database.db, repository: countingRepository(), now: () => clock, batchSize });
  async function collect(filter: Parameters<ReturnType<typeof service>['analyzeResidents']>[0], batchSize = 2) {
    const batches: AnalyzedResident[][] = [];
    await service(batchSize).analyzeResidents(filter, (batch) => {
      batches.push(batch);
    });
    return batches;
  }

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    manager = await ctx.login('manager@maple.demo');
    const db = ctx.database.db;
    const maple = manager.companyId ?? '';
    // Five approved Maple residents with payments of every kind, and a mark paid outside; the rest stay invited.
    for (let n = 1; n <= 5; n += 1) {
      const payer = await insertVerifiedPayer(db, maple, n);
      approvedMaple.push(payer.resident.id);
      payerIds[n] = payer.resident.id;
      await db.updateTable('residents').set({ lease_start: '2026-08-01', lease_end: null, month_to_month: true, rent_cents: 100000, due_day: 1, approved_at: new Date('2026-09-01T14:00:00Z'), status: n === 5 ? 'current' : 'approved' }).where('id', '=', payer.resident.id).execute();
      const authorization = await db.insertInto('payment_authorizations').values({ company_id: maple, resident_id: payer.resident.id, user_id: payer.user.id, bank_account_id: payer.account.id, kind: 'one_time', text: 'test', accepted_at: new Date(), ip: '127.0.0.1', user_agent: 'test' }).returning('id').executeTakeFirstOrThrow();
      const payment = (amount: number, status: 'settled' | 'processing' | 'returned' | 'scheduled', effective: string | null, extra: object = {}) => ({
        company_id: maple,
        resident_id: payer.resident.id,
        user_id: payer.user.id,
        bank_account_id: payer.account.id,
        authorization_id: authorization.id,
        amount_cents: amount,
        payment_type: 'S' as const,
        status,
        scheduled_for: effective ?? '2026-12-20',
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
          payment(100000 * n, 'settled', `2026-10-0${n + 1}`),
          payment(100000, 'returned', '2026-11-02', { return_code: 'R01', returned_at: new Date('2026-11-05T15:00:00Z') }),
          payment(50000, 'processing', '2026-12-03'),
          payment(100000, 'scheduled', null),
        ])
        .execute();
      if (n === 2) await db.insertInto('paid_outside_marks').values({ company_id: maple, resident_id: payer.resident.id, month: '2026-11', amount_cents: 100000, paid_on: '2026-11-03', note: null, created_by: null, created_at: new Date() }).execute();
    }
    // A finished one counts too; a declined and a deleted one do not.
    const invited = await db.selectFrom('residents').select('id').where('company_id', '=', maple).where('status', '=', 'invited').orderBy('id').limit(3).execute();
    await db.updateTable('residents').set({ status: 'finished', approved_at: new Date('2026-09-01T14:00:00Z') }).where('id', '=', invited[0]?.id ?? '').execute();
    approvedMaple.push(invited[0]?.id ?? '');
    await db.updateTable('residents').set({ status: 'declined' }).where('id', '=', invited[1]?.id ?? '').execute();
    await db.updateTable('residents').set({ status: 'approved', approved_at: new Date(), deleted_at: new Date() }).where('id', '=', invited[2]?.id ?? '').execute();
    approvedMaple.sort();
    // Another company's approved resident.
    const birch = await db.selectFrom('companies').select('id').where('slug', '=', 'birch').executeTakeFirstOrThrow();
    const property = await db.insertInto('properties').values({ company_id: birch.id, name: 'Birch Court', street: '1 Birch St', city: 'Austin', state: 'TX', postal_code: '78701', accounting_code: null, created_at: new Date(), updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const unit = await db.insertInto('units').values({ property_id: property.id, label: '1A', accounting_code: null, created_at: new Date(), updated_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    const resident = await db
      .insertInto('residents')
      .values({ company_id: birch.id, property_id: property.id, unit_id: unit.id, first_name: 'Bea', last_name: 'Birch', email: 'bea@example.com', status: 'approved', source: 'landlord_invite', rent_cents: 90000, lease_start: '2026-10-01', approved_at: new Date('2026-10-01T12:00:00Z'), created_at: new Date(), updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    birchResidentId = resident.id;
  });
  afterAll(() => ctx.close());

  it('visits every approved, current and finished resident of the company once, in id order, a batch at a time', async () => {
    Object.assign(calls, { residentsPage: 0, paymentsOf: 0, marksOf: 0, payments: 0, marks: 0 });
    const batches = await collect({ companyId: manager.companyId ?? '' });
    expect(batches.map((batch) => batch.length)).toEqual([2, 2, 2]);
    const all = batches.flat();
    expect(all.map((resident) => resident.residentId)).toEqual(approvedMaple);
    expect(all.every((resident) => resident.companyId === manager.companyId)).toBe(true);
    // Three queries a batch (and one more page read that finds nothing), none per resident.
    expect(calls).toEqual({ residentsPage: 4, paymentsOf: 3, marksOf: 3, payments: 0, marks: 0 });
    const first = all.find((resident) => resident.residentId === approvedMaple[0]);
    expect(first).toMatchObject({ timezone: 'America/New_York', today: '2026-12-08' });
    expect(typeof first?.unitId).toBe('string');
    expect(typeof first?.propertyId).toBe('string');
  });

  it('gives each resident the same months as the one-at-a-time read', async () => {
    const landlord: Principal = { userId: manager.userId, email: 'manager@maple.demo', firstName: 'Morgan', lastName: 'Ellis', role: 'landlord', company: { id: manager.companyId ?? '', name: 'Maple', slug: 'maple' }, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 's', csrfToken: 'c' };
    const all = (await collect({ companyId: manager.companyId ?? '' }, 1000)).flat();
    for (const resident of all) {
      const single = await service().forStaff(landlord, resident.residentId);
      expect(resident.periods.map((period) => ({ month: period.month, dueCents: period.dueCents, dueDate: period.dueDate, graceEndsOn: period.graceEndsOn, receivedCents: period.receivedCents, paidOutsideCents: period.paidOutsideCents, status: period.status, daysLate: period.daysLate, shortfallCents: period.shortfallCents }))).toEqual(single.items);
    }
    const months = (n: number) => all.find((resident) => resident.residentId === payerIds[n])?.periods.map((period) => period.status);
    // Payer 1: joined in September, October paid on the 2nd, November returned, so December's $500 (first in, first out) leaves it short and December unpaid.
    expect(months(1)).toEqual(['no_data', 'on_time', 'on_time', 'insufficient', 'unpaid']);
    // Payer 3: October's $3,000 on the 4th also pays November and December.
    expect(months(3)).toEqual(['no_data', 'on_time', 'on_time', 'on_time', 'on_time']);
  });

  it('reads only the given residents, and never another company’s with a company filter', async () => {
    const picked = [approvedMaple[3] ?? '', birchResidentId];
    const byIds = (await collect({ residentIds: picked })).flat();
    expect(byIds.map((resident) => resident.residentId).sort()).toEqual([...picked].sort());
    const birch = byIds.find((resident) => resident.residentId === birchResidentId);
    expect(birch).toMatchObject({ firstName: 'Bea', lastName: 'Birch', email: 'bea@example.com', timezone: 'America/Chicago', today: '2026-12-08', userId: null });
    expect(birch?.periods.map((period) => period.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    const mapleOnly = (await collect({ companyId: manager.companyId ?? '', residentIds: picked })).flat();
    expect(mapleOnly.map((resident) => resident.residentId)).toEqual([approvedMaple[3]]);
    expect(await collect({ residentIds: [] })).toEqual([]);
    // Every company's when unfiltered.
    const everyone = (await collect({}, 4)).flat();
    expect(everyone.map((resident) => resident.residentId)).toEqual([...approvedMaple, birchResidentId].sort());
  });

  it('dates a return on the company’s calendar: 9 pm in New York is still that day there, not tomorrow (UTC)', async () => {
    const db = ctx.database.db;
    const residentId = payerIds[4] ?? '';
    const returned = await db.selectFrom('payments').select('id').where('resident_id', '=', residentId).where('status', '=', 'returned').executeTakeFirstOrThrow();
    await db.updateTable('payments').set({ returned_at: new Date('2026-11-06T02:00:00Z') }).where('id', '=', returned.id).execute();
    const repository = createRentPeriodsRepository(db);
    expect((await repository.paymentsOf([residentId])).find((payment) => payment.status === 'returned')?.returnedOn).toBe('2026-11-05');
    expect((await repository.payments(residentId)).find((payment) => payment.status === 'returned')?.returned_on).toBe('2026-11-05');
  });

  it('stops at the error a visitor throws', async () => {
    await expect(service().analyzeResidents({ companyId: manager.companyId ?? '' }, () => Promise.reject(new Error('visitor failed')))).rejects.toThrow('visitor failed');
  });
});
