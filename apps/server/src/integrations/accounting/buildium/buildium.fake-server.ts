import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { BUILDIUM_PAYMENT_METHODS } from './buildium.provider.ts';
import type { BuildiumLease, BuildiumSnapshot, BuildiumTenant } from './buildium.transform.ts';

/**
 * A local stand-in for Buildium's Open API v1, for tests: the same paths,
 * headers, paging and error bodies, over real HTTP so timeouts and retries
 * are exercised for real.
 */

/** Which requests a fault hits: all by default, or only those of a method and path. */
export type FaultTarget = { times?: number; method?: 'GET' | 'POST'; path?: RegExp };
export type FakeFault = FaultTarget & ({ status: number; body?: string; retryAfter?: string } | { delayMs: number });
export type RecordedPayment = { id: number; leaseId: number; body: Record<string, unknown> };
export type RecordedReversal = { id: number; leaseId: number; paymentId: number; body: Record<string, unknown> };
export type RecordedRequest = { method: string; path: string; offset: number | null; limit: number | null };

export type FakeBuildiumServer = {
  url: string;
  data: BuildiumSnapshot;
  payments: RecordedPayment[];
  /** Payment reversals, one per reversed payment. */
  reversals: RecordedReversal[];
  requests: RecordedRequest[];
  /** The next `times` requests (default: all until cleared) get this answer instead. */
  fail(fault: FakeFault): void;
  clearFaults(): void;
  close(): Promise<void>;
};

export type FakeBuildiumOptions = {
  clientId?: string;
  clientSecret?: string;
  data?: BuildiumSnapshot;
  /** GL accounts a payment line may use. */
  glAccountIds?: number[];
};

export const FAKE_CLIENT_ID = 'fake-client-id';
export const FAKE_CLIENT_SECRET = 'fake-client-secret';
export const FAKE_GL_ACCOUNT_ID = 4000;

/** Buildium's own default page size when no limit is sent. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

const FIRST_NAMES = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal'];
const LAST_NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Patel', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Ueda', 'Varga'];

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export type GenerateOptions = { properties?: number; unitsPerProperty?: number; tenants?: number };

/**
 * Deterministic data shaped like a small portfolio: every fourth lease has two
 * roommates, every tenth is past and another future, one in ten active leases
 * has a tenant on notice, one tenant in fifty has no email.
 */
export function generateBuildiumData({ properties = 3, unitsPerProperty = 10, tenants = 40 }: GenerateOptions = {}): BuildiumSnapshot {
  const rentals = Array.from({ length: properties }, (_, p) => ({
    Id: 1000 + p,
    Name: `Fake Court ${p + 1}`,
    Address: { AddressLine1: `${100 + p} Main St`, City: 'Columbus', State: 'OH', PostalCode: `432${pad(p % 100, 2)}` },
  }));
  const units = rentals.flatMap((rental, p) =>
    Array.from({ length: unitsPerProperty }, (_, u) => ({ Id: 20_000 + p * unitsPerProperty + u, PropertyId: rental.Id, UnitNumber: String(101 + u) })),
  );
  const snapshot: BuildiumSnapshot = { rentals, units, leases: [], tenants: [], balances: [] };
  for (let k = 0, t = 0; t < tenants; k += 1) {
    const size = Math.min(k % 4 === 1 ? 2 : 1, tenants - t);
    const lease = generatedLease(k, units[k % units.length]!, Array.from({ length: size }, (_, i) => 200_000 + t + i));
    snapshot.leases.push(lease);
    for (let i = 0; i < size; i += 1, t += 1) snapshot.tenants.push(generatedTenant(t));
    if (k % 3 === 0) snapshot.balances.push({ LeaseId: lease.Id, TotalBalance: (k % 5) * 25.5 + 10, IsNoticeGiven: false });
  }
  return snapshot;
}

function generatedLease(k: number, unit: { Id: number; PropertyId: number; UnitNumber: string }, tenantIds: number[]): BuildiumLease {
  const status = k % 10 === 8 ? 'Past' : k % 10 === 9 ? 'Future' : 'Active';
  const year = status === 'Past' ? 2023 : status === 'Future' ? 2027 : 2026;
  const month = pad((k % 12) + 1, 2);
  const tenantStatus = status === 'Past' ? 'MovedOut' : status === 'Future' ? 'Future' : 'Current';
  return {
    Id: 100_000 + k,
    PropertyId: unit.PropertyId,
    UnitId: unit.Id,
    UnitNumber: unit.UnitNumber,
    LeaseFromDate: `${year}-${month}-01T00:00:00`,
    LeaseToDate: `${year + 1}-${month}-01`,
    LeaseType: 'Fixed',
    LeaseStatus: status,
    PaymentDueDay: 1,
    Tenants: tenantIds.map((Id) => ({ Id, Status: tenantStatus })),
    MoveOutData: status === 'Active' && k % 10 === 5 ? [{ TenantId: tenantIds[0], MoveOutDate: null, NoticeGivenDate: `${year}-${month}-15` }] : [],
    AccountDetails: { Rent: 900 + (k % 7) * 50 },
  };
}

function generatedTenant(t: number): BuildiumTenant {
  const phone = `614-555-${pad(t % 10_000, 4)}`;
  return {
    Id: 200_000 + t,
    FirstName: FIRST_NAMES[t % FIRST_NAMES.length] ?? 'Ana',
    LastName: `${LAST_NAMES[Math.floor(t / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Okafor'}-${t}`,
    Email: t % 50 === 7 ? null : `tenant${t}@example.test`,
    AlternateEmail: null,
    PhoneNumbers: t % 2 === 0 ? { Mobile: phone } : [{ Number: phone, Type: 'Mobile' }],
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const errorBody = (message: string, errors: { Key: string; Value: string }[] = []) => ({ UserMessage: message, Errors: errors });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function pageOf(url: URL, list: unknown[], res: ServerResponse): void {
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? DEFAULT_LIMIT);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    sendJson(res, 400, errorBody('The request has invalid parameters.', [{ Key: 'limit', Value: `limit must be between 1 and ${MAX_LIMIT}` }]));
    return;
  }
  sendJson(res, 200, list.slice(offset, offset + limit), { 'x-total-count': String(list.length) });
}

function paymentErrors(body: Record<string, unknown>, glAccountIds: number[]): { Key: string; Value: string }[] {
  const errors: { Key: string; Value: string }[] = [];
  if (typeof body.Date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.Date)) errors.push({ Key: 'Date', Value: 'Date must be formatted as YYYY-MM-DD' });
  if (!BUILDIUM_PAYMENT_METHODS.includes(body.PaymentMethod as never)) errors.push({ Key: 'PaymentMethod', Value: 'PaymentMethod is not valid' });
  if (typeof body.SendEmailReceipt !== 'boolean') errors.push({ Key: 'SendEmailReceipt', Value: 'SendEmailReceipt is required' });
  const lines = Array.isArray(body.Lines) ? (body.Lines as { Amount?: unknown; GLAccountId?: unknown }[]) : [];
  if (lines.length === 0) errors.push({ Key: 'Lines', Value: 'At least one line is required' });
  for (const line of lines) {
    if (typeof line.Amount !== 'number' || line.Amount <= 0) errors.push({ Key: 'Lines.Amount', Value: 'Amount must be greater than 0' });
    if (!glAccountIds.includes(line.GLAccountId as number)) errors.push({ Key: 'Lines.GLAccountId', Value: `GL account ${String(line.GLAccountId)} does not exist` });
  }
  return errors;
}

export async function startFakeBuildium(options: FakeBuildiumOptions = {}): Promise<FakeBuildiumServer> {
  const clientId = options.clientId ?? FAKE_CLIENT_ID;
  const clientSecret = options.clientSecret ?? FAKE_CLIENT_SECRET;
  const glAccountIds = options.glAccountIds ?? [FAKE_GL_ACCOUNT_ID];
  const faults: (FakeFault & { left: number })[] = [];
  const state = { data: options.data ?? generateBuildiumData(), payments: [] as RecordedPayment[], reversals: [] as RecordedReversal[], requests: [] as RecordedRequest[] };

  const nextFault = (method: string, path: string): FakeFault | undefined => {
    const hits = (fault: FakeFault & { left: number }) => fault.left > 0 && (!fault.method || fault.method === method) && (!fault.path || fault.path.test(path));
    const fault = faults.find(hits);
    if (fault) fault.left -= 1;
    return fault;
  };

  async function postPayment(raw: string, res: ServerResponse, leaseId: number): Promise<void> {
    const lease = state.data.leases.find((candidate) => candidate.Id === leaseId);
    if (!lease) return sendJson(res, 404, errorBody('The lease was not found.'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, errorBody('The request body is not valid JSON.'));
    }
    const errors = paymentErrors(body, glAccountIds);
    if (errors.length > 0) return sendJson(res, 422, errorBody('The request data could not be used.', errors));
    const answer = (recorded: RecordedPayment) => {
      const total = (recorded.body.Lines as { Amount: number }[]).reduce((sum, line) => sum + line.Amount, 0);
      sendJson(res, 201, { Id: recorded.id, Date: recorded.body.Date, TransactionType: 'Payment', TotalAmount: total, PaymentMethod: recorded.body.PaymentMethod, Memo: recorded.body.Memo });
    };
    // Like Buildium as documented, a ReferenceNumber is stored, not deduplicated: the same payment sent twice is recorded twice.
    const recorded = { id: 900_000 + state.payments.length, leaseId, body };
    state.payments.push(recorded);
    answer(recorded);
  }

  /** LeaseLedgerReversePaymentPostMessage: EntryDate and the PaymentTransactionId of a payment on this lease; one reversal per payment. */
  async function reversePayment(raw: string, res: ServerResponse, leaseId: number): Promise<void> {
    const lease = state.data.leases.find((candidate) => candidate.Id === leaseId);
    if (!lease) return sendJson(res, 404, errorBody('The lease was not found.'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, errorBody('The request body is not valid JSON.'));
    }
    const errors: { Key: string; Value: string }[] = [];
    if (typeof body.EntryDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.EntryDate)) errors.push({ Key: 'EntryDate', Value: 'EntryDate must be formatted as YYYY-MM-DD' });
    const payment = state.payments.find((recorded) => recorded.id === body.PaymentTransactionId && recorded.leaseId === leaseId);
    if (!payment) errors.push({ Key: 'PaymentTransactionId', Value: `Payment transaction ${String(body.PaymentTransactionId)} was not found on this lease` });
    if (errors.length > 0 || !payment) return sendJson(res, 422, errorBody('The request data could not be used.', errors));
    const answer = (recorded: RecordedReversal) => {
      const total = (payment.body.Lines as { Amount: number }[]).reduce((sum, line) => sum + line.Amount, 0);
      sendJson(res, 201, { Id: recorded.id, Date: recorded.body.EntryDate, TransactionType: 'Payment', TotalAmount: -total, Memo: 'Reversed payment' });
    };
    const earlier = state.reversals.find((recorded) => recorded.paymentId === payment.id);
    if (earlier) return answer(earlier);
    const recorded = { id: 950_000 + state.reversals.length, leaseId, paymentId: payment.id, body };
    state.reversals.push(recorded);
    answer(recorded);
  }

  /** LeaseTransactionMessage rows of a lease, its payments here, filtered by transactiondatefrom / transactiondateto, paged. */
  function transactionsOf(url: URL, res: ServerResponse, leaseId: number): void {
    if (!state.data.leases.some((candidate) => candidate.Id === leaseId)) return sendJson(res, 404, errorBody('The lease was not found.'));
    const from = url.searchParams.get('transactiondatefrom');
    const to = url.searchParams.get('transactiondateto');
    for (const [key, value] of [['transactiondatefrom', from], ['transactiondateto', to]] as const) {
      if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return sendJson(res, 400, errorBody('The request has invalid parameters.', [{ Key: key, Value: `${key} must be formatted as YYYY-MM-DD` }]));
    }
    const rows = state.payments
      .filter((recorded) => recorded.leaseId === leaseId)
      .filter((recorded) => (from === null || String(recorded.body.Date) >= from) && (to === null || String(recorded.body.Date) <= to))
      .map((recorded) => ({
        Id: recorded.id,
        Date: recorded.body.Date,
        TransactionType: 'Payment',
        TransactionTypeEnum: 'Payment',
        TotalAmount: (recorded.body.Lines as { Amount: number }[]).reduce((sum, line) => sum + line.Amount, 0),
        PaymentMethod: recorded.body.PaymentMethod,
        Memo: recorded.body.Memo,
        ReferenceNumber: recorded.body.ReferenceNumber,
      }));
    pageOf(url, rows, res);
  }

  function route(req: IncomingMessage, raw: string, res: ServerResponse, url: URL): Promise<void> | void {
    const lists: Record<string, unknown[]> = {
      '/v1/rentals': state.data.rentals,
      '/v1/rentals/units': state.data.units,
      '/v1/leases': state.data.leases,
      '/v1/leases/tenants': state.data.tenants,
      '/v1/leases/outstandingbalances': state.data.balances,
    };
    const list = lists[url.pathname];
    if (req.method === 'GET' && list) return pageOf(url, list, res);
    const transactions = /^\/v1\/leases\/(\d+)\/transactions$/.exec(url.pathname);
    if (req.method === 'GET' && transactions) return transactionsOf(url, res, Number(transactions[1]));
    const payment = /^\/v1\/leases\/(\d+)\/payments$/.exec(url.pathname);
    if (req.method === 'POST' && payment) return postPayment(raw, res, Number(payment[1]));
    const reversal = /^\/v1\/leases\/(\d+)\/reversepayments$/.exec(url.pathname);
    if (req.method === 'POST' && reversal) return reversePayment(raw, res, Number(reversal[1]));
    sendJson(res, 404, errorBody('The resource was not found.'));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const number = (name: string) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : null);
    state.requests.push({ method: req.method ?? 'GET', path: url.pathname, offset: number('offset'), limit: number('limit') });
    // Read first, so a request whose client gives up during a slow answer is still carried out, as a server would.
    const raw = req.method === 'POST' ? await readBody(req) : '';
    const fault = nextFault(req.method ?? 'GET', url.pathname);
    if (fault && 'delayMs' in fault) await sleep(fault.delayMs);
    else if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
      res.end(fault.body ?? JSON.stringify(errorBody(`Fake failure ${fault.status}`)));
      return;
    }
    if (req.headers['x-buildium-client-id'] !== clientId || req.headers['x-buildium-client-secret'] !== clientSecret) {
      return sendJson(res, 401, errorBody('Authorization has been denied for this request.'));
    }
    await route(req, raw, res, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, errorBody(`Fake server error: ${(error as Error).message}`)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get data() {
      return state.data;
    },
    set data(data: BuildiumSnapshot) {
      state.data = data;
    },
    payments: state.payments,
    reversals: state.reversals,
    requests: state.requests,
    fail: (fault) => faults.push({ ...fault, left: fault.times ?? Number.POSITIVE_INFINITY }),
    clearFaults: () => faults.splice(0),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
