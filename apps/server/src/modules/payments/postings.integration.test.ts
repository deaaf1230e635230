import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_GL_ACCOUNT_ID, startFakeBuildium, type FakeBuildiumServer } from '../../integrations/accounting/buildium/buildium.fake-server.ts';
import { leasesByTenant } from '../../integrations/accounting/buildium/buildium.transform.ts';
import { startFakeYardiServer, type FakeYardiServer } from '../../integrations/accounting/yardi/yardi-soap.fake-server.ts';
import { insertVerifiedPayer, MAPLE_BANK } from '../../test/payment-fixtures.ts';
import { type Payer, postingOf, postingsOnClock, returned, settledPayment } from '../../test/posting-fixtures.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import { localDateIn } from './banking-calendar.domain.ts';
import { RETRY_DELAYS_MS } from './postings.domain.ts';

const MINUTE = 60_000;

async function mapleWithPayers(count: number) {
  const ctx = await createTestApp();
  await importDemoRentRoll(ctx.services);
  const [manager, birch, support] = await Promise.all([ctx.login('manager@maple.demo'), ctx.login('owner@birch.demo'), ctx.login('support@rentledger.demo')]);
  const companyId = manager.companyId ?? '';
  expect((await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK })).statusCode).toBe(200);
  const payers: Payer[] = [];
  for (let n = 1; n <= count; n++) payers.push(await insertVerifiedPayer(ctx.database.db, companyId, n));
  return { ctx, manager, birch, support, companyId, payers };
}

const accountingIdOf = async (ctx: TestContext, payer: Payer) => (await ctx.database.db.selectFrom('residents').select('accounting_resident_id').where('id', '=', payer.resident.id).executeTakeFirstOrThrow()).accounting_resident_id ?? '';
const setAccountingId = (ctx: TestContext, payer: Payer, id: string | null) => ctx.database.db.updateTable('residents').set({ accounting_resident_id: id }).where('id', '=', payer.resident.id).execute();

describe('posting to Buildium', () => {
  let ctx: TestContext;
  let manager: Session;
  let birch: Session;
  let support: Session;
  let companyId: string;
  let payers: Payer[];
  let buildium: FakeBuildiumServer;
  const clock = { now: new Date() };
  let postings: ReturnType<typeof postingsOnClock>;
  let run: () => ReturnType<ReturnType<typeof postingsOnClock>['postDue']>;
  const paymentPosts = () => buildium.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/payments'));

  beforeAll(async () => {
    ({ ctx, manager, birch, support, companyId, payers } = await mapleWithPayers(6));
    buildium = await startFakeBuildium();
    // Maple's residents carry Buildium tenant IDs; the fake's first tenants each have a lease.
    for (const [index, payer] of payers.entries()) await setAccountingId(ctx, payer, String(200_000 + index * 2));
    const put = await ctx.call(manager, { method: 'PUT', url: '/api/integration', payload: { provider: 'buildium', buildium: { baseUrl: buildium.url, clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, paymentGlAccountId: FAKE_GL_ACCOUNT_ID } } });
    expect(put.statusCode).toBe(200);
    expect(put.json().buildium).toMatchObject({ paymentGlAccountId: FAKE_GL_ACCOUNT_ID });
    postings = postingsOnClock(ctx.database.db, clock);
    run = () => {
      clock.now = new Date();
      return postings.postDue();
    };
  });
  afterAll(async () => {
    await buildium.close();
    await ctx.close();
  });

  it('posts a settled payment once, with its idempotency key as the reference, and a second run sends nothing', async () => {
    const payment = await settledPayment(ctx, companyId, payers[0] as Payer, 123_45, 'b-1');
    const posting = await postingOf(ctx.database.db, payment.id);
    expect(posting).toMatchObject({ status: 'pending', system: 'buildium', kind: 'payment', amount_cents: 123_45 });
    expect(await run()).toEqual({ posted: 1, failed: 0 });
    expect(buildium.payments).toHaveLength(1);
    expect(buildium.payments[0]?.body).toMatchObject({ ReferenceNumber: posting?.idempotency_key, Lines: [{ Amount: 123.45, GLAccountId: FAKE_GL_ACCOUNT_ID }], SendEmailReceipt: false });
    const after = await postingOf(ctx.database.db, payment.id);
    expect(after).toMatchObject({ status: 'posted', external_id: String(buildium.payments[0]?.id), attempts: 1, accounting_resident_id: '200000' });
    const requests = buildium.requests.length;
    expect(await run()).toEqual({ posted: 0, failed: 0 });
    expect(buildium.requests.length).toBe(requests);
  });

  it('sends each posting once when two runs go at the same time, from two servers (two connection pools)', async () => {
    for (const [index, payer] of payers.slice(1, 4).entries()) await settledPayment(ctx, companyId, payer, 50_00 + index, `b-c-${index}`);
    const secondServer = await ctx.database.reopen();
    try {
      const other = postingsOnClock(secondServer.db, clock, 1);
      clock.now = new Date();
      // Each send takes a while, so the two runs overlap for real.
      buildium.fail({ delayMs: 150, method: 'POST', path: /\/payments$/, times: 3 });
      const before = paymentPosts().length;
      const [first, second] = await Promise.all([other.postDue(), postings.postDue()]);
      expect(first.posted + second.posted).toBe(3);
      expect(paymentPosts().length - before).toBe(3);
      const references = buildium.payments.map((payment) => payment.body.ReferenceNumber);
      expect(new Set(references).size).toBe(references.length);
    } finally {
      await secondServer.close();
    }
  });

  it('a posting whose run died after sending (its claim expired) is found on the lease, not posted twice', async () => {
    const payment = await settledPayment(ctx, companyId, payers[4] as Payer, 77_00, 'b-lost');
    await run();
    const first = await postingOf(ctx.database.db, payment.id);
    // As if the run had died after Buildium recorded the payment, before the outcome was written: the claim is left behind.
    await ctx.database.db
      .updateTable('accounting_postings')
      .set({ status: 'pending', next_attempt_at: new Date(Date.now() - MINUTE), external_id: null, claimed_by: randomUUID(), claim_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', first?.id ?? '')
      .execute();
    const count = paymentPosts().length;
    await run();
    // Buildium (as documented, and so the fake) does not dedupe a ReferenceNumber: only the lookup kept it from a second payment.
    expect(paymentPosts().length).toBe(count);
    expect(buildium.requests.some((request) => request.method === 'GET' && /^\/v1\/leases\/\d+\/transactions$/.test(request.path))).toBe(true);
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'posted', external_id: first?.external_id, claimed_by: null, may_be_recorded: false });
  });

  it('reverses a posted payment the bank returned, through reversepayments, once', async () => {
    const payment = await settledPayment(ctx, companyId, payers[0] as Payer, 222_00, 'b-ret');
    await run();
    const posted = await postingOf(ctx.database.db, payment.id);
    await returned(ctx, companyId, payment, 222_00, 'b-ret.ach');
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'pending', amount_cents: 222_00 });
    await run();
    expect(buildium.reversals).toHaveLength(1);
    expect(buildium.reversals[0]?.body).toEqual({ EntryDate: localDateIn(new Date(), 'America/New_York'), PaymentTransactionId: Number(posted?.external_id) });
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'posted', external_id: String(buildium.reversals[0]?.id) });
    // The same return file again changes nothing: no second reversal.
    await returned(ctx, companyId, payment, 222_00, 'b-ret-again.ach');
    await run();
    expect(buildium.reversals).toHaveLength(1);
  });

  it('never posts a payment returned before it was posted, and posts no reversal for it', async () => {
    const payment = await settledPayment(ctx, companyId, payers[1] as Payer, 333_00, 'b-early');
    await returned(ctx, companyId, payment, 333_00, 'b-early.ach');
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'cancelled', last_error: expect.stringContaining('before it was posted') });
    const count = buildium.requests.length;
    await run();
    expect(buildium.requests.length).toBe(count);
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toBeUndefined();
  });

  it('waits for a missing accounting ID, listed as such, and posts once the ID is set', async () => {
    const payer = payers[5] as Payer;
    await setAccountingId(ctx, payer, null);
    const payment = await settledPayment(ctx, companyId, payer, 44_00, 'b-noid');
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'waiting_for_id' });
    await run();
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'waiting_for_id' });
    const waiting = (await ctx.call(manager, { method: 'GET', url: '/api/postings?status=waiting_for_id' })).json();
    expect(waiting.items.map((item: { paymentId: string }) => item.paymentId)).toEqual([payment.id]);
    expect(waiting.counts.waiting_for_id).toBe(1);
    // The landlord sets it on the resident's page (the same as a sync bringing it).
    const edited = await ctx.call(manager, { method: 'PATCH', url: `/api/residents/${payer.resident.id}`, payload: { accountingResidentId: '200010' } });
    expect(edited.statusCode, edited.body).toBe(200);
    await run();
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'posted', accounting_resident_id: '200010' });
  });

  it('retries a failure with backoff, fails after the last try, counts it in tasks, and Retry posts it', async () => {
    buildium.fail({ status: 500, method: 'POST', path: /\/payments$/ });
    const payment = await settledPayment(ctx, companyId, payers[2] as Payer, 99_00, 'b-fail');
    const start = new Date();
    clock.now = start;
    await postings.postDue();
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Buildium answered HTTP 500: Fake failure 500' });
    expect((await postingOf(ctx.database.db, payment.id))?.next_attempt_at?.getTime()).toBe(start.getTime() + MINUTE);
    // Before the wait is over nothing is sent.
    clock.now = new Date(start.getTime() + 30_000);
    const before = paymentPosts().length;
    await postings.postDue();
    expect(paymentPosts().length).toBe(before);
    let at = start.getTime();
    for (const [index, delay] of RETRY_DELAYS_MS.entries()) {
      at += delay;
      clock.now = new Date(at);
      await postings.postDue();
      expect((await postingOf(ctx.database.db, payment.id))?.attempts).toBe(index + 2);
    }
    expect(paymentPosts().length - before).toBe(5);
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'failed', attempts: 6, next_attempt_at: null });
    expect((await ctx.call(manager, { method: 'GET', url: '/api/tasks' })).json()).toMatchObject({ postingFailures: 1 });
    const failed = (await ctx.call(manager, { method: 'GET', url: '/api/postings?status=failed' })).json();
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ paymentId: payment.id, lastError: 'Buildium answered HTTP 500: Fake failure 500', attempts: 6 });

    // Tenancy: another company's landlord cannot retry it, nor see it; support sees it by naming the company.
    const postingId = failed.items[0].id as string;
    expect((await ctx.call(birch, { method: 'POST', url: `/api/postings/${postingId}/retry` })).statusCode).toBe(404);
    const birchList = await ctx.call(birch, { method: 'GET', url: '/api/postings' });
    expect(birchList.json()).toMatchObject({ items: [], system: null });
    expect(birchList.body).not.toContain(payment.id);
    expect((await ctx.call(birch, { method: 'GET', url: `/api/postings?companyId=${companyId}` })).statusCode).toBe(404);
    expect((await ctx.call(support, { method: 'GET', url: '/api/postings' })).json().error.details[0].path).toBe('companyId');
    expect((await ctx.call(support, { method: 'GET', url: `/api/postings?status=failed&companyId=${companyId}` })).json().items[0].id).toBe(postingId);
    expect((await ctx.call(manager, { method: 'GET', url: '/api/postings?status=sent' })).statusCode).toBe(400);

    buildium.clearFaults();
    const retried = await ctx.call(manager, { method: 'POST', url: `/api/postings/${postingId}/retry` });
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await ctx.call(manager, { method: 'POST', url: `/api/postings/${postingId}/retry` })).statusCode).toBe(409);
    const audit = await ctx.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'accounting_posting.retried').where('entity_id', '=', postingId).execute();
    expect(audit).toHaveLength(1);
    expect((await ctx.call(manager, { method: 'GET', url: '/api/tasks' })).json()).toMatchObject({ postingFailures: 0 });
    await run();
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'posted' });
  });

  it('pages the list with a cursor, newest first', async () => {
    const first = (await ctx.call(manager, { method: 'GET', url: '/api/postings?limit=3' })).json();
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBe(first.items[2].id);
    const rest = (await ctx.call(manager, { method: 'GET', url: `/api/postings?limit=200&cursor=${first.nextCursor}` })).json();
    const all = (await ctx.call(manager, { method: 'GET', url: '/api/postings?limit=200' })).json();
    expect([...first.items, ...rest.items].map((item: { id: string }) => item.id)).toEqual(all.items.map((item: { id: string }) => item.id));
    expect(rest.nextCursor).toBeNull();
    expect(all.system).toBe('buildium');
  });
});

describe('posting to Buildium: lost answers, returns during a send, reversals', () => {
  let ctx: TestContext;
  let manager: Session;
  let companyId: string;
  let payers: Payer[];
  let buildium: FakeBuildiumServer;
  const clock = { now: new Date() };
  let postings: ReturnType<typeof postingsOnClock>;
  let run: () => ReturnType<ReturnType<typeof postingsOnClock>['postDue']>;
  const paymentPosts = () => buildium.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/payments'));

  beforeAll(async () => {
    ({ ctx, manager, companyId, payers } = await mapleWithPayers(8));
    buildium = await startFakeBuildium();
    for (const [index, payer] of payers.entries()) await setAccountingId(ctx, payer, String(200_000 + index * 2));
    const put = await ctx.call(manager, { method: 'PUT', url: '/api/integration', payload: { provider: 'buildium', buildium: { baseUrl: buildium.url, clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, paymentGlAccountId: FAKE_GL_ACCOUNT_ID } } });
    expect(put.statusCode).toBe(200);
    postings = postingsOnClock(ctx.database.db, clock);
    run = () => {
      clock.now = new Date();
      return postings.postDue();
    };
  });
  afterAll(async () => {
    await buildium.close();
    await ctx.close();
  });

  /** As if Buildium had recorded the payment and its answer was lost (a timeout): the ledger has it, the row says "may be recorded". */
  async function unansweredSend(payer: Payer, amountCents: number, key: string) {
    const payment = await settledPayment(ctx, companyId, payer, amountCents, key);
    const posting = await postingOf(ctx.database.db, payment.id);
    const lease = leasesByTenant(buildium.data.leases).get(Number(posting?.accounting_resident_id ?? (await accountingIdOf(ctx, payer))));
    buildium.payments.push({ id: 900_000 + buildium.payments.length, leaseId: lease?.Id ?? 0, body: { Date: localDateIn(new Date(), 'America/New_York'), PaymentMethod: 'ElectronicPayment', SendEmailReceipt: false, Memo: 'RentLedger ACH payment', ReferenceNumber: posting?.idempotency_key, Lines: [{ Amount: amountCents / 100, GLAccountId: FAKE_GL_ACCOUNT_ID }] } });
    await ctx.database.db
      .updateTable('accounting_postings')
      .set({ attempts: 1, may_be_recorded: true, next_attempt_at: new Date(Date.now() + MINUTE), last_error: 'Buildium did not answer within 30 s', accounting_resident_id: await accountingIdOf(ctx, payer) })
      .where('id', '=', posting?.id ?? '')
      .execute();
    return { payment, recorded: buildium.payments.at(-1) };
  }
  const makeDue = (paymentId: string) => ctx.database.db.updateTable('accounting_postings').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('payment_id', '=', paymentId).where('status', '=', 'pending').execute();

  it('a return does not cancel a posting whose send went unanswered: the reversal waits for it, and follows it once it is found', async () => {
    const { payment, recorded } = await unansweredSend(payers[0] as Payer, 61_00, 'b-unans');
    await returned(ctx, companyId, payment, 61_00, 'b-unans.ach');
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'pending', may_be_recorded: true });
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'pending' });
    await makeDue(payment.id);
    const posts = paymentPosts().length;
    await run();
    await run();
    expect(paymentPosts().length).toBe(posts);
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'posted', external_id: String(recorded?.id) });
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'posted' });
    expect(buildium.reversals.filter((reversal) => reversal.paymentId === recorded?.id)).toHaveLength(1);
  });

  it('the reversal of a payment whose posting then fails for good is not needed: cancelled, nothing sent', async () => {
    const { payment } = await unansweredSend(payers[1] as Payer, 62_00, 'b-unans-f');
    await returned(ctx, companyId, payment, 62_00, 'b-unans-f.ach');
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'pending' });
    await ctx.database.db.updateTable('accounting_postings').set({ status: 'failed', next_attempt_at: null }).where('payment_id', '=', payment.id).where('kind', '=', 'payment').execute();
    const reversals = buildium.reversals.length;
    await run();
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'cancelled', last_error: expect.stringContaining('never posted') });
    expect(buildium.reversals.length).toBe(reversals);

    // The landlord retries the failed posting: it may reach the ledger now, so its reversal follows it again.
    const original = await postingOf(ctx.database.db, payment.id);
    expect((await ctx.call(manager, { method: 'POST', url: `/api/postings/${original?.id}/retry` })).statusCode).toBe(200);
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'pending' });
    await run();
    await run();
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'posted' });
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'posted' });
    expect(buildium.reversals.length).toBe(reversals + 1);
  });

  it('holds no row lock while it sends: a return file is read during a slow send, and the reversal follows the posting', async () => {
    const payment = await settledPayment(ctx, companyId, payers[2] as Payer, 63_00, 'b-slow');
    buildium.fail({ delayMs: 1500, method: 'POST', path: /\/payments$/, times: 1 });
    let done = false;
    const running = run().then((result) => {
      done = true;
      return result;
    });
    for (let tries = 0; tries < 100 && !(await postingOf(ctx.database.db, payment.id))?.claimed_by; tries++) await sleep(20);
    const started = Date.now();
    await returned(ctx, companyId, payment, 63_00, 'b-slow.ach');
    const tookMs = Date.now() - started;
    expect(done).toBe(false);
    expect(tookMs).toBeLessThan(1000);
    // The send is under way, so the posting may reach the ledger: it gets a reversal, not a cancellation.
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'pending' });
    await running;
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'posted', claimed_by: null });
    await run();
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'posted' });
  });

  it("reverses under the accounting ID the payment was posted under, not the resident's new one", async () => {
    const payer = payers[3] as Payer;
    const payment = await settledPayment(ctx, companyId, payer, 64_00, 'b-moved');
    await run();
    const posted = await postingOf(ctx.database.db, payment.id);
    const leaseOfPayment = buildium.payments.find((recorded) => String(recorded.id) === posted?.external_id)?.leaseId;
    // Now under another tenant of Buildium (with a lease of its own).
    await setAccountingId(ctx, payer, '200016');
    try {
      await returned(ctx, companyId, payment, 64_00, 'b-moved.ach');
      await run();
      expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'posted', accounting_resident_id: posted?.accounting_resident_id });
      expect(buildium.reversals.at(-1)).toMatchObject({ leaseId: leaseOfPayment, paymentId: Number(posted?.external_id) });
    } finally {
      await setAccountingId(ctx, payer, posted?.accounting_resident_id ?? null);
    }
  });

  it('fails a reversal at once when the posted payment has no Buildium transaction id, saying what to do', async () => {
    const payment = await settledPayment(ctx, companyId, payers[4] as Payer, 65_00, 'b-noid-rev');
    await run();
    await ctx.database.db.updateTable('accounting_postings').set({ external_id: null }).where('payment_id', '=', payment.id).where('kind', '=', 'payment').execute();
    await returned(ctx, companyId, payment, 65_00, 'b-noid-rev.ach');
    const reversals = buildium.reversals.length;
    expect(await run()).toMatchObject({ failed: 1 });
    const reversal = await postingOf(ctx.database.db, payment.id, 'reversal');
    expect(reversal).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(reversal?.last_error).toContain(`reverse the payment with reference ${(await postingOf(ctx.database.db, payment.id))?.idempotency_key} in Buildium yourself`);
    expect(buildium.reversals.length).toBe(reversals);
  });

  it("reads the company's Buildium leases once per run, however many batches", async () => {
    for (const [index, payer] of payers.slice(5, 8).entries()) await settledPayment(ctx, companyId, payer, 66_00 + index, `b-leases-${index}`);
    const smallBatches = postingsOnClock(ctx.database.db, clock, 1);
    clock.now = new Date();
    const before = buildium.requests.filter((request) => request.path === '/v1/leases').length;
    expect(await smallBatches.postDue()).toMatchObject({ posted: 3 });
    expect(buildium.requests.filter((request) => request.path === '/v1/leases').length - before).toBe(1);
  });

});

describe('posting to Yardi', () => {
  let ctx: TestContext;
  let manager: Session;
  let companyId: string;
  let payers: Payer[];
  let yardi: FakeYardiServer;
  const clock = { now: new Date() };
  let postings: ReturnType<typeof postingsOnClock>;
  let run: () => ReturnType<ReturnType<typeof postingsOnClock>['postDue']>;

  beforeAll(async () => {
    ({ ctx, manager, companyId, payers } = await mapleWithPayers(3));
    const codes = await ctx.database.db.selectFrom('properties').select('accounting_code').where('company_id', '=', companyId).execute();
    yardi = await startFakeYardiServer({ userName: 'rentledger_api', password: 'yardi-pass', answers: Object.fromEntries(codes.map((row) => [row.accounting_code ?? '', ''])) });
    const put = await ctx.call(manager, { method: 'PUT', url: '/api/integration', payload: { provider: 'yardi', yardi: { url: yardi.url, userName: 'rentledger_api', password: 'yardi-pass', serverName: 'srv', database: 'db', propertyIds: codes.map((row) => row.accounting_code ?? '') } } });
    expect(put.statusCode).toBe(200);
    postings = postingsOnClock(ctx.database.db, clock);
    run = () => {
      clock.now = new Date();
      return postings.postDue();
    };
  });
  afterAll(async () => {
    await yardi.close();
    await ctx.close();
  });

  it('imports a payment through ImportResidentTransactions_Login, its reversal after a return, and a repeated key once', async () => {
    const payer = payers[0] as Payer;
    const payment = await settledPayment(ctx, companyId, payer, 1_234_56, 'y-1');
    await run();
    const posting = await postingOf(ctx.database.db, payment.id);
    const resident = await ctx.database.db.selectFrom('residents').innerJoin('properties', 'properties.id', 'residents.property_id').select(['residents.accounting_resident_id', 'properties.accounting_code', 'residents.first_name', 'residents.last_name']).where('residents.id', '=', payer.resident.id).executeTakeFirstOrThrow();
    expect(yardi.requests.at(-1)?.soapAction).toBe('"http://tempuri.org/YSI.Interfaces.WebServices/ItfResidentTransactions20/ImportResidentTransactions_Login"');
    expect(yardi.requests.at(-1)?.parameters).toMatchObject({ UserName: 'rentledger_api', Password: 'yardi-pass', ServerName: 'srv', Database: 'db', InterfaceEntity: 'RentLedger' });
    expect(yardi.imports).toEqual([
      { type: 'Other', documentNumber: posting?.idempotency_key, originalDocumentNumber: null, customerId: resident.accounting_resident_id, propertyId: resident.accounting_code, amount: '1234.56', date: localDateIn(new Date(), 'America/New_York'), paidBy: `${resident.first_name} ${resident.last_name}`, comment: 'RentLedger ACH payment' },
    ]);
    expect(posting).toMatchObject({ status: 'posted', external_id: posting?.idempotency_key });

    // Sent again (a lost commit): Yardi knows the DocumentNumber and imports nothing more.
    await ctx.database.db.updateTable('accounting_postings').set({ status: 'pending', next_attempt_at: clock.now }).where('id', '=', posting?.id ?? '').execute();
    await run();
    expect(yardi.imports).toHaveLength(1);

    await returned(ctx, companyId, payment, 1_234_56, 'y-ret.ach');
    await run();
    expect(yardi.imports).toHaveLength(2);
    expect(yardi.imports[1]).toMatchObject({ type: 'Reversal', originalDocumentNumber: posting?.idempotency_key, amount: '1234.56', comment: expect.stringContaining('R03') });
    expect(await postingOf(ctx.database.db, payment.id, 'reversal')).toMatchObject({ status: 'posted' });
  });

  it('records a SOAP fault or a refused transaction as a failed attempt with its message, and tries again later', async () => {
    yardi.behaviour = 'fault';
    const payment = await settledPayment(ctx, companyId, payers[1] as Payer, 10_00, 'y-fault');
    await run();
    // A 500 may come after Yardi imported it: the posting may be in the ledger, so a return would reverse it, not cancel it.
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'pending', attempts: 1, may_be_recorded: true, last_error: expect.stringContaining('Yardi answered HTTP 500: Server was unable to process request') });
    yardi.behaviour = 'answer';
    await ctx.database.db.updateTable('residents').set({ property_id: null }).where('id', '=', (payers[2] as Payer).resident.id).execute();
    const orphan = await settledPayment(ctx, companyId, payers[2] as Payer, 11_00, 'y-orphan');
    clock.now = new Date(Date.now() + 2 * MINUTE);
    await postings.postDue();
    expect(await postingOf(ctx.database.db, payment.id)).toMatchObject({ status: 'posted', attempts: 2, may_be_recorded: false });
    expect(await postingOf(ctx.database.db, orphan.id)).toMatchObject({ status: 'pending', attempts: 1, may_be_recorded: false, last_error: 'The resident has no Yardi property code to post under' });
  });
});

describe('posting to a file company: the daily receipts file', () => {
  let ctx: TestContext;
  let manager: Session;
  let birch: Session;
  let support: Session;
  let companyId: string;
  let payers: Payer[];
  const clock = { now: new Date() };
  let postings: ReturnType<typeof postingsOnClock>;
  let run: () => ReturnType<ReturnType<typeof postingsOnClock>['postDue']>;

  beforeAll(async () => {
    ({ ctx, manager, birch, support, companyId, payers } = await mapleWithPayers(2));
    postings = postingsOnClock(ctx.database.db, clock);
    run = () => {
      clock.now = new Date();
      return postings.postDue();
    };
  });
  afterAll(() => ctx.close());

  it("lists the day's payments and reversals in its receipts CSV, for its own company only", async () => {
    const [first, second] = payers as [Payer, Payer];
    const paid = await settledPayment(ctx, companyId, first, 1_500_00, 'f-1');
    const other = await settledPayment(ctx, companyId, second, 20_00, 'f-2');
    expect(await postingOf(ctx.database.db, paid.id)).toMatchObject({ system: 'receipts_file', status: 'pending' });
    expect(await run()).toEqual({ posted: 2, failed: 0 });
    const day = localDateIn(clock.now, 'America/New_York');
    expect(await postingOf(ctx.database.db, paid.id)).toMatchObject({ status: 'posted', receipts_day: day });
    await returned(ctx, companyId, other, 20_00, 'f-ret.ach');
    await run();

    const days = (await ctx.call(manager, { method: 'GET', url: '/api/postings/receipt-days' })).json();
    // Today's file is still growing: marked in progress, and still downloadable.
    expect(days.items).toEqual([{ day, count: 3, netCents: 1_500_00, inProgress: true, deliveredAt: null, deliveryError: null }]);
    await ctx.database.db.updateTable('accounting_postings').set({ receipts_day: '2026-01-05' }).where('company_id', '=', companyId).where('payment_id', '=', paid.id).execute();
    expect((await ctx.call(manager, { method: 'GET', url: '/api/postings/receipt-days' })).json().items).toContainEqual({ day: '2026-01-05', count: 1, netCents: 1_500_00, inProgress: false, deliveredAt: null, deliveryError: null });
    await ctx.database.db.updateTable('accounting_postings').set({ receipts_day: day }).where('company_id', '=', companyId).where('payment_id', '=', paid.id).execute();
    const csv = await ctx.call(manager, { method: 'GET', url: `/api/postings/receipts?date=${day}` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="maple-receipts-${day}.csv"`);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('accounting_resident_id,name,property,unit,date,amount,kind,payment_id,reference');
    expect(lines).toHaveLength(4);
    const residents = await ctx.database.db.selectFrom('residents').select(['id', 'accounting_resident_id']).where('id', 'in', [first.resident.id, second.resident.id]).execute();
    const idOf = (payer: Payer) => residents.find((row) => row.id === payer.resident.id)?.accounting_resident_id ?? '';
    expect(lines.find((line) => line.includes(paid.id))).toMatch(new RegExp(`^${idOf(first)},.*,${day},1500\\.00,payment,${paid.id},P`));
    expect(lines.filter((line) => line.includes(other.id)).map((line) => line.split(',').slice(5, 7).join(','))).toEqual(['20.00,payment', '-20.00,reversal']);
    // No bank number: no long digit run outside the payment ids and references (hex, so they may hold one by chance).
    expect(csv.body.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[PR][0-9a-f]{29}\b/g, '')).not.toMatch(/\d{9,}/);

    // Another company gets its own (empty) file, never Maple's; support reads Maple's by naming it.
    const birchCsv = await ctx.call(birch, { method: 'GET', url: `/api/postings/receipts?date=${day}` });
    expect(birchCsv.body.trim().split('\r\n')).toHaveLength(1);
    expect((await ctx.call(birch, { method: 'GET', url: `/api/postings/receipts?date=${day}&companyId=${companyId}` })).statusCode).toBe(404);
    expect((await ctx.call(birch, { method: 'GET', url: '/api/postings/receipt-days' })).json()).toEqual({ items: [] });
    expect((await ctx.call(support, { method: 'GET', url: `/api/postings/receipts?date=${day}&companyId=${companyId}` })).body).toBe(csv.body);
    expect((await ctx.call(manager, { method: 'GET', url: '/api/postings/receipts?date=2026-13-01' })).json().error.details[0].path).toBe('date');
    const list = (await ctx.call(manager, { method: 'GET', url: '/api/postings' })).json();
    expect(list).toMatchObject({ system: 'receipts_file', counts: { posted: 3, pending: 0, failed: 0 } });
  });
});
