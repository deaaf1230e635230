import { parseOrThrow } from '@rentledger/formats';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { insertVerifiedPayer, MAPLE_BANK } from '../../test/payment-fixtures.ts';
import { type BankAnswer, bankReturnFile } from '../../test/return-files.ts';
import { createTestApp, type Session, TEST_SECRET_KEY, type TestContext } from '../../test/test-app.ts';
import type { Principal } from '../auth/principal.ts';
import { silentLogger } from '../../jobs/job-definition.ts';
import { createEncryptor } from '../../lib/encryption.ts';
import { createNotificationsRepository } from '../notifications/notifications.repository.ts';
import { createAchReturnsRepository } from './ach-returns.repository.ts';
import { createAchReturnsService, landlordMessage } from './ach-returns.service.ts';
import { addCalendarDays, localDateIn } from './banking-calendar.domain.ts';
import { createPaymentsRepository } from './payments.repository.ts';

function multipart(fileName: string, content: string) {
  const boundary = 'rentledger-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

type Payer = Awaited<ReturnType<typeof insertVerifiedPayer>>;

describe('returns and notifications of change', () => {
  let ctx: TestContext;
  let manager: Session;
  let birch: Session;
  let support: Session;
  let companyId: string;
  const payers: Payer[] = [];
  const traces: Record<number, string> = {};

  const principal = (payer: Payer): Principal => ({ userId: payer.user.id, email: payer.user.email, firstName: payer.user.first_name, lastName: payer.user.last_name, role: 'resident', company: null, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 's', csrfToken: 'c' });
  const upload = (content: string, name = 'returns.ach', session: Session = manager) => ctx.call(session, { method: 'POST', url: '/api/ach-returns', ...multipart(name, content) });
  const paymentOf = (id: string) => ctx.database.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const accountOf = (payer: Payer) => ctx.database.db.selectFrom('bank_accounts').select(['status', 'status_reason', 'last4', 'account_type']).where('id', '=', payer.account.id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    [manager, birch, support] = await Promise.all([ctx.login('manager@maple.demo'), ctx.login('owner@birch.demo'), ctx.login('support@rentledger.demo')]);
    companyId = manager.companyId ?? '';
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK })).statusCode).toBe(200);
    for (let n = 1; n <= 4; n++) payers.push(await insertVerifiedPayer(ctx.database.db, companyId, n));
    const meta = { ip: '127.0.0.1', userAgent: 'test' };
    const later = addCalendarDays(localDateIn(new Date(), 'America/New_York'), 20);
    for (const [index, payer] of payers.entries()) {
      const { payment } = await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents: 100000 + index, authorizationAccepted: true }, `now-${index}`, meta);
      // A second payment, later, on the same account: what a disabling return must cancel.
      await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents: 5000, date: later, authorizationAccepted: true }, `later-${index}`, meta);
      traces[index] = payment.id;
    }
    const file = await ctx.services.achFilesService.createFile(companyId, { actorUserId: null });
    expect(file?.paymentCount).toBe(4);
    for (const index of [0, 1, 2, 3]) traces[index] = (await paymentOf(traces[index] ?? '')).trace_number ?? '';
  });
  afterAll(() => ctx.close());

  const paymentByTrace = (trace: string) => ctx.database.db.selectFrom('payments').selectAll().where('trace_number', '=', trace).executeTakeFirstOrThrow();

  it('refuses a file it cannot read, naming the line, and changes nothing', async () => {
    const bad = await upload('101 not a nacha file\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'return_file_invalid', details: expect.arrayContaining([expect.objectContaining({ path: 'line 1', message: expect.stringContaining('ImmediateOrigin') })]) });
    expect(await ctx.database.db.selectFrom('ach_return_files').selectAll().execute()).toEqual([]);
  });

  it('applies a file of returns and a NOC: each code does what it should, and the people are told', async () => {
    const answers: BankAnswer[] = [
      { kind: 'return', code: 'R01', originalTrace: traces[0] ?? '', amountCents: 100000 },
      { kind: 'return', code: 'R03', originalTrace: traces[1] ?? '', amountCents: 100001 },
      { kind: 'return', code: 'R10', originalTrace: traces[2] ?? '', amountCents: 100002 },
      { kind: 'return', code: 'R01', originalTrace: '099999990000001', amountCents: 4200 },
      { kind: 'noc', code: 'C01', originalTrace: traces[3] ?? '', correctedData: '777788889999' },
    ];
    const read = await upload(bankReturnFile(answers));
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ alreadyRead: false, returns: 3, nocs: 1, unmatched: 1, duplicates: 0, retries: 1 });

    // R01: returned, the account still verified, presented again 3 banking days later.
    const insufficient = await paymentByTrace(traces[0] ?? '');
    expect(insufficient).toMatchObject({ status: 'returned', return_code: 'R01', status_reason: 'Returned by the bank: R01 insufficient funds' });
    expect((await accountOf(payers[0] as Payer)).status).toBe('verified');
    const retry = await ctx.database.db.selectFrom('payments').selectAll().where('retry_of', '=', insufficient.id).executeTakeFirstOrThrow();
    expect(retry).toMatchObject({ status: 'scheduled', amount_cents: 100000, payment_type: 'S' });
    // R03: the account is disabled and the later payment on it cancelled.
    expect(await accountOf(payers[1] as Payer)).toMatchObject({ status: 'disabled', status_reason: expect.stringContaining('R03 no account') });
    const cancelled = await ctx.database.db.selectFrom('payments').select(['status']).where('bank_account_id', '=', payers[1]?.account.id ?? '').where('amount_cents', '=', 5000).executeTakeFirstOrThrow();
    expect(cancelled.status).toBe('cancelled');
    // R10: blocked, a new authorization needed.
    expect(await accountOf(payers[2] as Payer)).toMatchObject({ status: 'blocked', status_reason: expect.stringContaining('new authorization') });
    // C01: the account number corrected, the last 4 follow.
    expect(await accountOf(payers[3] as Payer)).toMatchObject({ status: 'verified', last4: '9999' });

    const residentMail = await ctx.database.db.selectFrom('email_outbox').select(['to_address', 'subject', 'text_body']).where('to_address', '=', payers[0]?.user.email ?? '').where('subject', 'like', '%returned%').execute();
    expect(residentMail).toEqual([expect.objectContaining({ subject: 'Your payment of $1,000.00 was returned', text_body: expect.stringContaining('R01 insufficient funds') })]);
    // The landlord: one email and one notice for the file (three payments returned), not one per payment.
    const landlordMail = await ctx.database.db.selectFrom('email_outbox').select(['subject', 'text_body']).where('to_address', '=', 'manager@maple.demo').where('subject', 'like', '%returned%').execute();
    expect(landlordMail).toEqual([{ subject: '3 payments returned', text_body: expect.stringContaining('$1,000.00: R01 insufficient funds, presented again on') }]);
    expect(landlordMail[0]?.text_body).toContain('/app/payments');
    expect(landlordMail[0]?.text_body).not.toContain('more.');
    const landlordNotices = await ctx.database.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', manager.userId).where('kind', '=', 'payment_returned').execute();
    expect(landlordNotices).toEqual([{ title: '3 payments returned', link: '/app/payments' }]);
    const notices = await ctx.database.db.selectFrom('notifications').select(['title']).where('user_id', '=', payers[2]?.user.id ?? '').execute();
    expect(notices.map((notice) => notice.title)).toContain('Your payment of $1,000.02 was returned');
    expect((await accountOf(payers[3] as Payer)).last4).toBe('9999');

    // The unmatched entry is listed, for the landlord and for support; Birch sees none of it.
    const listed = (await ctx.call(manager, { method: 'GET', url: '/api/ach-returns' })).json();
    expect(listed.unmatched).toEqual([expect.objectContaining({ code: 'R01', originalTraceNumber: '099999990000001', amountCents: 4200 })]);
    expect(listed.returnRates.unauthorized.level).toBe('over');
    expect((await ctx.call(support, { method: 'GET', url: '/api/ach-returns' })).json().unmatched).toHaveLength(1);
    expect((await ctx.call(birch, { method: 'GET', url: '/api/ach-returns' })).json()).toMatchObject({ files: [], unmatched: [] });
  });

  it('changes nothing when the same file is read again, or the same entry comes in another file', async () => {
    const again = await upload(bankReturnFile([{ kind: 'return', code: 'R01', originalTrace: traces[0] ?? '', amountCents: 100000 }, { kind: 'return', code: 'R03', originalTrace: traces[1] ?? '', amountCents: 100001 }, { kind: 'return', code: 'R10', originalTrace: traces[2] ?? '', amountCents: 100002 }, { kind: 'return', code: 'R01', originalTrace: '099999990000001', amountCents: 4200 }, { kind: 'noc', code: 'C01', originalTrace: traces[3] ?? '', correctedData: '777788889999' }]));
    expect(again.json()).toMatchObject({ alreadyRead: true, returns: 3, nocs: 1, unmatched: 1 });
    const other = await upload(bankReturnFile([{ kind: 'return', code: 'R01', originalTrace: traces[0] ?? '', amountCents: 100000 }], { fileIdModifier: 'B' }), 'returns-2.ach');
    expect(other.json()).toMatchObject({ alreadyRead: false, returns: 0, duplicates: 1, retries: 0 });
    expect(await ctx.database.db.selectFrom('payments').select('id').where('retry_of', 'is not', null).execute()).toHaveLength(1);
  });

  it('presents an R01 again in a RETRY PYMT batch, at most twice, and not when the company turned retries off', async () => {
    const original = await paymentByTrace(traces[0] ?? '');
    const firstRetry = await ctx.database.db.selectFrom('payments').selectAll().where('retry_of', '=', original.id).executeTakeFirstOrThrow();
    const file = await ctx.services.achFilesService.createFile(companyId, { fileDay: firstRetry.scheduled_for, actorUserId: null });
    expect(file?.paymentCount).toBeGreaterThanOrEqual(1);
    const content = await ctx.database.db.selectFrom('ach_files').select('content').where('id', '=', file?.id ?? '').executeTakeFirstOrThrow();
    const retryBatch = parseOrThrow(content.content).batches.find((batch) => batch.header.companyEntryDescription.trim() === 'RETRY PYMT');
    const sent = await paymentOf(firstRetry.id);
    expect(retryBatch?.entries.map((entry) => entry.entry.traceNumber)).toContain(sent.trace_number);

    // The first retry comes back R01 too: a second retry. The second back again: no third.
    expect((await upload(bankReturnFile([{ kind: 'return', code: 'R01', originalTrace: sent.trace_number ?? '', amountCents: 100000 }], { fileIdModifier: 'C' }), 'r2.ach')).json()).toMatchObject({ returns: 1, retries: 1 });
    const second = await ctx.database.db.selectFrom('payments').selectAll().where('retry_of', '=', original.id).where('status', '=', 'scheduled').executeTakeFirstOrThrow();
    await ctx.services.achFilesService.createFile(companyId, { fileDay: second.scheduled_for, actorUserId: null });
    const secondSent = await paymentOf(second.id);
    expect((await upload(bankReturnFile([{ kind: 'return', code: 'R01', originalTrace: secondSent.trace_number ?? '', amountCents: 100000 }], { fileIdModifier: 'D' }), 'r3.ach')).json()).toMatchObject({ returns: 1, retries: 0 });
    expect(await ctx.database.db.selectFrom('payments').select('id').where('retry_of', '=', original.id).execute()).toHaveLength(2);

    // With retries off, an R09 is not presented again.
    await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: { ...MAPLE_BANK, retryReturns: false } });
    const fourth = await paymentByTrace(traces[3] ?? '');
    expect((await upload(bankReturnFile([{ kind: 'return', code: 'R09', originalTrace: fourth.trace_number ?? '', amountCents: 100003 }], { fileIdModifier: 'E' }), 'r4.ach')).json()).toMatchObject({ returns: 1, retries: 0 });
  });

  it('no debit reaches a disabled or blocked account', async () => {
    const refused = await ctx.services.paymentsService
      .create(principal(payers[2] as Payer), { residentId: payers[2]?.resident.id ?? '', bankAccountId: payers[2]?.account.id ?? '', amountCents: 1000, authorizationAccepted: true }, 'blocked', { ip: '127.0.0.1', userAgent: 'test' })
      .catch((error: { code?: string }) => error.code);
    expect(refused).toBe('account_blocked');
  });
});

describe('a return file in chunks', () => {
  let ctx: TestContext;
  let manager: Session;
  let companyId: string;
  // Two groups of five payers, each with a payment in the bank file and a later one on the same account.
  const groups: { payer: Payer; paymentId: string; trace: string }[][] = [[], []];

  const principal = (payer: Payer): Principal => ({ userId: payer.user.id, email: payer.user.email, firstName: payer.user.first_name, lastName: payer.user.last_name, role: 'resident', company: null, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 's', csrfToken: 'c' });
  const returnsIn = (chunkSize: number) => {
    const db = ctx.database.db;
    return createAchReturnsService({ db, repository: createAchReturnsRepository(db), payments: createPaymentsRepository(db), encryptor: createEncryptor(TEST_SECRET_KEY), mailer: ctx.services.mailer, notifications: createNotificationsRepository(db), delivery: null, logger: silentLogger, appUrl: 'http://rentledger.test', alerts: ctx.services.rentAlertsService, postings: ctx.services.postingsService, chunkSize });
  };

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    manager = await ctx.login('manager@maple.demo');
    companyId = manager.companyId ?? '';
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK })).statusCode).toBe(200);
    const meta = { ip: '127.0.0.1', userAgent: 'test' };
    const later = addCalendarDays(localDateIn(new Date(), 'America/New_York'), 20);
    for (const [g, group] of groups.entries()) {
      for (let index = 0; index < 5; index++) {
        const payer = await insertVerifiedPayer(ctx.database.db, companyId, 10 + g * 5 + index);
        const { payment } = await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents: 100000 + index, authorizationAccepted: true }, `now-${g}-${index}`, meta);
        await ctx.services.paymentsService.create(principal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents: 5000, date: later, authorizationAccepted: true }, `later-${g}-${index}`, meta);
        group.push({ payer, paymentId: payment.id, trace: '' });
      }
    }
    expect((await ctx.services.achFilesService.createFile(companyId, { actorUserId: null }))?.paymentCount).toBe(10);
    for (const group of groups) for (const member of group) member.trace = (await ctx.database.db.selectFrom('payments').select('trace_number').where('id', '=', member.paymentId).executeTakeFirstOrThrow()).trace_number ?? '';
  });
  afterAll(() => ctx.close());

  // Seven entries: five returns, one matching nothing, and the first payment's again (a duplicate, in another chunk of 3).
  const fileOf = (group: { trace: string }[], modifier: string) =>
    bankReturnFile(
      [
        { kind: 'return', code: 'R01', originalTrace: group[0]?.trace ?? '', amountCents: 100000 },
        { kind: 'return', code: 'R03', originalTrace: group[1]?.trace ?? '', amountCents: 100001 },
        { kind: 'return', code: 'R10', originalTrace: group[2]?.trace ?? '', amountCents: 100002 },
        { kind: 'return', code: 'R01', originalTrace: group[3]?.trace ?? '', amountCents: 100003 },
        { kind: 'return', code: 'R01', originalTrace: `09999999000000${modifier === 'A' ? 1 : 2}`, amountCents: 4200 },
        { kind: 'return', code: 'R01', originalTrace: group[0]?.trace ?? '', amountCents: 100000 },
        { kind: 'return', code: 'R09', originalTrace: group[4]?.trace ?? '', amountCents: 100004 },
      ],
      { fileIdModifier: modifier },
    );

  /** What a file did to a group, without its ids: per payer, in order. */
  async function effectsOn(group: { payer: Payer; paymentId: string }[]) {
    const db = ctx.database.db;
    return Promise.all(
      group.map(async ({ payer, paymentId }) => ({
        payment: await db.selectFrom('payments').select(['status', 'return_code', 'status_reason']).where('id', '=', paymentId).executeTakeFirstOrThrow(),
        account: await db.selectFrom('bank_accounts').select(['status', 'status_reason']).where('id', '=', payer.account.id).executeTakeFirstOrThrow(),
        others: await db.selectFrom('payments').select(['status', 'status_reason', 'amount_cents', 'scheduled_for', sql<boolean>`retry_of IS NOT NULL`.as('retry')]).where('user_id', '=', payer.user.id).where('id', '<>', paymentId).orderBy('amount_cents').execute(),
        alerts: await db.selectFrom('rent_alerts').select(['kind', 'month', 'amount_cents', 'return_code', 'return_reason']).where('payment_id', '=', paymentId).execute(),
        postings: await db.selectFrom('accounting_postings').select(['kind', 'status']).where('payment_id', '=', paymentId).orderBy('kind').execute(),
        audit: (await db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity_id', '=', paymentId).where('action', '=', 'payment.returned').execute()).map((event) => ({ ...event, after: { ...(event.after as object), retryOn: (event.after as { retryOn: string | null }).retryOn !== null } })),
        mail: (await db.selectFrom('email_outbox').select(['subject', 'text_body']).where('to_address', '=', payer.user.email).where('subject', 'like', '%returned%').execute()).map((email) => ({ subject: email.subject, text: email.text_body.replace(/ending \d{4}/, 'ending ####') })),
        notices: (await db.selectFrom('notifications').select('title').where('user_id', '=', payer.user.id).execute()).map((notice) => notice.title),
      })),
    );
  }

  it('gives the same results in chunks of 3 as one entry at a time, and tells the landlord once per file', async () => {
    const oneByOne = await returnsIn(1).readReturnFile({ companyId, name: 'one-by-one.ach', content: fileOf(groups[0] ?? [], 'A'), source: 'cli', actorUserId: null });
    const chunked = await returnsIn(3).readReturnFile({ companyId, name: 'chunked.ach', content: fileOf(groups[1] ?? [], 'B'), source: 'cli', actorUserId: null });
    expect(oneByOne).toMatchObject({ alreadyRead: false, returns: 5, unmatched: 1, duplicates: 1, retries: 3 });
    expect({ ...chunked, fileId: '' }).toEqual({ ...oneByOne, fileId: '' });
    const [first, second] = [await effectsOn(groups[0] ?? []), await effectsOn(groups[1] ?? [])];
    expect(second).toEqual(first);
    expect(first.map((effect) => effect.payment.status)).toEqual(['returned', 'returned', 'returned', 'returned', 'returned']);
    expect(first.map((effect) => effect.account.status)).toEqual(['verified', 'disabled', 'blocked', 'verified', 'verified']);
    expect(first[1]?.others).toEqual([expect.objectContaining({ status: 'cancelled', amount_cents: 5000 })]);
    expect(first[0]?.others).toEqual([expect.objectContaining({ status: 'scheduled', amount_cents: 5000, retry: false }), expect.objectContaining({ status: 'scheduled', amount_cents: 100000, retry: true })]);
    expect(first.every((effect) => effect.mail.length === 1 && effect.notices.length === 1 && effect.alerts.length === 1 && effect.audit.length === 1)).toBe(true);

    const entries = async (fileId: string) => (await ctx.database.db.selectFrom('ach_return_entries').select(['code', 'outcome', 'amount_cents']).where('return_file_id', '=', fileId).execute()).map((entry) => `${entry.code} ${entry.outcome} ${entry.amount_cents}`).sort();
    expect(await entries(chunked.fileId)).toEqual(await entries(oneByOne.fileId));
    expect((await entries(chunked.fileId)).filter((entry) => entry.includes('duplicate'))).toEqual(['R01 duplicate 100000']);

    // The landlord: per file, one notice and one email per staff user, listing the five.
    const landlordMail = await ctx.database.db.selectFrom('email_outbox').select(['subject', 'text_body']).where('to_address', '=', 'manager@maple.demo').where('subject', 'like', '%returned%').execute();
    expect(landlordMail.map((email) => email.subject)).toEqual(['5 payments returned', '5 payments returned']);
    for (const email of landlordMail) expect(email.text_body.match(/^- /gm)).toHaveLength(5);
    expect(await ctx.database.db.selectFrom('notifications').select('title').where('user_id', '=', manager.userId).where('kind', '=', 'payment_returned').execute()).toHaveLength(2);
    // The same file again changes nothing.
    expect(await returnsIn(3).readReturnFile({ companyId, name: 'chunked.ach', content: fileOf(groups[1] ?? [], 'B'), source: 'cli', actorUserId: null })).toMatchObject({ alreadyRead: true, fileId: chunked.fileId });
    expect(await effectsOn(groups[1] ?? [])).toEqual(second);
  });

  it('lists at most 20 returns in the landlord’s notice and counts the rest; one return keeps its own message', () => {
    const item = (n: number) => ({ payment: { id: `p${n}`, resident_id: `r${n}`, first_name: 'Pat', last_name: `Payer${n}`, amount_cents: 100000 + n }, words: 'R01 insufficient funds', status: null, retryOn: null });
    const many = landlordMessage('file-1', Array.from({ length: 23 }, (_, n) => item(n)));
    expect(many).toMatchObject({ subject: '23 payments returned', link: '/app/payments', key: 'return-file:file-1' });
    expect(many.text.match(/^- /gm)).toHaveLength(20);
    expect(many.text).toContain('- Pat Payer0, $1,000.00: R01 insufficient funds');
    expect(many.text).toMatch(/and 3 more\.$/);
    expect(landlordMessage('file-1', [item(1)])).toEqual({ subject: 'Payment returned: Pat Payer1, $1,000.01', text: "The bank returned Pat Payer1's payment of $1,000.01 (R01 insufficient funds).", link: '/app/residents/r1', key: 'payment-returned:p1' });
  });
});
