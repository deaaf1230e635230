import { parseOrThrow, validate } from '@rentledger/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { MAPLE_BANK } from '../../test/payment-fixtures.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

const ROUTING = '021000021';
const ACCOUNT = '987654321012';
const SETTLEMENT_ACCOUNT = MAPLE_BANK.settlementAccountNumber;


/** Signs up, proves the email and states a residency that Maple's books match: approved at once. */
async function approvedResident(ctx: TestContext, person: { firstName: string; lastName: string; email: string; phone: string }, unitLabel: string) {
  await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { ...person, password: 'resident-password-1' } });
  const session = await ctx.verifyEmail(person.email);
  const { results } = (await ctx.call(session, { method: 'GET', url: '/api/rentals/search?q=maple%20court' })).json();
  const unit = results[0].units.find((u: { label: string }) => u.label === unitLabel);
  const created = await ctx.call(session, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: results[0].property.id, unitId: unit.id, rentCents: 100000, leaseStart: '2025-08-01', leaseEnd: null } });
  expect(created.json().status, created.body).toBe('approved');
  return { session, residentId: created.json().id as string };
}

/** The two micro-entry credits to an account, as the resident's bank statement would show them: read from the file. */
function microCreditsIn(content: string, accountNumber: string): number[] {
  return parseOrThrow(content)
    .batches
    .filter((batch) => batch.header.companyEntryDescription.trim() === 'ACCTVERIFY')
    .flatMap((batch) => batch.entries)
    .filter((entry) => entry.entry.dfiAccountNumber.trim() === accountNumber && entry.entry.transactionCode === 22)
    .map((entry) => entry.entry.amount);
}

describe('ACH payments', () => {
  let ctx: TestContext;
  let manager: Session;
  let birch: Session;
  let iris: { session: Session; residentId: string };
  let accountId: string;
  const responses: string[] = [];

  const call = async (session: Session | null, options: Parameters<TestContext['call']>[1]) => {
    const response = await ctx.call(session, options);
    responses.push(response.body);
    return response;
  };

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    [manager, birch] = await Promise.all([ctx.login('manager@maple.demo'), ctx.login('owner@birch.demo')]);
    iris = await approvedResident(ctx, { firstName: 'Iris', lastName: 'Rossi', email: 'iris.rossi@example.com', phone: '614-555-0784' }, '101');
  });
  afterAll(() => ctx.close());

  it('tells a resident that the landlord has not set up payments yet', async () => {
    const options = await call(iris.session, { method: 'GET', url: `/api/me/payments/options?residentId=${iris.residentId}` });
    expect(options.json()).toMatchObject({ available: false, unavailableReason: expect.stringContaining('has not set up online payments') });
    const add = await call(iris.session, { method: 'POST', url: '/api/me/bank-accounts', payload: { holderName: 'Iris Rossi', routingNumber: ROUTING, accountNumber: ACCOUNT, accountType: 'checking' } });
    expect(add.statusCode).toBe(409);
    expect(add.json().error.code).toBe('payments_not_set_up');
  });

  it('checks the settings a landlord types, naming each field, and never answers with the settlement account', async () => {
    const bad = await call(manager, { method: 'PUT', url: '/api/payment-settings', payload: { ...MAPLE_BANK, immediateDestination: '011000016', companyIdentification: '123' } });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['companyIdentification']));
    const checkDigit = await call(manager, { method: 'PUT', url: '/api/payment-settings', payload: { ...MAPLE_BANK, immediateDestination: '011000016' } });
    expect(checkDigit.json().error.details[0]).toMatchObject({ path: 'immediateDestination', message: expect.stringMatching(/check digit/i) });
    const ok = await call(manager, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ configured: true, settlementAccountLast4: '1234', odfiIdentification: '01100001', timezone: 'America/New_York' });
    // A file holds account numbers by nature (the offset credits the settlement account): not an "answer" here.
    const test = await ctx.call(manager, { method: 'GET', url: '/api/payment-settings/test-file' });
    const sample = parseOrThrow(test.body);
    expect(validate(sample)).toEqual([]);
    expect(sample.header).toMatchObject({ immediateDestination: '011000015', immediateOrigin: '1234567890' });
    expect(sample.batches[0]?.header).toMatchObject({ companyName: 'MAPLE PROPERTY', companyIdentification: '1234567890', standardEntryClassCode: 'WEB' });
    expect((await call(birch, { method: 'GET', url: '/api/payment-settings/test-file' })).json().error.code).toBe('payments_not_set_up');
    // Birch has its own (empty) settings.
    expect((await call(birch, { method: 'GET', url: '/api/payment-settings' })).json().configured).toBe(false);
  });

  it('adds a bank account: the routing number is checked, only the last 4 come back, and it must be validated first', async () => {
    const typo = await call(iris.session, { method: 'POST', url: '/api/me/bank-accounts', payload: { holderName: 'Iris Rossi', routingNumber: '021000022', accountNumber: ACCOUNT, accountType: 'checking' } });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.details[0].path).toBe('routingNumber');
    const added = await call(iris.session, { method: 'POST', url: '/api/me/bank-accounts', payload: { holderName: 'Iris Rossi', routingNumber: ROUTING, accountNumber: ACCOUNT, accountType: 'checking' } });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ last4: '1012', status: 'validating', triesLeft: 3, microEntriesSentOn: null });
    accountId = added.json().id;
    const twice = await call(iris.session, { method: 'POST', url: '/api/me/bank-accounts', payload: { holderName: 'Iris Rossi', routingNumber: ROUTING, accountNumber: ACCOUNT, accountType: 'checking' } });
    expect(twice.json().error.code).toBe('bank_account_exists');
    const early = await call(iris.session, { method: 'POST', url: `/api/me/bank-accounts/${accountId}/verify`, payload: { amountsCents: [1, 2] } });
    expect(early.json().error.code).toBe('micro_entries_not_sent');
    const pay = await call(iris.session, { method: 'POST', url: '/api/me/payments', payload: { residentId: iris.residentId, bankAccountId: accountId, amountCents: 100000, authorizationAccepted: true } });
    expect(pay.statusCode).toBe(400);
    expect(pay.json().error.details[0].path).toBe('bankAccountId');
  });

  it("sends the micro-entries in the next file, and the resident confirms the amounts read from it", async () => {
    const made = await call(manager, { method: 'POST', url: '/api/ach-files' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ created: true, fileIdModifier: 'A', paymentCount: 0, depositCents: 0 });
    const download = await ctx.call(manager, { method: 'GET', url: `/api/ach-files/${made.json().id}/download` });
    expect(download.statusCode).toBe(200);
    expect(validate(parseOrThrow(download.body))).toEqual([]);
    const credits = microCreditsIn(download.body, ACCOUNT);
    expect(credits).toHaveLength(2);
    expect(credits.every((cents) => cents >= 1 && cents <= 99)).toBe(true);
    const wrong = await call(iris.session, { method: 'POST', url: `/api/me/bank-accounts/${accountId}/verify`, payload: { amountsCents: [credits[0] === 1 ? 2 : 1, 100 - 1] } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/2 tries left/);
    // The landlord sees the account's state (never its numbers); another landlord sees nothing.
    const seen = (await call(manager, { method: 'GET', url: `/api/payments/bank-accounts?residentId=${iris.residentId}` })).json().items;
    expect(seen).toEqual([expect.objectContaining({ last4: '1012', status: 'validating', triesLeft: 2 })]);
    expect((await call(birch, { method: 'GET', url: `/api/payments/bank-accounts?residentId=${iris.residentId}` })).json().items).toEqual([]);
    const right = await call(iris.session, { method: 'POST', url: `/api/me/bank-accounts/${accountId}/verify`, payload: { amountsCents: [credits[1], credits[0]] } });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json().status).toBe('verified');
    // Nothing new is due: no second file.
    const again = await call(manager, { method: 'POST', url: '/api/ach-files' });
    expect(again.json()).toEqual({ created: false });
  });

  it('locks an account after 3 wrong confirmations, and the landlord sees why', async () => {
    const added = await call(iris.session, { method: 'POST', url: '/api/me/bank-accounts', payload: { holderName: 'Iris Rossi', routingNumber: ROUTING, accountNumber: '55556666', accountType: 'savings' } });
    const id = added.json().id;
    await call(manager, { method: 'POST', url: '/api/ach-files' });
    const wrong = () => call(iris.session, { method: 'POST', url: `/api/me/bank-accounts/${id}/verify`, payload: { amountsCents: [99, 98] } });
    const sent = await ctx.database.db.selectFrom('bank_accounts').select(['micro_credit_1_cents', 'micro_credit_2_cents']).where('id', '=', id).executeTakeFirstOrThrow();
    // The seeded amounts could be 99 and 98 by chance: then this test has nothing to prove.
    expect([sent.micro_credit_1_cents, sent.micro_credit_2_cents].sort()).not.toEqual([98, 99]);
    expect((await wrong()).json().error.message).toMatch(/2 tries left/);
    expect((await wrong()).json().error.message).toMatch(/1 try left/);
    const third = await wrong();
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('bank_account_locked');
    // Even the right amounts do not open a locked account.
    const right = await call(iris.session, { method: 'POST', url: `/api/me/bank-accounts/${id}/verify`, payload: { amountsCents: [sent.micro_credit_1_cents, sent.micro_credit_2_cents] } });
    expect(right.json().error.code).toBe('bank_account_locked');
    const seen = (await call(manager, { method: 'GET', url: `/api/payments/bank-accounts?residentId=${iris.residentId}` })).json().items;
    expect(seen.find((account: { id: string }) => account.id === id)).toMatchObject({ status: 'locked', statusReason: 'Locked after 3 wrong tries confirming the two small deposits' });
    expect((await call(iris.session, { method: 'DELETE', url: `/api/me/bank-accounts/${id}` })).statusCode).toBe(200);
  });

  it('makes one payment for 20 concurrent requests with one Idempotency-Key', async () => {
    const payload = { residentId: iris.residentId, bankAccountId: accountId, amountCents: 100000, authorizationAccepted: true };
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(iris.session, { method: 'POST', url: '/api/me/payments', headers: { 'idempotency-key': 'rent-2026-12' }, payload })));
    const ids = new Set(answers.map((answer) => answer.json().id));
    expect(ids.size, answers.map((answer) => answer.body).join('\n')).toBe(1);
    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(19);
    const count = await ctx.database.db.selectFrom('payments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const authorizations = await ctx.database.db.selectFrom('payment_authorizations').select('text').execute();
    expect(authorizations).toHaveLength(1);
    expect(authorizations[0]?.text).toMatch(/ACH DEBIT AUTHORIZATION[\s\S]*ending 1012[\s\S]*\$1,000\.00/);
    const reused = await call(iris.session, { method: 'POST', url: '/api/me/payments', headers: { 'idempotency-key': 'rent-2026-12' }, payload: { ...payload, amountCents: 5000 } });
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  it('puts each payment in exactly one file when two files are made at once, and a voided one in none', async () => {
    const spare = await call(iris.session, { method: 'POST', url: '/api/me/payments', headers: { 'idempotency-key': 'spare' }, payload: { residentId: iris.residentId, bankAccountId: accountId, amountCents: 2500, authorizationAccepted: true } });
    const voided = await call(manager, { method: 'POST', url: `/api/payments/${spare.json().id}/void` });
    expect(voided.json().status).toBe('voided');
    const [first, second] = await Promise.all([call(manager, { method: 'POST', url: '/api/ach-files' }), call(manager, { method: 'POST', url: '/api/ach-files' })]);
    const made = [first, second].filter((answer) => answer.statusCode === 201);
    expect(made).toHaveLength(1);
    expect([first, second].map((answer) => answer.json().created).sort()).toEqual([false, true]);
    const file = made[0]?.json();
    expect(file).toMatchObject({ fileIdModifier: 'C', paymentCount: 1, depositCents: 100000, debitTotalCents: 100000, creditTotalCents: 100000 });
    const detail = (await call(manager, { method: 'GET', url: `/api/ach-files/${file.id}` })).json();
    expect(detail.entries.map((entry: { purpose: string }) => entry.purpose).sort()).toEqual(['offset', 'payment']);
    const { items } = (await call(iris.session, { method: 'GET', url: '/api/me/payments' })).json();
    const paid = items.find((payment: { amountCents: number }) => payment.amountCents === 100000);
    expect(paid).toMatchObject({ status: 'processing', cancellable: false, traceNumber: expect.stringMatching(/^01100001\d{7}$/) });
    const late = await call(manager, { method: 'POST', url: `/api/payments/${paid.id}/void` });
    expect(late.json().error.code).toBe('payment_in_file');
    const content = (await ctx.call(manager, { method: 'GET', url: `/api/ach-files/${file.id}/download` })).body;
    const parsed = parseOrThrow(content);
    expect(parsed.batches[0]?.header).toMatchObject({ standardEntryClassCode: 'WEB', serviceClassCode: 200 });
    expect(parsed.batches[0]?.entries[0]?.entry).toMatchObject({ transactionCode: 27, amount: 100000, discretionaryData: 'S', traceNumber: paid.traceNumber });
  });

  it('shows a landlord only their company’s payments and files', async () => {
    const maple = (await call(manager, { method: 'GET', url: '/api/payments' })).json();
    expect(maple.total).toBe(2);
    expect(maple.totalCents).toBe(102500);
    const processing = (await call(manager, { method: 'GET', url: '/api/payments?status=processing' })).json();
    expect(processing).toMatchObject({ total: 1, totalCents: 100000 });
    const { property_id: propertyId } = await ctx.database.db.selectFrom('residents').select('property_id').where('id', '=', iris.residentId).executeTakeFirstOrThrow();
    const other = await ctx.database.db.selectFrom('properties').select('id').where('company_id', '=', manager.companyId).where('id', '<>', propertyId).executeTakeFirstOrThrow();
    expect((await call(manager, { method: 'GET', url: `/api/payments?propertyId=${propertyId}` })).json().total).toBe(2);
    expect((await call(manager, { method: 'GET', url: `/api/payments?propertyId=${other.id}` })).json().total).toBe(0);
    expect((await call(manager, { method: 'GET', url: `/api/payments?residentId=${iris.residentId}&from=2000-01-01&to=2099-12-31&q=rossi` })).json().total).toBe(2);
    expect((await call(birch, { method: 'GET', url: '/api/payments' })).json()).toMatchObject({ total: 0, items: [] });
    expect((await call(birch, { method: 'GET', url: '/api/ach-files' })).json().items).toEqual([]);
    const mapleFile = (await call(manager, { method: 'GET', url: '/api/ach-files' })).json().items[0];
    expect((await call(birch, { method: 'GET', url: `/api/ach-files/${mapleFile.id}/download` })).statusCode).toBe(404);
    const paymentId = maple.items[0].id;
    expect((await call(birch, { method: 'POST', url: `/api/payments/${paymentId}/void` })).statusCode).toBe(404);
  });

  it('exports payments as CSV with formula-looking values neutralized', async () => {
    await ctx.database.db.updateTable('residents').set({ first_name: '=HYPERLINK("x")', accounting_resident_id: '+1-2' }).where('id', '=', iris.residentId).execute();
    const csv = await ctx.call(manager, { method: 'GET', url: '/api/payments/export.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('date,resident_id,name,unit,amount,reference,status');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).join('\n')).toContain(`"'+1-2","'=HYPERLINK(""x"") Rossi",101,1000.00,`);
    await ctx.database.db.updateTable('residents').set({ first_name: 'Iris', accounting_resident_id: null }).where('id', '=', iris.residentId).execute();
  });

  it('never shows an account or routing number in an answer, an email, an audit event or a notification', async () => {
    const secrets = [ACCOUNT, SETTLEMENT_ACCOUNT];
    const audit = await ctx.database.db.selectFrom('audit_events').select(['before', 'after']).execute();
    const emails = await ctx.database.db.selectFrom('email_outbox').select(['subject', 'text_body']).execute();
    const notifications = await ctx.database.db.selectFrom('notifications').selectAll().execute();
    const everything = [JSON.stringify(audit), JSON.stringify(emails), JSON.stringify(notifications), ...responses].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // The resident's routing number is no secret of the bank's, but it is the resident's: it stays out too.
    expect([JSON.stringify(audit), ...responses].join('\n')).not.toContain(ROUTING);
  });
});

