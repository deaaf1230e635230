import { parseOrThrow } from '@rentledger/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { silentLogger } from '../../jobs/job-definition.ts';
import { createEncryptor } from '../../lib/encryption.ts';
import { insertVerifiedPayer, MAPLE_BANK } from '../../test/payment-fixtures.ts';
import { type Payer, postingsOnClock, residentPrincipal } from '../../test/posting-fixtures.ts';
import { bankReturnFile } from '../../test/return-files.ts';
import { createTestApp, TEST_SECRET_KEY, type Session, type TestContext } from '../../test/test-app.ts';
import { createNotificationsRepository } from '../notifications/notifications.repository.ts';
import { createAchFilesRepository } from './ach-files.repository.ts';
import { createAchFilesService } from './ach-files.service.ts';
import { createAchReturnsRepository } from './ach-returns.repository.ts';
import { createAchReturnsService } from './ach-returns.service.ts';
import { addCalendarDays, isBankingDay, localDateIn } from './banking-calendar.domain.ts';
import { createPaymentsRepository } from './payments.repository.ts';
import { createPaymentsService } from './payments.service.ts';
import { createRentPeriodsRepository } from './rent-periods.repository.ts';
import { createRentPeriodsService } from './rent-periods.service.ts';

const PAYERS = 6;
const DAY = 24 * 60 * 60 * 1000;
const TZ = 'America/New_York';

/** A seeded pseudo-random sequence: the same year on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * A simulated year at Maple (a file company: its postings go to the daily receipts file), on a clock the test
 * moves a day at a time: each month every payer pays their rent, the day's NACHA file is made on every banking
 * day, payments settle on their effective date, the bank returns some (R01, presented again by the retry rule;
 * R03, not), some on the day they settle (before they were posted: never posted) and some days later (after:
 * reversed), one payer has no accounting ID for the first three months, and the posting job runs each banking
 * day. Then every cent is counted: payments, files, returns, postings, receipts files and rent periods agree.
 */
describe('money is conserved over a simulated year', () => {
  let ctx: TestContext;
  let manager: Session;
  let companyId: string;
  const payers: Payer[] = [];
  const clock = { now: new Date() };

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    manager = await ctx.login('manager@maple.demo');
    companyId = manager.companyId ?? '';
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: { ...MAPLE_BANK, cutoffTime: '23:59' } })).statusCode).toBe(200);
    for (let n = 1; n <= PAYERS; n++) payers.push(await insertVerifiedPayer(ctx.database.db, companyId, n));
  });
  afterAll(() => ctx.close());

  it('finds every cent accounted for across payments, returns, reversals, postings, receipts and rent periods', { timeout: 300_000 }, async () => {
    const db = ctx.database.db;
    const now = () => clock.now;
    const paymentsRepository = createPaymentsRepository(db);
    const postings = postingsOnClock(db, clock);
    const paymentsService = createPaymentsService({ db, repository: paymentsRepository, bankAccounts: ctx.services.bankAccountsService, mailer: ctx.services.mailer, appUrl: 'http://rentledger.test', now });
    const achFiles = createAchFilesService({ db, repository: createAchFilesRepository(db), payments: paymentsRepository, encryptor: createEncryptor(TEST_SECRET_KEY), delivery: null, logger: silentLogger, now, postings });
    const returns = createAchReturnsService({ db, repository: createAchReturnsRepository(db), payments: paymentsRepository, encryptor: createEncryptor(TEST_SECRET_KEY), mailer: ctx.services.mailer, notifications: createNotificationsRepository(db), delivery: null, logger: silentLogger, appUrl: 'http://rentledger.test', now, postings });
    const rentPeriods = createRentPeriodsService({ db, repository: createRentPeriodsRepository(db), now });

    // Leases: month to month from this month, rent due on the 1st; payer 0 has no accounting ID yet.
    const start = new Date(`${localDateIn(new Date(), TZ).slice(0, 7)}-01T15:00:00Z`);
    const rents = payers.map((_, index) => 95_000 + index * 12_345);
    for (const [index, payer] of payers.entries()) {
      await db.updateTable('residents').set({ lease_start: localDateIn(start, TZ), lease_end: null, month_to_month: true, rent_cents: rents[index] ?? 0, due_day: 1, approved_at: start }).where('id', '=', payer.resident.id).execute();
    }
    const idOfFirst = (await db.selectFrom('residents').select('accounting_resident_id').where('id', '=', payers[0]?.resident.id ?? '').executeTakeFirstOrThrow()).accounting_resident_id;
    await db.updateTable('residents').set({ accounting_resident_id: null }).where('id', '=', payers[0]?.resident.id ?? '').execute();

    const next = random(20270101);
    const paidMonths = new Set<string>();
    const scheduledReturns: { day: string; paymentId: string; code: string; sameDay: boolean }[] = [];
    const returnedIds = new Set<string>();
    let made = 0;
    const sameDayIds = new Set<string>();

    for (let d = 0; d < 380; d++) {
      clock.now = new Date(start.getTime() + d * DAY);
      const today = localDateIn(clock.now, TZ);
      const month = today.slice(0, 7);
      if (d === 95) await db.updateTable('residents').set({ accounting_resident_id: idOfFirst }).where('id', '=', payers[0]?.resident.id ?? '').execute();
      if (!isBankingDay(today)) continue;
      // Twelve months of rent, paid on the first banking days of each month.
      if (d < 365) {
        for (const [index, payer] of payers.entries()) {
          const key = `${index}:${month}`;
          if (paidMonths.has(key) || Number(today.slice(8)) > 10 || next() < 0.4) continue;
          paidMonths.add(key);
          await paymentsService.create(residentPrincipal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents: rents[index] ?? 0, authorizationAccepted: true }, `year-${key}`, { ip: '127.0.0.1', userAgent: 'test' });
          made += 1;
        }
      }
      const file = await achFiles.createFile(companyId, { actorUserId: null });
      if (file) {
        const inFile = await db.selectFrom('payments').select(['id', 'effective_date', 'retry_of']).where('ach_file_id', '=', file.id).execute();
        for (const payment of inFile) {
          const roll = next();
          if (payment.retry_of !== null || roll > 0.25 || !payment.effective_date) continue;
          // A quarter come back: some on the day they settle (before the posting job), some two days after.
          const sameDay = roll < 0.08;
          scheduledReturns.push({ day: sameDay ? payment.effective_date : addCalendarDays(payment.effective_date, 2), paymentId: payment.id, code: roll < 0.15 ? 'R01' : 'R03', sameDay });
        }
      }
      await achFiles.settleDue();
      const due = scheduledReturns.filter((entry) => entry.day <= today && !returnedIds.has(entry.paymentId));
      if (due.length > 0) {
        const rows = await db.selectFrom('payments').select(['id', 'trace_number', 'amount_cents', 'status']).where('id', 'in', due.map((entry) => entry.paymentId)).execute();
        const answers = due.flatMap((entry) => {
          const row = rows.find((candidate) => candidate.id === entry.paymentId);
          return row?.trace_number ? [{ kind: 'return' as const, code: entry.code, originalTrace: row.trace_number, amountCents: row.amount_cents }] : [];
        });
        for (const entry of due) {
          returnedIds.add(entry.paymentId);
          if (entry.sameDay) sameDayIds.add(entry.paymentId);
        }
        await returns.readReturnFile({ companyId, name: `returns-${today}.ach`, content: bankReturnFile(answers), source: 'cli', actorUserId: null });
        // An R03 disables the account until the resident enters it again: they do, the same day.
        await db.updateTable('bank_accounts').set({ status: 'verified', status_reason: null }).where('company_id', '=', companyId).where('status', '=', 'disabled').execute();
      }
      await postings.postDue();
    }

    // Nothing left in flight: every payment settled or came back, each once.
    const payments = await db.selectFrom('payments').select(['id', 'amount_cents', 'status', 'retry_of', 'resident_id', 'ach_file_id']).where('company_id', '=', companyId).execute();
    const retries = payments.filter((payment) => payment.retry_of !== null);
    expect(payments.length).toBe(made + retries.length);
    expect(retries.length).toBeGreaterThan(0);
    expect(new Set(payments.map((payment) => payment.status))).toEqual(new Set(['settled', 'returned']));
    const sum = (list: { amount_cents: number }[]) => list.reduce((total, item) => total + item.amount_cents, 0);
    const settled = payments.filter((payment) => payment.status === 'settled');
    const returnedPayments = payments.filter((payment) => payment.status === 'returned');
    const paidCents = sum(payments);
    const settledCents = sum(settled);
    const returnedCents = sum(returnedPayments);
    expect(paidCents).toBe(settledCents + returnedCents);
    expect(returnedPayments.length).toBe(returnedIds.size);
    expect(sameDayIds.size).toBeGreaterThan(0);
    expect(returnedIds.size - sameDayIds.size).toBeGreaterThan(0);

    // The bank's view: every payment debited once in the files; the returns it sent back are the returned ones.
    const files = await db.selectFrom('ach_files').select(['content']).where('company_id', '=', companyId).execute();
    let debits = 0;
    for (const file of files) for (const batch of parseOrThrow(file.content).batches) for (const { entry } of batch.entries) if (entry.transactionCode % 10 >= 6 && batch.header.companyEntryDescription !== 'ACCTVERIFY') debits += entry.amount;
    expect(debits).toBe(paidCents);
    const entries = await db.selectFrom('ach_return_entries').select(['amount_cents', 'outcome']).where('company_id', '=', companyId).execute();
    expect(entries.every((entry) => entry.outcome === 'applied')).toBe(true);
    expect(entries.reduce((total, entry) => total + Number(entry.amount_cents), 0)).toBe(returnedCents);

    // The accounting system's view: a settled payment posted once; a returned one either never posted or posted and reversed.
    const rows = await db.selectFrom('accounting_postings').selectAll().where('company_id', '=', companyId).execute();
    const of = (paymentId: string, kind: 'payment' | 'reversal') => rows.filter((row) => row.payment_id === paymentId && row.kind === kind);
    for (const payment of settled) {
      expect(of(payment.id, 'payment').map((row) => row.status)).toEqual(['posted']);
      expect(of(payment.id, 'reversal')).toEqual([]);
    }
    let cancelled = 0;
    let reversed = 0;
    for (const payment of returnedPayments) {
      const [posting] = of(payment.id, 'payment');
      // Returned on the day it settled: the posting job had not run, so it was never posted. Payer 0's waited for an ID.
      const waitedForId = payment.resident_id === payers[0]?.resident.id;
      if (sameDayIds.has(payment.id)) expect(posting?.status).toBe('cancelled');
      else if (!waitedForId) expect(posting?.status).toBe('posted');
      if (posting?.status === 'cancelled') {
        cancelled += 1;
        expect(of(payment.id, 'reversal')).toEqual([]);
      } else {
        reversed += 1;
        expect(posting?.status).toBe('posted');
        expect(of(payment.id, 'reversal').map((row) => [row.status, row.amount_cents])).toEqual([['posted', payment.amount_cents]]);
      }
    }
    expect(cancelled).toBeGreaterThanOrEqual(sameDayIds.size);
    expect(reversed).toBeGreaterThan(0);
    expect(cancelled + reversed).toBe(returnedPayments.length);
    const net = rows.filter((row) => row.status === 'posted').reduce((total, row) => total + (row.kind === 'reversal' ? -row.amount_cents : row.amount_cents), 0);
    expect(net).toBe(settledCents);
    // The payer without an accounting ID waited, and posted once it was set.
    const firstPostings = rows.filter((row) => row.resident_id === payers[0]?.resident.id && row.kind === 'payment');
    expect(firstPostings.length).toBeGreaterThan(2);
    expect(firstPostings.every((row) => row.status !== 'waiting_for_id' && (row.status === 'cancelled' || row.accounting_resident_id === idOfFirst))).toBe(true);

    // The landlord's receipts files, day by day, add up to the same.
    const days = (await ctx.call(manager, { method: 'GET', url: '/api/postings/receipt-days' })).json().items as { day: string; count: number; netCents: number }[];
    expect(days.reduce((total, day) => total + day.netCents, 0)).toBe(settledCents);
    let csvCents = 0;
    let csvLines = 0;
    for (const { day } of days) {
      const csv = (await ctx.call(manager, { method: 'GET', url: `/api/postings/receipts?date=${day}` })).body;
      for (const line of csv.trim().split('\r\n').slice(1)) {
        const amount = line.split(',')[5] ?? '0';
        csvCents += Math.round(Number(amount) * 100);
        csvLines += 1;
      }
    }
    expect(csvCents).toBe(settledCents);
    expect(csvLines).toBe(rows.filter((row) => row.status === 'posted').length);

    // The rent periods: what each resident's months received is what of theirs settled (returns count as never received).
    for (const payer of payers) {
      const { items } = await rentPeriods.forResident(residentPrincipal(payer), payer.resident.id);
      const received = items.reduce((total, period) => total + period.receivedCents, 0);
      expect(received).toBe(sum(settled.filter((payment) => payment.resident_id === payer.resident.id)));
      expect(items.length).toBeGreaterThanOrEqual(12);
    }
  });
});
