import { parseOrThrow } from '@rentledger/formats';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { insertVerifiedPayer, MAPLE_BANK } from '../../test/payment-fixtures.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import type { Principal } from '../auth/principal.ts';
import { addCalendarDays, isBankingDay, localDateIn } from './banking-calendar.domain.ts';

const PAYERS = 12;

/** A seeded pseudo-random sequence: the same month of activity on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A month of payments: a dozen payers pay on dates across the next 30 days, some cancel, the landlord voids
 * some, and a file is made every banking day. Then every cent is counted three ways (the payments, the files'
 * totals as stored, and the files as the bank reads them) and must agree.
 */
describe('money is conserved over a month of activity', () => {
  let ctx: TestContext;
  let manager: Session;

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    manager = await ctx.login('manager@maple.demo');
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK })).statusCode).toBe(200);
  });
  afterAll(() => ctx.close());

  it('finds no cent missing or doubled between payments, files and deposits', { timeout: 120_000 }, async () => {
    const db = ctx.database.db;
    const companyId = manager.companyId ?? '';
    const next = random(20261207);
    const payers: Awaited<ReturnType<typeof insertVerifiedPayer>>[] = [];
    for (let n = 1; n <= PAYERS; n++) payers.push(await insertVerifiedPayer(db, companyId, n));
    const principal = (payer: (typeof payers)[number]): Principal => ({ userId: payer.user.id, email: payer.user.email, firstName: payer.user.first_name, lastName: payer.user.last_name, role: 'resident', company: null, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 's', csrfToken: 'c' });
    const meta = { ip: '127.0.0.1', userAgent: 'test' };
    const today = localDateIn(new Date(), 'America/New_York');

    const made: string[] = [];
    for (let k = 0; k < 60; k++) {
      const payer = payers[Math.floor(next() * payers.length)] ?? payers[0];
      if (!payer) throw new Error('no payer');
      const date = addCalendarDays(today, 1 + Math.floor(next() * 30));
      const amountCents = 100 + Math.floor(next() * 250_000);
      const { payment } = await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents, date, authorizationAccepted: true }, `month-${k}`, meta);
      made.push(payment.id);
      // A retry of the same request is the same payment, never a second one.
      const again = await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents, date, authorizationAccepted: true }, `month-${k}`, meta);
      expect(again.payment.id).toBe(payment.id);
      const roll = next();
      if (roll < 0.1) await ctx.services.paymentsService.cancel(principal(payer), payment.id);
      else if (roll < 0.15) await ctx.call(manager, { method: 'POST', url: `/api/payments/${payment.id}/void` });
    }

    for (let day = 0; day <= 31; day++) {
      const fileDay = addCalendarDays(today, day);
      if (isBankingDay(fileDay)) await ctx.services.achFilesService.createFile(companyId, { fileDay, actorUserId: null });
    }

    const payments = await db.selectFrom('payments').select(['id', 'amount_cents', 'status', 'ach_file_id', 'trace_number']).where('company_id', '=', companyId).execute();
    expect(payments).toHaveLength(60);
    const inFiles = payments.filter((payment) => payment.ach_file_id !== null);
    const outOfFiles = payments.filter((payment) => payment.ach_file_id === null);
    // Every payment is in a file exactly when it was not cancelled or voided.
    expect(inFiles.every((payment) => payment.status === 'processing')).toBe(true);
    expect(outOfFiles.every((payment) => payment.status === 'cancelled' || payment.status === 'voided')).toBe(true);
    expect(outOfFiles.length).toBeGreaterThan(0);

    const files = await db.selectFrom('ach_files').select(['id', 'content', 'debit_total_cents', 'credit_total_cents', 'entry_count']).where('company_id', '=', companyId).execute();
    expect(files.length).toBeGreaterThan(5);
    const paidCents = inFiles.reduce((sum, payment) => sum + payment.amount_cents, 0);
    const traceOf = new Map(inFiles.map((payment) => [payment.trace_number, payment.amount_cents]));
    let bankDebits = 0;
    let bankCredits = 0;
    const seenTraces = new Set<string>();
    for (const file of files) {
      const parsed = parseOrThrow(file.content);
      expect(parsed.control.totalDebitAmount).toBe(Number(file.debit_total_cents));
      expect(parsed.control.totalCreditAmount).toBe(Number(file.credit_total_cents));
      for (const batch of parsed.batches) {
        for (const { entry } of batch.entries) {
          expect(seenTraces.has(entry.traceNumber)).toBe(false);
          seenTraces.add(entry.traceNumber);
          if (entry.transactionCode % 10 >= 6) bankDebits += entry.amount;
          else bankCredits += entry.amount;
          if (entry.transactionCode % 10 >= 6) expect(traceOf.get(entry.traceNumber)).toBe(entry.amount);
        }
      }
    }
    // The bank debits exactly what residents paid; balanced files credit the same to the settlement account.
    expect(bankDebits).toBe(paidCents);
    expect(bankCredits).toBe(paidCents);
    expect(seenTraces.size).toBe(inFiles.length * 1 + (await db.selectFrom('ach_entries').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow().then((row) => Number(row.n))));

    // The deposits the landlord sees: the files' debits, which are the payments'.
    const deposits = (await ctx.call(manager, { method: 'GET', url: '/api/ach-files' })).json().items as { debitTotalCents: number; depositCents: number; paymentCount: number }[];
    expect(deposits.reduce((sum, file) => sum + file.depositCents, 0)).toBe(paidCents);
    expect(deposits.reduce((sum, file) => sum + file.debitTotalCents, 0)).toBe(paidCents);
    expect(deposits.reduce((sum, file) => sum + file.paymentCount, 0)).toBe(inFiles.length);
    const listed = (await ctx.call(manager, { method: 'GET', url: '/api/payments?status=processing&pageSize=200' })).json();
    expect(listed).toMatchObject({ total: inFiles.length, totalCents: paidCents });
  });
});
