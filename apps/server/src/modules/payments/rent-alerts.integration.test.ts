import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { silentLogger } from '../../jobs/job-definition.ts';
import { insertVerifiedPayer, MAPLE_BANK } from '../../test/payment-fixtures.ts';
import { bankReturnFile } from '../../test/return-files.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import type { Principal } from '../auth/principal.ts';
import { createNotificationsRepository } from '../notifications/notifications.repository.ts';
import { REMINDER_LOOKAHEAD_MS } from './rent-alerts.domain.ts';
import { createRentAlertsRepository } from './rent-alerts.repository.ts';
import { createRentAlertsService } from './rent-alerts.service.ts';
import { createRentPeriodsRepository } from './rent-periods.repository.ts';
import { createRentPeriodsService } from './rent-periods.service.ts';

type Payer = Awaited<ReturnType<typeof insertVerifiedPayer>>;

function multipart(fileName: string, content: string) {
  const boundary = 'rentledger-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Rent alerts on PostgreSQL with a controlled clock: overdue alerts raised once (two runs at once), a Pacific
 * company's grace passing at its own midnight, returned payments, resolution by payment and by a mark paid
 * outside, reminders before the due date, the landlord's "Send reminder", the daily digest, and tenancy.
 */
describe('rent alerts: payments needing attention', () => {
  let ctx: TestContext;
  let manager: Session;
  let birch: Session;
  let companyId: string;
  let clock = new Date('2026-12-08T17:00:00Z');
  const payers: Payer[] = [];
  /** The residents' names as the landlord's books have them (what staff are told). */
  const names: string[] = [];
  const alertsService = () => {
    const db = ctx.database.db;
    const rentPeriods = createRentPeriodsService({ db, repository: createRentPeriodsRepository(db), now: () => clock });
    const rentPeriodsAhead = createRentPeriodsService({ db, repository: createRentPeriodsRepository(db), now: () => new Date(clock.getTime() + REMINDER_LOOKAHEAD_MS) });
    return createRentAlertsService({ db, repository: createRentAlertsRepository(db), rentPeriods, rentPeriodsAhead, mailer: ctx.services.mailer, notifications: createNotificationsRepository(db), logger: silentLogger, appUrl: 'http://rentledger.test', now: () => clock });
  };
  const alertsOf = (payer: Payer) => ctx.database.db.selectFrom('rent_alerts').selectAll().where('resident_id', '=', payer.resident.id).orderBy('month').orderBy('created_at').execute();
  const outbox = (keyLike: string) => ctx.database.db.selectFrom('email_outbox').selectAll().where('idempotency_key', 'like', keyLike).execute();
  const principal = (payer: Payer): Principal => ({ userId: payer.user.id, email: payer.user.email, firstName: payer.user.first_name, lastName: payer.user.last_name, role: 'resident', company: null, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 's', csrfToken: 'c' });

  async function settledPayment(payer: Payer, amountCents: number, effective: string) {
    const db = ctx.database.db;
    const authorization = await db.insertInto('payment_authorizations').values({ company_id: companyId, resident_id: payer.resident.id, user_id: payer.user.id, bank_account_id: payer.account.id, kind: 'one_time', text: 'test', accepted_at: new Date(), ip: '127.0.0.1', user_agent: 'test' }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('payments')
      .values({ company_id: companyId, resident_id: payer.resident.id, user_id: payer.user.id, bank_account_id: payer.account.id, authorization_id: authorization.id, amount_cents: amountCents, payment_type: 'S', status: 'settled', scheduled_for: effective, effective_date: effective, idempotency_key: null, created_at: new Date(), updated_at: new Date() })
      .execute();
  }

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    [manager, birch] = await Promise.all([ctx.login('manager@maple.demo'), ctx.login('owner@birch.demo')]);
    companyId = manager.companyId ?? '';
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK })).statusCode).toBe(200);
    for (let n = 1; n <= 5; n++) payers.push(await insertVerifiedPayer(ctx.database.db, companyId, n));
    const db = ctx.database.db;
    for (const payer of payers) {
      const row = await db.selectFrom('residents').select(['first_name', 'last_name']).where('id', '=', payer.resident.id).executeTakeFirstOrThrow();
      names.push(`${row.first_name} ${row.last_name}`);
    }
    // Every payer: a lease from November, $1,000 due on the 1st (payer 2, 4 and 5: the 10th), Maple's 5 days of grace.
    for (const [index, payer] of payers.entries()) {
      await db.updateTable('residents').set({ lease_start: '2026-11-01', lease_end: null, lease_ended_on: null, month_to_month: true, rent_cents: 100000, due_day: index === 0 || index === 2 ? 1 : 10, approved_at: new Date('2026-11-01T14:00:00Z') }).where('id', '=', payer.resident.id).execute();
    }
    // Only our payers are approved in Maple: the demo roll's other residents stay out of the counts.
    await db.updateTable('residents').set({ status: 'invited' }).where('company_id', '=', companyId).where('status', 'in', ['approved', 'current']).where('id', 'not in', payers.map((payer) => payer.resident.id)).execute();
    // Payer 2, 4 and 5 paid November and December on time.
    for (const payer of [payers[1], payers[3], payers[4]] as Payer[]) {
      await settledPayment(payer, 100000, '2026-11-09');
      await settledPayment(payer, 100000, '2026-12-09');
    }
  });
  afterAll(() => ctx.close());

  it('raises an overdue alert once per month, even from two runs at once; a second run sends nothing', async () => {
    clock = new Date('2026-12-08T17:00:00Z');
    const [first, second] = await Promise.all([alertsService().run({ companyId }), alertsService().run({ companyId })]);
    // November and December are past their grace (the 6th) unpaid, for payer 1 and payer 3.
    expect(first.created + second.created).toBe(4);
    const alerts = await alertsOf(payers[0] as Payer);
    expect(alerts.map((alert) => [alert.month, alert.kind, alert.due_cents, alert.received_cents, alert.shortfall_cents, alert.resolved_at])).toEqual([
      ['2026-11', 'overdue', 100000, 0, 100000, null],
      ['2026-12', 'overdue', 100000, 0, 100000, null],
    ]);
    expect(await alertsOf(payers[1] as Payer)).toEqual([]);
    // The staff were told in the app and by email (immediate is the default), the resident too, each once.
    const staffEmails = await outbox('rent-alert:%');
    expect(staffEmails).toHaveLength(4);
    expect(staffEmails.map((email) => email.to_address)).toEqual(Array(4).fill('manager@maple.demo'));
    const december = staffEmails.find((email) => email.subject.includes('December 2026') && email.subject.includes(names[0] ?? ''));
    expect(december?.text_body).toContain('Unpaid');
    expect(december?.text_body).toMatch(/\(.+, unit .+\): rent for December 2026 is past its grace period/);
    const residentEmails = await outbox('rent-late:%');
    expect(residentEmails.filter((email) => email.to_address === payers[0]?.user.email).map((email) => email.subject).sort()).toEqual(['Your rent for December 2026 is late', 'Your rent for November 2026 is late']);
    const notices = await ctx.database.db.selectFrom('notifications').select(['kind', 'title']).where('user_id', '=', manager.userId).where('kind', '=', 'rent_overdue').execute();
    expect(notices).toHaveLength(4);
    const before = (await ctx.database.db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(await alertsService().run({ companyId })).toEqual({ created: 0, resolved: 0 });
    expect((await ctx.database.db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(before);
    // Incomplete Tasks counts the open alerts.
    expect((await ctx.call(manager, { method: 'GET', url: '/api/tasks' })).json().paymentsNeedingAttention).toBe(4);
  });

  it('lists the alerts for the landlord, newest first with cursor paging; another company sees none of them', async () => {
    const page = await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts?status=open&limit=3' });
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json();
    expect(body.items).toHaveLength(3);
    expect(body.nextCursor).toBe(body.items[2].id);
    const rest = (await ctx.call(manager, { method: 'GET', url: `/api/payment-alerts?status=open&limit=3&cursor=${body.nextCursor}` })).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const ids = new Set([...body.items, ...rest.items].map((item: { id: string }) => item.id));
    expect(ids.size).toBe(4);
    expect(body.items[0]).toMatchObject({ kind: 'overdue', residentName: expect.toBeOneOf([names[0], names[2]]), dueCents: 100000, receivedCents: 0, shortfallCents: 100000, resolvedAt: null });
    expect(body.items[0].unitLabel).not.toBeNull();
    expect((await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts?status=resolved' })).json().items).toEqual([]);
    expect((await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts?status=late' })).json().error.details[0].path).toBe('status');
    expect((await ctx.call(birch, { method: 'GET', url: '/api/payment-alerts' })).json().items).toEqual([]);
    expect((await ctx.call(birch, { method: 'GET', url: '/api/tasks' })).json().paymentsNeedingAttention).toBe(0);
  });

  it('resolves an alert when the month is paid, and at once when it is marked paid outside', async () => {
    const payer = payers[0] as Payer;
    // A payment of $1,000 counts on the 9th: it pays November (the oldest month owing), late.
    await settledPayment(payer, 100000, '2026-12-09');
    clock = new Date('2026-12-09T17:00:00Z');
    expect((await alertsService().checkResidents([payer.resident.id])).resolved).toBe(1);
    const [november, december] = await alertsOf(payer);
    expect(november).toMatchObject({ month: '2026-11', resolution: 'paid' });
    expect(december).toMatchObject({ month: '2026-12', resolution: null });
    // Mark paid outside through the API: no job run in between.
    const marked = await ctx.call(manager, { method: 'POST', url: `/api/residents/${payer.resident.id}/paid-outside`, payload: { month: '2026-12', amountCents: 100000, paidOn: '2026-12-01', note: 'Cash' } });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await alertsOf(payer)).map((alert) => alert.resolution)).toEqual(['paid', 'paid_outside']);
    const resolved = (await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts?status=resolved' })).json().items;
    expect(resolved.map((item: { month: string; resolution: string }) => [item.month, item.resolution]).sort()).toEqual([['2026-11', 'paid'], ['2026-12', 'paid_outside']]);
  });

  it('raises a returned alert in the return’s transaction, with its code and reason', async () => {
    const payer = payers[2] as Payer;
    const meta = { ip: '127.0.0.1', userAgent: 'test' };
    const { payment } = await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents: 100000, authorizationAccepted: true }, 'alert-return', meta);
    await ctx.services.achFilesService.createFile(companyId, { actorUserId: null });
    const trace = (await ctx.database.db.selectFrom('payments').select(['trace_number', 'scheduled_for']).where('id', '=', payment.id).executeTakeFirstOrThrow());
    const upload = await ctx.call(manager, { method: 'POST', url: '/api/ach-returns', ...multipart('returns.ach', bankReturnFile([{ kind: 'return', code: 'R01', originalTrace: trace.trace_number ?? '', amountCents: 100000 }])) });
    expect(upload.statusCode, upload.body).toBe(200);
    const returned = (await alertsOf(payer)).filter((alert) => alert.kind === 'returned');
    // The month it was debited in, never after the company's current month (the real clock read the return).
    const current = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date()).slice(0, 7);
    expect(returned).toMatchObject([{ payment_id: payment.id, month: trace.scheduled_for.slice(0, 7) > current ? current : trace.scheduled_for.slice(0, 7), amount_cents: 100000, return_code: 'R01', return_reason: 'R01 insufficient funds', resolved_at: null }]);
    const listed = (await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts' })).json().items.find((item: { kind: string }) => item.kind === 'returned');
    expect(listed).toMatchObject({ residentId: payer.resident.id, returnCode: 'R01', returnReason: 'R01 insufficient funds', amountCents: 100000 });
  });

  it('reminds a resident before the due date once, not with a payment scheduled or autopay on', async () => {
    const db = ctx.database.db;
    // Payer 4: a payment scheduled for January. Payer 5: autopay. Payer 2: nothing, so reminded.
    const authorization = await db.insertInto('payment_authorizations').values({ company_id: companyId, resident_id: payers[3]?.resident.id ?? '', user_id: payers[3]?.user.id ?? '', bank_account_id: payers[3]?.account.id ?? '', kind: 'one_time', text: 'test', accepted_at: new Date(), ip: '127.0.0.1', user_agent: 'test' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('payments').values({ company_id: companyId, resident_id: payers[3]?.resident.id ?? '', user_id: payers[3]?.user.id ?? '', bank_account_id: payers[3]?.account.id ?? '', authorization_id: authorization.id, amount_cents: 100000, payment_type: 'S', scheduled_for: '2027-01-09', idempotency_key: null, created_at: new Date(), updated_at: new Date() }).execute();
    await db.insertInto('autopay_plans').values({ company_id: companyId, resident_id: payers[4]?.resident.id ?? '', user_id: payers[4]?.user.id ?? '', bank_account_id: payers[4]?.account.id ?? '', day_of_month: 9, kind: 'fixed', amount_cents: 100000, cap_cents: null, last_run_month: null, last_reminded_month: null, created_at: new Date(), updated_at: new Date() }).execute();
    // January 6th: the due date (the 10th) is 4 days away, too early.
    clock = new Date('2027-01-06T17:00:00Z');
    expect(await alertsService().runReminders({ companyId })).toBe(0);
    clock = new Date('2027-01-07T17:00:00Z');
    const [one, two] = await Promise.all([alertsService().runReminders({ companyId }), alertsService().runReminders({ companyId })]);
    expect(one + two).toBe(1);
    clock = new Date('2027-01-08T17:00:00Z');
    expect(await alertsService().runReminders({ companyId })).toBe(0);
    const reminders = await db.selectFrom('rent_reminders').select(['resident_id', 'month', 'kind']).where('kind', '=', 'before_due').where('month', '=', '2027-01').execute();
    expect(reminders).toEqual([{ resident_id: payers[1]?.resident.id, month: '2027-01', kind: 'before_due' }]);
    const emails = (await outbox('rent-reminder:%')).filter((email) => email.subject.includes('2027-01'));
    expect(emails.map((email) => [email.to_address, email.subject])).toEqual([[payers[1]?.user.email, 'Rent of $1,000.00 due 2027-01-10']]);
    expect(await db.selectFrom('notifications').select('title').where('user_id', '=', payers[1]?.user.id ?? '').where('kind', '=', 'rent_reminder').where('title', 'like', '%2027-01%').execute()).toHaveLength(1);
    // Rent due on the 1st is reminded in the last days of the month before: payer 1 for February, on January 29th
    // (payer 3's returned payment is presented again, so a payment is on its way).
    clock = new Date('2027-01-28T17:00:00Z');
    expect(await alertsService().runReminders({ companyId })).toBe(0);
    clock = new Date('2027-01-29T17:00:00Z');
    expect(await alertsService().runReminders({ companyId })).toBeGreaterThanOrEqual(1);
    const february = await db.selectFrom('rent_reminders').select(['resident_id', 'sent_on']).where('kind', '=', 'before_due').where('month', '=', '2027-02').execute();
    expect(february).toEqual([{ resident_id: payers[0]?.resident.id, sent_on: '2027-01-29' }]);
    expect((await outbox('rent-reminder:%')).some((email) => email.to_address === payers[0]?.user.email && email.subject === 'Rent of $1,000.00 due 2027-02-01')).toBe(true);
    clock = new Date('2026-12-08T17:00:00Z');
  });

  it('sends the landlord’s reminder once per resident per day, audited; another company gets 404', async () => {
    const payer = payers[2] as Payer;
    const send = (session: Session, payload: object, residentId = payer.resident.id) => ctx.call(session, { method: 'POST', url: `/api/residents/${residentId}/rent-reminders`, payload });
    expect((await send(birch, { month: '2026-11' })).statusCode).toBe(404);
    expect((await send(manager, { month: '2026-13' })).json().error.details[0].path).toBe('month');
    expect((await send(manager, { month: '2025-01' })).json().error.details[0].path).toBe('month');
    const sent = await send(manager, { month: '2026-11' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ residentId: payer.resident.id, month: '2026-11', sentTo: payer.user.email });
    const again = await send(manager, { month: '2026-12' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'reminder_already_sent', message: expect.stringMatching(/today at \d\d:\d\d/) });
    const email = await ctx.database.db.selectFrom('email_outbox').selectAll().where('to_address', '=', payer.user.email).where('subject', '=', 'Reminder: rent for November 2026').executeTakeFirstOrThrow();
    expect(email.text_body).toContain('Maple Property Management reminds you that $1,000.00 of your rent for November 2026 was due on 2026-11-01');
    const audit = await ctx.database.db.selectFrom('audit_events').select(['actor_user_id', 'after']).where('action', '=', 'rent.reminder_sent').execute();
    expect(audit).toEqual([{ actor_user_id: manager.userId, after: expect.objectContaining({ month: '2026-11', owedCents: 100000 }) }]);
    expect((await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts' })).json().items.find((item: { residentId: string }) => item.residentId === payer.resident.id).lastReminderAt).not.toBeNull();
    // Payer 2 owes nothing for November: nothing to remind of.
    expect((await send(manager, { month: '2026-11' }, payers[1]?.resident.id)).json().error.code).toBe('nothing_owed');
  });

  it('emails a staff user on the daily digest once a day at 08:00 company time, not at once', async () => {
    expect((await ctx.call(manager, { method: 'GET', url: '/api/me/alert-preferences' })).json()).toEqual({ paymentAlertEmail: 'immediate' });
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/me/alert-preferences', payload: { paymentAlertEmail: 'weekly' } })).json().error.details[0].path).toBe('paymentAlertEmail');
    const put = await ctx.call(manager, { method: 'PUT', url: '/api/me/alert-preferences', payload: { paymentAlertEmail: 'daily_digest' } });
    expect(put.json()).toEqual({ paymentAlertEmail: 'daily_digest' });
    expect((await ctx.call(manager, { method: 'GET', url: '/api/me/alert-preferences' })).json()).toEqual({ paymentAlertEmail: 'daily_digest' });
    // Payer 3's January passes its grace (the 6th): the alert is in the app at once, by email only in the digest.
    const staffBefore = (await outbox('rent-alert:%')).length;
    clock = new Date('2027-01-07T17:00:00Z');
    await alertsService().run({ companyId });
    const january = (await alertsOf(payers[2] as Payer)).find((alert) => alert.month === '2027-01' && alert.kind === 'overdue');
    expect(january).toBeDefined();
    expect((await outbox('rent-alert:%')).length).toBe(staffBefore);
    expect(await ctx.database.db.selectFrom('notifications').select('title').where('user_id', '=', manager.userId).where('title', 'like', '%January 2027%').execute()).not.toHaveLength(0);
    // 07:00 in New York: not yet. 08:30: the digest, once.
    clock = new Date('2027-01-08T12:00:00Z');
    expect(await alertsService().runDigests()).toBe(0);
    clock = new Date('2027-01-08T13:30:00Z');
    const [a, b] = await Promise.all([alertsService().runDigests(), alertsService().runDigests()]);
    expect(a + b).toBe(1);
    const digests = await outbox('alert-digest:%');
    expect(digests).toHaveLength(1);
    expect(digests[0]?.to_address).toBe('manager@maple.demo');
    expect(digests[0]?.text_body).toContain(names[2]);
    expect(digests[0]?.text_body).toContain('January 2027: Unpaid');
    clock = new Date('2027-01-08T20:00:00Z');
    expect(await alertsService().runDigests()).toBe(0);
    // The next day with nothing new: no email.
    clock = new Date('2027-01-09T13:30:00Z');
    expect(await alertsService().runDigests()).toBe(0);
    expect(await outbox('alert-digest:%')).toHaveLength(1);
    // A return's landlord email waits for the digest too; the app tells at once.
    const payer = payers[4] as Payer;
    const { payment } = await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents: 100000, authorizationAccepted: true }, 'digest-return', { ip: '127.0.0.1', userAgent: 'test' });
    await ctx.services.achFilesService.createFile(companyId, { actorUserId: null });
    const trace = (await ctx.database.db.selectFrom('payments').select('trace_number').where('id', '=', payment.id).executeTakeFirstOrThrow()).trace_number ?? '';
    const read = await ctx.call(manager, { method: 'POST', url: '/api/ach-returns', ...multipart('digest-returns.ach', bankReturnFile([{ kind: 'return', code: 'R01', originalTrace: trace, amountCents: 100000 }])) });
    expect(read.statusCode, read.body).toBe(200);
    expect(await outbox(`landlord:payment-returned:${payment.id}:%`)).toEqual([]);
    expect(await ctx.database.db.selectFrom('notifications').select('kind').where('user_id', '=', manager.userId).where('kind', '=', 'payment_returned').where('body', 'like', '%R01%').execute()).not.toHaveLength(0);
    expect(await outbox(`resident:payment-returned:${payment.id}`)).toHaveLength(1);
    // The return was read on the real clock; on this test's clock it came after the last digest (January 8th).
    await ctx.database.db.updateTable('rent_alerts').set({ created_at: new Date('2027-01-09T15:00:00Z') }).where('payment_id', '=', payment.id).execute();
    clock = new Date('2027-01-10T14:00:00Z');
    expect(await alertsService().runDigests()).toBe(1);
    const latest = (await outbox('alert-digest:%')).find((email) => email.text_body.includes('Returned: R01 insufficient funds'));
    expect(latest?.text_body).toContain(names[4]);
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/me/alert-preferences', payload: { paymentAlertEmail: 'immediate' } })).statusCode).toBe(200);
    clock = new Date('2026-12-08T17:00:00Z');
  });

  it('passes the grace at the company’s midnight, not UTC’s: a Pacific company', async () => {
    await ctx.database.db.updateTable('companies').set({ timezone: 'America/Los_Angeles' }).where('id', '=', companyId).execute();
    try {
      // Payer 2's January is due on the 10th with grace to the 15th. 07:30 UTC on the 16th is 23:30 on the 15th in Los Angeles.
      clock = new Date('2027-01-16T07:30:00Z');
      await alertsService().run({ companyId });
      expect((await alertsOf(payers[1] as Payer)).filter((alert) => alert.month === '2027-01')).toEqual([]);
      clock = new Date('2027-01-16T08:30:00Z');
      await alertsService().run({ companyId });
      expect((await alertsOf(payers[1] as Payer)).filter((alert) => alert.kind === 'overdue').map((alert) => [alert.month, alert.grace_ends_on])).toEqual([['2027-01', '2027-01-15']]);
    } finally {
      await ctx.database.db.updateTable('companies').set({ timezone: 'America/New_York' }).where('id', '=', companyId).execute();
      clock = new Date('2026-12-08T17:00:00Z');
    }
  });

  it('tells each resident of their own months only, and resolves the alerts of a lease that ended', async () => {
    const db = ctx.database.db;
    const titles = await db.selectFrom('notifications').select('title').where('user_id', '=', payers[1]?.user.id ?? '').execute();
    expect(titles.every((row) => !names.some((name, index) => index !== 1 && row.title.includes(name)))).toBe(true);
    expect(titles.map((row) => row.title)).toContain('Your rent for January 2027 is late');
    const residentSession = { cookie: '', csrfToken: '', userId: payers[1]?.user.id ?? '', companyId: null };
    expect((await ctx.call(residentSession, { method: 'GET', url: '/api/payment-alerts' })).statusCode).toBe(401);
    // The lease ending clears nothing: the landlord still has January to collect. Removed from the books, it goes.
    await db.updateTable('residents').set({ status: 'finished', lease_ended_on: '2027-01-20' }).where('id', '=', payers[1]?.resident.id ?? '').execute();
    await alertsService().run({ companyId });
    expect((await alertsOf(payers[1] as Payer)).map((alert) => alert.resolution)).toEqual([null]);
    expect((await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts' })).json().items.some((item: { residentId: string }) => item.residentId === payers[1]?.resident.id)).toBe(true);
    await db.updateTable('residents').set({ deleted_at: new Date() }).where('id', '=', payers[1]?.resident.id ?? '').execute();
    await alertsService().run({ companyId });
    expect((await alertsOf(payers[1] as Payer)).map((alert) => alert.resolution)).toEqual(['lease_ended']);
  });

  /** A payer of our own from November (rent $1,000 due on the 1st), approved when the lease began. */
  async function newPayer(n: number, approvedAt = new Date('2026-11-01T14:00:00Z')): Promise<Payer> {
    const db = ctx.database.db;
    const payer = await insertVerifiedPayer(db, companyId, n);
    await db.updateTable('residents').set({ lease_start: '2026-11-01', lease_end: null, lease_ended_on: null, month_to_month: true, rent_cents: 100000, due_day: 1, approved_at: approvedAt }).where('id', '=', payer.resident.id).execute();
    return payer;
  }

  /** A payment on its way (processing) in the day's file, then dated as a month end would have it. */
  async function processingPayment(payer: Payer, amountCents: number, scheduledFor: string, effective: string, key: string) {
    const db = ctx.database.db;
    const { payment } = await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents, authorizationAccepted: true }, key, { ip: '127.0.0.1', userAgent: 'test' });
    await ctx.services.achFilesService.createFile(companyId, { actorUserId: null });
    const row = await db.updateTable('payments').set({ scheduled_for: scheduledFor, effective_date: effective }).where('id', '=', payment.id).returning(['id', 'trace_number', 'status']).executeTakeFirstOrThrow();
    expect(row.status).toBe('processing');
    return { id: row.id, trace: row.trace_number ?? '' };
  }

  const returnOf = async (trace: string, name: string) => {
    const upload = await ctx.call(manager, { method: 'POST', url: '/api/ach-returns', ...multipart(name, bankReturnFile([{ kind: 'return', code: 'R02', originalTrace: trace, amountCents: 100000 }])) });
    expect(upload.statusCode, upload.body).toBe(200);
  };

  it('month end: a payment on November 28th for December, returned, stays open while December is unpaid (one item, not two), and clears when money arrives', async () => {
    const db = ctx.database.db;
    const payer = await newPayer(6);
    await settledPayment(payer, 100000, '2026-11-01');
    const { id: paymentId, trace } = await processingPayment(payer, 100000, '2026-11-28', '2026-11-30', 'month-end-1');
    await returnOf(trace, 'month-end-1.ach');
    const [raised] = await alertsOf(payer);
    expect(raised).toMatchObject({ kind: 'returned', payment_id: paymentId, resolved_at: null });
    // December 8th: November is paid (by November's payment), December is not: the alert stays, naming December,
    // and December raises no overdue alert of its own while it is open.
    clock = new Date('2026-12-08T17:00:00Z');
    await alertsService().checkResidents([payer.resident.id]);
    expect((await alertsOf(payer)).map((alert) => [alert.kind, alert.month, alert.amount_cents, alert.due_cents, alert.received_cents, alert.resolution])).toEqual([['returned', '2026-12', 100000, 100000, 0, null]]);
    expect(await outbox(`rent-late:%`).then((emails) => emails.filter((email) => email.to_address === payer.user.email))).toEqual([]);
    // Half of it arrives: still open. The rest: resolved, paid; and no overdue alert is left behind.
    await settledPayment(payer, 50000, '2026-12-09');
    clock = new Date('2026-12-09T17:00:00Z');
    await alertsService().checkResidents([payer.resident.id]);
    expect((await alertsOf(payer)).map((alert) => alert.resolution)).toEqual([null]);
    await settledPayment(payer, 50000, '2026-12-09');
    await alertsService().checkResidents([payer.resident.id]);
    expect((await alertsOf(payer)).map((alert) => [alert.kind, alert.resolution])).toEqual([['returned', 'paid']]);
    expect(await db.selectFrom('rent_alerts').select('id').where('resident_id', '=', payer.resident.id).where('resolved_at', 'is', null).execute()).toEqual([]);
    clock = new Date('2026-12-08T17:00:00Z');
  });

  it('month end: a debit scheduled in the next month (after the last banking day’s cut-off) is named in the current month, can be reminded of and is cleared by a mark; a mark for a month not begun is refused', async () => {
    const payer = await newPayer(7);
    await settledPayment(payer, 100000, '2026-11-01');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const current = today.slice(0, 7);
    const next = `${Number(current.slice(0, 4)) + (current.endsWith('-12') ? 1 : 0)}-${String((Number(current.slice(5, 7)) % 12) + 1).padStart(2, '0')}`;
    const { trace } = await processingPayment(payer, 100000, `${next}-01`, `${next}-01`, 'month-end-2');
    await returnOf(trace, 'month-end-2.ach');
    const [alert] = await alertsOf(payer);
    expect(alert).toMatchObject({ kind: 'returned', month: current, resolved_at: null });
    // The landlord's reminder for the alert's month is accepted (it was 400 for a month not analysed yet).
    const reminded = await ctx.call(manager, { method: 'POST', url: `/api/residents/${payer.resident.id}/rent-reminders`, payload: { month: alert?.month } });
    expect(reminded.statusCode, reminded.body).toBe(201);
    // Marking a month after the company's current one is refused, naming the month.
    const ahead = await ctx.call(manager, { method: 'POST', url: `/api/residents/${payer.resident.id}/paid-outside`, payload: { month: next, amountCents: 100000, paidOn: today } });
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().error.details[0].path).toBe('month');
    // A mark of the amount paid outside, entered after the return, clears it.
    const marked = await ctx.call(manager, { method: 'POST', url: `/api/residents/${payer.resident.id}/paid-outside`, payload: { month: current, amountCents: 100000, paidOn: today, note: 'Cheque' } });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await alertsOf(payer)).map((row) => [row.kind, row.resolution])).toEqual([['returned', 'paid_outside']]);
  });

  it('raises no overdue alert for the month a resident joined after its grace ended', async () => {
    // Approved on December 20th: December's rent was due on the 1st, its grace ended on the 6th.
    const payer = await newPayer(8, new Date('2026-12-20T15:00:00Z'));
    clock = new Date('2026-12-21T17:00:00Z');
    await alertsService().checkResidents([payer.resident.id]);
    expect(await alertsOf(payer)).toEqual([]);
    // January is theirs: past its grace unpaid, it raises one.
    clock = new Date('2027-01-07T17:00:00Z');
    await alertsService().checkResidents([payer.resident.id]);
    expect((await alertsOf(payer)).map((alert) => [alert.kind, alert.month])).toEqual([['overdue', '2027-01']]);
    clock = new Date('2026-12-08T17:00:00Z');
  });

  it('a mark paid outside is committed and answered once even when its alerts cannot be updated at once', async () => {
    const db = ctx.database.db;
    const payer = payers[2] as Payer;
    const errors: unknown[] = [];
    const service = createRentPeriodsService({
      db,
      repository: createRentPeriodsRepository(db),
      afterPaidOutside: async () => {
        throw new Error('the alerts are unreachable');
      },
      logger: { error: (...args: unknown[]) => errors.push(args) },
    });
    const landlord = { ...principal(payer), userId: manager.userId, role: 'landlord', company: { id: companyId } } as unknown as Principal;
    const before = await db.selectFrom('paid_outside_marks').select('id').where('resident_id', '=', payer.resident.id).execute();
    const answer = await service.markPaidOutside(landlord, payer.resident.id, { month: '2026-11', amountCents: 1000, paidOn: '2026-11-02' });
    expect(answer.items.length).toBeGreaterThan(0);
    expect((await db.selectFrom('paid_outside_marks').select('id').where('resident_id', '=', payer.resident.id).execute()).length).toBe(before.length + 1);
    expect(errors).toHaveLength(1);
  });

  it('pages the list only by a cursor of the company’s own: another company’s or an unknown one answers 400', async () => {
    const own = (await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts?status=resolved&limit=1' })).json();
    expect(own.nextCursor).not.toBeNull();
    expect((await ctx.call(manager, { method: 'GET', url: `/api/payment-alerts?status=resolved&limit=1&cursor=${own.nextCursor}` })).statusCode).toBe(200);
    const theirs = await ctx.call(birch, { method: 'GET', url: `/api/payment-alerts?status=resolved&cursor=${own.nextCursor}` });
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json().error.details[0].path).toBe('cursor');
    const unknown = await ctx.call(manager, { method: 'GET', url: '/api/payment-alerts?cursor=00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('cursor');
  });

  it('reminds residents before the due date only between 08:00 and 20:00 company time', async () => {
    const payer = await newPayer(9);
    const db = ctx.database.db;
    await settledPayment(payer, 200000, '2026-11-01');
    // December 30th: January (due on the 1st) is 2 days away. 00:30 in New York: not now; 10:30: reminded.
    clock = new Date('2026-12-30T05:30:00Z');
    await alertsService().runReminders({ companyId });
    const remindersOf = () => db.selectFrom('rent_reminders').select(['month', 'sent_on']).where('resident_id', '=', payer.resident.id).where('kind', '=', 'before_due').execute();
    expect(await remindersOf()).toEqual([]);
    clock = new Date('2026-12-31T01:30:00Z');
    await alertsService().runReminders({ companyId });
    expect(await remindersOf()).toEqual([]);
    clock = new Date('2026-12-30T15:30:00Z');
    await alertsService().runReminders({ companyId });
    expect(await remindersOf()).toEqual([{ month: '2027-01', sent_on: '2026-12-30' }]);
    clock = new Date('2026-12-08T17:00:00Z');
  });

  it('the digest has every alert once: one committed after a digest read, and more than 500, listing 50 and counting the rest', async () => {
    const db = ctx.database.db;
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/me/alert-preferences', payload: { paymentAlertEmail: 'daily_digest' } })).statusCode).toBe(200);
    const digestsBefore = (await outbox('alert-digest:%')).length;
    // Everything so far goes in the first digest (nothing is left behind by a time cut-off).
    clock = new Date('2027-02-01T14:00:00Z');
    await alertsService().runDigests();
    const had = async () => Number((await db.selectFrom('rent_alert_digest_items').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', manager.userId).executeTakeFirstOrThrow()).n);
    const first = await had();
    // An alert whose row commits after that digest read, stamped (by its batch's clock) before it: the next digest has it.
    const payer = payers[0] as Payer;
    const late = await db.insertInto('rent_alerts').values({ company_id: companyId, resident_id: payer.resident.id, month: '2026-06', kind: 'overdue', payment_id: null, amount_cents: 100000, due_cents: 100000, received_cents: 0, shortfall_cents: 100000, grace_ends_on: '2026-06-06', return_code: null, return_reason: null, created_at: new Date('2027-02-01T13:59:00Z'), resolved_at: new Date(), resolution: 'paid' }).returning('id').executeTakeFirstOrThrow();
    // And 520 more (overdue months of years gone by, as a big company's morning could have).
    const months = Array.from({ length: 520 }, (_, index) => `${1970 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
    await db.insertInto('rent_alerts').values(months.map((month) => ({ company_id: companyId, resident_id: payer.resident.id, month, kind: 'overdue' as const, payment_id: null, amount_cents: 100000, due_cents: 100000, received_cents: 0, shortfall_cents: 100000, grace_ends_on: `${month}-06`, return_code: null, return_reason: null, created_at: new Date('2027-02-01T20:00:00Z'), resolved_at: new Date(), resolution: 'paid' as const }))).execute();
    clock = new Date('2027-02-02T14:00:00Z');
    expect(await alertsService().runDigests()).toBe(1);
    expect(await had()).toBe(first + 521);
    const digest = (await outbox('alert-digest:%')).find((email) => email.idempotency_key.endsWith(':2027-02-02'));
    expect(digest?.subject).toBe('Payments needing attention: 521 new');
    expect(digest?.text_body).toContain('June 2026: Unpaid');
    expect(digest?.text_body).toContain('and 471 more');
    expect(digest?.text_body.split('\n').filter((line) => line.startsWith('- ')).length).toBe(51);
    expect(await db.selectFrom('rent_alert_digest_items').select('alert_id').where('alert_id', '=', late.id).execute()).toHaveLength(1);
    // The next day: nothing new, nothing sent.
    clock = new Date('2027-02-03T14:00:00Z');
    expect(await alertsService().runDigests()).toBe(0);
    expect((await outbox('alert-digest:%')).length).toBe(digestsBefore + (first > 0 ? 2 : 1));
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/me/alert-preferences', payload: { paymentAlertEmail: 'immediate' } })).statusCode).toBe(200);
    clock = new Date('2026-12-08T17:00:00Z');
  });
});
