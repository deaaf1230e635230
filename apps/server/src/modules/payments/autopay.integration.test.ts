import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { MAPLE_BANK } from '../../test/payment-fixtures.ts';
import { silentLogger } from '../../jobs/job-definition.ts';
import { createMailer } from '../email/mailer.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import { createAutopayRepository } from './autopay.repository.ts';
import { createAutopayService } from './autopay.service.ts';
import { localDateIn } from './banking-calendar.domain.ts';
import { createPaymentsRepository } from './payments.repository.ts';

/** 10:00 in Columbus on Thursday 10 December 2026: the autopay run's clock in this test. */
let clock = new Date('2026-12-10T15:00:00Z');

describe('autopay', () => {
  let ctx: TestContext;
  let manager: Session;
  let iris: Session;
  let residentId: string;
  let accountId: string;
  let run: () => Promise<{ paid: number; skipped: number; reminded: number }>;

  const emailsTo = (to: string) => ctx.database.db.selectFrom('email_outbox').select(['subject', 'text_body']).where('to_address', '=', to).orderBy('created_at').execute();

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    manager = await ctx.login('manager@maple.demo');
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK })).statusCode).toBe(200);
    const person = { firstName: 'Iris', lastName: 'Rossi', email: 'iris.rossi@example.com', phone: '614-555-0784', password: 'resident-password-1' };
    await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: person });
    iris = await ctx.verifyEmail(person.email);
    const { results } = (await ctx.call(iris, { method: 'GET', url: '/api/rentals/search?q=maple%20court' })).json();
    const unit = results[0].units.find((u: { label: string }) => u.label === '101');
    residentId = (await ctx.call(iris, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: results[0].property.id, unitId: unit.id, rentCents: 100000, leaseStart: '2025-08-01', leaseEnd: null } })).json().id;
    accountId = (await ctx.call(iris, { method: 'POST', url: '/api/me/bank-accounts', payload: { holderName: 'Iris Rossi', routingNumber: '021000021', accountNumber: '11112222', accountType: 'savings' } })).json().id;
    await ctx.call(manager, { method: 'POST', url: '/api/ach-files' });
    const sent = await ctx.database.db.selectFrom('bank_accounts').select(['micro_credit_1_cents', 'micro_credit_2_cents']).where('id', '=', accountId).executeTakeFirstOrThrow();
    expect((await ctx.call(iris, { method: 'POST', url: `/api/me/bank-accounts/${accountId}/verify`, payload: { amountsCents: [sent.micro_credit_1_cents, sent.micro_credit_2_cents] } })).json().status).toBe('verified');
    // The run on a clock of the test's own; its emails go to the real outbox.
    const mailer = createMailer({ repository: ctx.services.emailRepository, jobs: null, smtpUrl: undefined });
    const autopay = createAutopayService({ db: ctx.database.db, repository: createAutopayRepository(ctx.database.db), payments: createPaymentsRepository(ctx.database.db), bankAccounts: ctx.services.bankAccountsService, mailer, logger: silentLogger, appUrl: 'http://test', now: () => clock });
    run = () => autopay.runDue();
  });
  afterAll(() => ctx.close());

  it('refuses a day past the 28th, a balance plan where the company shows no balance, and an unchecked authorization, naming the field', async () => {
    const put = (body: object) => ctx.call(iris, { method: 'PUT', url: `/api/me/autopay/${residentId}`, payload: { bankAccountId: accountId, kind: 'fixed', amountCents: 100000, dayOfMonth: 13, authorizationAccepted: true, ...body } });
    expect((await put({ dayOfMonth: 31 })).json().error.details[0].path).toBe('dayOfMonth');
    expect((await put({ authorizationAccepted: false })).json().error.details[0].path).toBe('authorizationAccepted');
    const { balance_cents: balance } = await ctx.database.db.selectFrom('residents').select('balance_cents').where('id', '=', residentId).executeTakeFirstOrThrow();
    await ctx.database.db.updateTable('residents').set({ balance_cents: null }).where('id', '=', residentId).execute();
    const noBalance = await put({ kind: 'balance', capCents: 150000 });
    expect(noBalance.statusCode).toBe(400);
    expect(noBalance.json().error.details[0].path).toBe('kind');
    await ctx.database.db.updateTable('residents').set({ balance_cents: balance }).where('id', '=', residentId).execute();
    expect((await ctx.call(iris, { method: 'GET', url: '/api/me/autopay' })).json().items).toEqual([]);
  });

  it('reminds 3 days before, pays once on the day (Payment Type R), and a second run that day does nothing', async () => {
    const set = await ctx.call(iris, { method: 'PUT', url: `/api/me/autopay/${residentId}`, payload: { bankAccountId: accountId, kind: 'fixed', amountCents: 100000, dayOfMonth: 13, authorizationAccepted: true } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ status: 'active', dayOfMonth: 13, kind: 'fixed', bankAccountLast4: '2222' });
    const authorization = await ctx.database.db.selectFrom('payment_authorizations').select(['text', 'kind']).where('kind', '=', 'autopay').orderBy('accepted_at', 'desc').executeTakeFirstOrThrow();
    expect(authorization.text).toMatch(/RECURRING[\s\S]*each month on day 13[\s\S]*\$1,000\.00/);

    expect(await run()).toEqual({ paid: 0, skipped: 0, reminded: 1 });
    expect((await emailsTo('iris.rossi@example.com')).map((email) => email.subject)).toContain('Autopay: $1,000.00 on 2026-12-13');
    expect(await run()).toEqual({ paid: 0, skipped: 0, reminded: 0 });

    clock = new Date('2026-12-13T15:00:00Z');
    expect(await run()).toEqual({ paid: 1, skipped: 0, reminded: 0 });
    expect(await run()).toEqual({ paid: 0, skipped: 0, reminded: 0 });
    const payments = await ctx.database.db.selectFrom('payments').select(['amount_cents', 'payment_type', 'scheduled_for', 'status']).where('autopay_plan_id', 'is not', null).execute();
    // The 13th is a Sunday: the payment goes in Monday's file.
    expect(payments).toEqual([{ amount_cents: 100000, payment_type: 'R', scheduled_for: '2026-12-14', status: 'scheduled' }]);
  });

  it('pauses and resumes; cancelling stops the payments not yet sent', async () => {
    expect((await ctx.call(iris, { method: 'POST', url: `/api/me/autopay/${residentId}/pause` })).json().status).toBe('paused');
    expect((await ctx.call(iris, { method: 'POST', url: `/api/me/autopay/${residentId}/resume` })).json().status).toBe('active');
    expect((await ctx.call(iris, { method: 'DELETE', url: `/api/me/autopay/${residentId}` })).statusCode).toBe(204);
    const payment = await ctx.database.db.selectFrom('payments').select(['status', 'status_reason']).where('autopay_plan_id', 'is not', null).executeTakeFirstOrThrow();
    expect(payment).toEqual({ status: 'cancelled', status_reason: 'Autopay was cancelled' });
    expect((await ctx.call(iris, { method: 'GET', url: '/api/me/autopay' })).json().items).toEqual([]);
  });

  it('skips a month when the balance is over the cap, and tells the resident and the landlord', async () => {
    await ctx.database.db.updateTable('residents').set({ balance_cents: 180000 }).where('id', '=', residentId).execute();
    const set = await ctx.call(iris, { method: 'PUT', url: `/api/me/autopay/${residentId}`, payload: { bankAccountId: accountId, kind: 'balance', capCents: 150000, dayOfMonth: 13, authorizationAccepted: true } });
    expect(set.statusCode, set.body).toBe(200);
    clock = new Date('2027-01-13T15:00:00Z');
    expect(await run()).toEqual({ paid: 0, skipped: 1, reminded: 0 });
    const resident = await emailsTo('iris.rossi@example.com');
    expect(resident.at(-1)).toMatchObject({ subject: 'Autopay skipped 2027-01', text_body: expect.stringContaining('over your autopay limit of $1,500.00') });
    const landlord = await emailsTo('manager@maple.demo');
    expect(landlord.map((email) => email.subject)).toContain('Autopay skipped for Iris Rossi (2027-01)');
  });

  it('stops when the lease has ended: "End lease" cancels the plan, and a finished resident is never debited', async () => {
    await ctx.database.db.updateTable('residents').set({ balance_cents: 100000 }).where('id', '=', residentId).execute();
    const endDate = localDateIn(new Date(), 'America/New_York');
    const ended = await ctx.call(manager, { method: 'POST', url: `/api/residents/${residentId}/end-lease`, payload: { endDate, reason: 'Moved out' } });
    expect(ended.statusCode, ended.body).toBe(200);
    const plan = await ctx.database.db.selectFrom('autopay_plans').select(['status']).where('resident_id', '=', residentId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(plan.status).toBe('cancelled');
    const audit = await ctx.database.db.selectFrom('audit_events').select('after').where('action', '=', 'autopay.cancelled').orderBy('occurred_at', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ reason: 'lease_ended' });
    clock = new Date('2027-02-13T15:00:00Z');
    expect(await run()).toEqual({ paid: 0, skipped: 0, reminded: 0 });
  });
});

