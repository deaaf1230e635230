import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SourceError, type AccountingRow, type FetchOptions, type PaymentPosting, type ProviderItem } from '../accounting-provider.ts';
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_GL_ACCOUNT_ID,
  generateBuildiumData,
  startFakeBuildium,
  type FakeBuildiumServer,
} from './buildium.fake-server.ts';
import { createBuildiumProvider, referenceOf, type BuildiumSettings } from './buildium.provider.ts';

const TENANTS = 2_500;
let server: FakeBuildiumServer;

beforeAll(async () => {
  server = await startFakeBuildium({ data: generateBuildiumData({ properties: 12, unitsPerProperty: 150, tenants: TENANTS }) });
});
afterAll(() => server.close());
beforeEach(() => {
  server.clearFaults();
  server.requests.length = 0;
  server.payments.length = 0;
});

const provider = (extra: Partial<BuildiumSettings> = {}) =>
  createBuildiumProvider({ baseUrl: server.url, clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, paymentGlAccountId: FAKE_GL_ACCOUNT_ID, ...extra });

async function readAll(settings: Partial<BuildiumSettings> = {}, options: FetchOptions = {}): Promise<ProviderItem[]> {
  const items: ProviderItem[] = [];
  for await (const item of provider(settings).readResidents(options)) items.push(item);
  return items;
}

const rowsOf = (items: ProviderItem[]): AccountingRow[] => items.flatMap((item) => (item.kind === 'row' ? [item.row] : []));
const tenantIdsOf = (leaseId: number): string[] => (server.data.leases.find((lease) => lease.Id === leaseId)?.Tenants ?? []).map((tenant) => String(tenant.Id));

describe('readResidents', () => {
  it('reads every page of every list and yields one row per tenant', async () => {
    const totals: number[] = [];
    const items = await readAll({}, { onTotal: (total) => totals.push(total) });
    const rows = rowsOf(items);
    expect(items.filter((item) => item.kind === 'error')).toEqual([]);
    expect(rows).toHaveLength(TENANTS);
    expect(totals).toEqual([TENANTS]);
    const tenantPages = server.requests.filter((request) => request.path === '/v1/leases/tenants');
    expect(tenantPages.map((request) => [request.offset, request.limit])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['current', 'notice', 'future', 'past']));
  });

  it('gives roommates their own rows with the shared balance, and keeps a tenant without email', async () => {
    const rows = rowsOf(await readAll());
    const roommates = tenantIdsOf(100_009);
    expect(roommates).toHaveLength(2);
    for (const id of roommates) expect(rows.find((row) => row.residentId === id)).toMatchObject({ status: 'future', balanceCents: 11_200 });
    expect(rows.find((row) => row.residentId === '200007')).toMatchObject({ emails: [], phones: ['614-555-0007'] });
  });

  it('fails with bad credentials, without retrying', async () => {
    const error = await readAll({ clientSecret: 'wrong' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ message: 'Buildium refused the client ID or secret', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a server error as retryable, with the message of its body', async () => {
    server.fail({ status: 500, body: JSON.stringify({ UserMessage: 'Database unavailable' }) });
    await expect(readAll()).rejects.toMatchObject({ message: 'Buildium answered HTTP 500: Database unavailable', retryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a rejected request with its field errors, not retryable', async () => {
    server.fail({ status: 400, body: JSON.stringify({ UserMessage: 'Invalid request.', Errors: [{ Key: 'leasestatuses', Value: 'Unknown status' }] }) });
    await expect(readAll()).rejects.toMatchObject({ message: 'Invalid request. (leasestatuses: Unknown status)', retryable: false });
  });

  it('gives up on a slow answer after timeoutMs', async () => {
    server.fail({ delayMs: 2_000, times: 1 });
    const started = Date.now();
    await expect(readAll({ timeoutMs: 150 })).rejects.toMatchObject({ message: 'Buildium did not answer within 0.15 s', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('waits out one 429 and carries on', async () => {
    server.fail({ status: 429, retryAfter: '30', times: 1 });
    const items = await readAll({ maxRetryWaitMs: 50 });
    expect(rowsOf(items)).toHaveLength(TENANTS);
    expect(server.requests.slice(0, 2).map((request) => [request.path, request.offset])).toEqual([
      ['/v1/rentals', 0],
      ['/v1/rentals', 0],
    ]);
  });

  it('retries 503 only once', async () => {
    server.fail({ status: 503, retryAfter: '0' });
    await expect(readAll()).rejects.toMatchObject({ message: 'Buildium answered HTTP 503: Fake failure 503', retryable: true });
    expect(server.requests).toHaveLength(2);
  });

  it('refuses an answer that is not JSON', async () => {
    server.fail({ status: 200, body: '<html>maintenance</html>', times: 1 });
    await expect(readAll()).rejects.toMatchObject({ message: 'Buildium answered with something that is not JSON', retryable: false });
  });

  it('stops when the caller cancels, without calling it a Buildium failure', async () => {
    server.fail({ delayMs: 2_000, times: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('sync cancelled')), 50);
    await expect(readAll({}, { signal: controller.signal })).rejects.toThrow('sync cancelled');
  });
});

describe('postPayments', () => {
  const posting = (residentId: string, amountCents: number, paymentId = `pay-${residentId}-${amountCents}`): PaymentPosting => ({
    paymentId,
    residentId,
    amountCents,
    date: '2026-05-03',
    memo: `RentLedger payment for May 2026 from resident ${residentId}, collected by ACH`,
  });

  it('posts each payment to the tenant’s lease and returns Buildium’s transaction id', async () => {
    const [first, second] = tenantIdsOf(100_001);
    const single = tenantIdsOf(100_000)[0]!;
    const payments = [
      posting(first!, 125_050, '0f8fad5b-d9cb-469f-a165-70867728950e'),
      posting(second!, 60_000),
      posting(single, 90_000),
      posting('999999', 10_000),
      posting(single, 0),
    ];
    const results = await provider().postPayments!(payments);
    expect(results.map((result) => [result.paymentId, result.ok])).toEqual(payments.map((payment, index) => [payment.paymentId, index < 3]));
    expect(results.slice(0, 3).map((result) => result.externalId)).toEqual(server.payments.map((payment) => String(payment.id)));
    expect(results[3]?.message).toBe('No Buildium lease found for tenant 999999');
    expect(results[4]?.message).toBe('A payment amount must be a positive number of cents');
    expect(server.payments.map((payment) => payment.leaseId)).toEqual([100_001, 100_001, 100_000]);
    expect(server.payments[0]?.body).toEqual({
      Date: '2026-05-03',
      PaymentMethod: 'ElectronicPayment',
      SendEmailReceipt: false,
      Memo: payments[0]!.memo.slice(0, 65),
      ReferenceNumber: '0f8fad5bd9cb469fa1657086772895',
      Lines: [{ Amount: 1250.5, GLAccountId: FAKE_GL_ACCOUNT_ID }],
    });
  });

  it('reports a payment Buildium rejects, with its reasons', async () => {
    const [result] = await provider({ paymentGlAccountId: 1 }).postPayments!([posting(tenantIdsOf(100_000)[0]!, 5_000)]);
    expect(result).toMatchObject({ ok: false, externalId: null, message: 'The request data could not be used. (Lines.GLAccountId: GL account 1 does not exist)' });
  });

  it('stops posting once Buildium refuses the credentials', async () => {
    server.fail({ status: 401, method: 'POST' });
    const tenant = tenantIdsOf(100_000)[0]!;
    const results = await provider().postPayments!([posting(tenant, 1_000), posting(tenant, 2_000), posting(tenant, 3_000)]);
    expect(results.map((result) => result.message)).toEqual([
      'Buildium refused the client ID or secret',
      'Not posted: Buildium refused the client ID or secret',
      'Not posted: Buildium refused the client ID or secret',
    ]);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('warns that an unanswered payment may have been recorded', async () => {
    server.fail({ delayMs: 1_000, method: 'POST', times: 1 });
    const payment = posting(tenantIdsOf(100_000)[0]!, 1_000);
    const [result] = await provider({ timeoutMs: 200 }).postPayments!([payment]);
    expect(result?.ok).toBe(false);
    expect(result?.message).toBe(
      `Buildium did not answer within 0.2 s; the payment may have been recorded: RentLedger looks for reference ${referenceOf(payment)} on the lease before posting it again`,
    );
  });

  it('looks an unanswered payment up on the lease before posting it again, and posts it only when it is not there', async () => {
    server.fail({ delayMs: 600, method: 'POST', times: 1 });
    const tenant = tenantIdsOf(100_000)[0]!;
    const lost = posting(tenant, 4_200, 'aaaaaaaa-1111-4222-8333-444444444444');
    const [first] = await provider({ timeoutMs: 200 }).postPayments!([lost]);
    expect(first).toMatchObject({ ok: false, unanswered: true });
    // Buildium finished the request the client gave up on: the payment is on the lease.
    for (let tries = 0; tries < 50 && server.payments.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.payments).toHaveLength(1);
    const never = posting(tenant, 4_300, 'bbbbbbbb-1111-4222-8333-444444444444');
    const results = await provider().postPayments!([{ ...lost, mayBeRecorded: true } as typeof lost, { ...never, mayBeRecorded: true } as typeof never]);
    expect(results.map((result) => [result.ok, result.externalId])).toEqual([
      [true, String(server.payments[0]?.id)],
      [true, String(server.payments[1]?.id)],
    ]);
    expect(server.payments).toHaveLength(2);
    const lookups = server.requests.filter((request) => request.method === 'GET' && request.path === '/v1/leases/100000/transactions');
    expect(lookups).toHaveLength(2);
  });

  it('answers an unfulfilled reversal of a payment without a transaction id as permanent, sending nothing', async () => {
    const payment = posting(tenantIdsOf(100_000)[0]!, 1_000);
    const [result] = await provider().postReversals!([{ ...payment, originalExternalId: null, originalIdempotencyKey: 'P0123', reason: 'R01' }]);
    expect(result).toMatchObject({ ok: false, permanent: true, message: expect.stringContaining('reverse the payment with reference P0123 in Buildium yourself') });
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('needs a GL account before posting anything', async () => {
    await expect(provider({ paymentGlAccountId: undefined }).postPayments!([posting('200000', 1_000)])).rejects.toBeInstanceOf(SourceError);
    expect(server.requests).toHaveLength(0);
  });
});
