import type { AccountingProvider, FetchOptions, PaymentPosting, PostingResult, ProviderItem, ReversalPosting } from '../accounting-provider.ts';
import { SourceError } from '../accounting-provider.ts';
import type { SendMark, SendResult } from '../posting-target.ts';
import { BuildiumRequestError, createBuildiumClient, type BuildiumClient, type BuildiumClientSettings } from './buildium-client.ts';
import {
  leasesByTenant,
  transformBuildium,
  type BuildiumBalance,
  type BuildiumLease,
  type BuildiumRental,
  type BuildiumSnapshot,
  type BuildiumTenant,
  type BuildiumUnit,
} from './buildium.transform.ts';

/** The values Buildium accepts as a ledger payment's PaymentMethod. */
export const BUILDIUM_PAYMENT_METHODS = ['Check', 'Cash', 'MoneyOrder', 'CashierCheck', 'DirectDeposit', 'CreditCard', 'ElectronicPayment'] as const;
export type BuildiumPaymentMethod = (typeof BUILDIUM_PAYMENT_METHODS)[number];

export type BuildiumSettings = BuildiumClientSettings & {
  /** The income GL account a posted payment's line is booked to; needed only to post payments. */
  paymentGlAccountId?: number;
  /** How a RentLedger payment shows in the ledger; default ElectronicPayment (the money arrived by ACH). */
  paymentMethod?: BuildiumPaymentMethod;
};

export const BUILDIUM_PATHS = {
  rentals: '/v1/rentals',
  units: '/v1/rentals/units',
  leases: '/v1/leases',
  tenants: '/v1/leases/tenants',
  balances: '/v1/leases/outstandingbalances',
  payments: (leaseId: number) => `/v1/leases/${leaseId}/payments`,
  /** "Create a payment reversal" (LeaseLedgerReversePaymentPostMessage): reverses a deposited ledger payment. */
  reversePayments: (leaseId: number) => `/v1/leases/${leaseId}/reversepayments`,
  /** "Retrieve all lease transactions", filtered by transactiondatefrom / transactiondateto (YYYY-MM-DD). */
  transactions: (leaseId: number) => `/v1/leases/${leaseId}/transactions`,
} as const;

/** Buildium limits a payment memo to 65 characters and a reference number to 30. */
const MEMO_MAX = 65;
const REFERENCE_MAX = 30;

/** Sequential on purpose: Buildium rate-limits per account, and a sync is not latency-bound. */
async function fetchSnapshot(client: BuildiumClient, signal: AbortSignal | undefined): Promise<BuildiumSnapshot> {
  const options = signal ? { signal } : {};
  return {
    rentals: await client.getAll<BuildiumRental>(BUILDIUM_PATHS.rentals, options),
    units: await client.getAll<BuildiumUnit>(BUILDIUM_PATHS.units, options),
    leases: await client.getAll<BuildiumLease>(BUILDIUM_PATHS.leases, options),
    tenants: await client.getAll<BuildiumTenant>(BUILDIUM_PATHS.tenants, options),
    balances: await client.getAll<BuildiumBalance>(BUILDIUM_PATHS.balances, options),
  };
}

/** A UUID without its dashes, cut to Buildium's limit: enough to find a payment again after a lost answer. */
export const referenceNumber = (paymentId: string): string => paymentId.replaceAll('-', '').slice(0, REFERENCE_MAX);

/** The ReferenceNumber a payment is sent with: its idempotency key (the payment's id without dashes when it has none). */
export const referenceOf = (payment: PaymentPosting): string => (payment.idempotencyKey ?? referenceNumber(payment.paymentId)).slice(0, REFERENCE_MAX);

export function paymentBody(payment: PaymentPosting, glAccountId: number, method: BuildiumPaymentMethod) {
  return {
    Date: payment.date,
    PaymentMethod: method,
    // RentLedger already emails its own receipt; a second one from Buildium would confuse the resident.
    SendEmailReceipt: false,
    Memo: payment.memo.slice(0, MEMO_MAX),
    ReferenceNumber: referenceOf(payment),
    Lines: [{ Amount: payment.amountCents / 100, GLAccountId: glAccountId }],
  };
}

/** Buildium's reversal names the payment transaction to take back and the day; it has no memo or reference of its own. */
export function reversalBody(reversal: ReversalPosting) {
  return { EntryDate: reversal.date, PaymentTransactionId: Number(reversal.originalExternalId) };
}

const failed = (payment: PaymentPosting, message: string, marks: { unanswered?: boolean; permanent?: boolean } = {}): SendResult => ({ paymentId: payment.paymentId, ok: false, externalId: null, message, ...marks });

/** A request that got no answer (a timeout, a lost connection, a cancelled run): what it asked may have been done. */
function isUnanswered(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof BuildiumRequestError && error.status === null && error.retryable);
}

/** Whether the rest of a batch is pointless (bad credentials) or must stop (cancelled). */
function stopsBatch(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof BuildiumRequestError && (error.status === 401 || error.status === 403));
}

/** Without an answer the payment may still be on the ledger; posting it again blindly would charge the tenant twice. */
function failureMessage(error: unknown, payment: PaymentPosting, signal: AbortSignal | undefined): string {
  const reason = signal?.aborted ? 'Posting was cancelled' : error instanceof Error ? error.message : String(error);
  if (!isUnanswered(error, signal)) return reason;
  return `${reason}; the payment may have been recorded: RentLedger looks for reference ${referenceOf(payment)} on the lease before posting it again`;
}

type BuildiumTransaction = { Id?: unknown; Date?: unknown; TransactionType?: unknown; ReferenceNumber?: unknown };

/**
 * Buildium's provider. One instance is one posting run: the leases are read once, on the first post, and kept for
 * the instance's life (a sync makes its own).
 *
 * Real Buildium is not documented to dedupe a payment on its ReferenceNumber (only our fake does), so a payment
 * whose earlier send went unanswered (`mayBeRecorded`) is first looked up in the lease's transactions of its day
 * (`GET /v1/leases/{leaseId}/transactions`), matched on ReferenceNumber, and posted only when it is not there.
 */
export function createBuildiumProvider(settings: BuildiumSettings, fetchImpl?: typeof fetch): AccountingProvider & { readonly kind: 'buildium' } {
  const client = createBuildiumClient(settings, fetchImpl);
  let leasesRead: Promise<Map<number, BuildiumLease>> | null = null;

  async function* readResidents(options: FetchOptions = {}): AsyncIterable<ProviderItem> {
    const { total, items } = transformBuildium(await fetchSnapshot(client, options.signal));
    options.onTotal?.(total);
    yield* items;
  }

  function leases(signal: AbortSignal | undefined): Promise<Map<number, BuildiumLease>> {
    leasesRead ??= client.getAll<BuildiumLease>(BUILDIUM_PATHS.leases, signal ? { signal } : {}).then(leasesByTenant);
    leasesRead.catch(() => {
      leasesRead = null;
    });
    return leasesRead;
  }

  /** The lease's transaction of the payment's day carrying its reference, if Buildium has it. */
  async function findRecorded(payment: PaymentPosting, leaseId: number, signal?: AbortSignal): Promise<string | null> {
    const query = { transactiondatefrom: payment.date, transactiondateto: payment.date };
    const transactions = await client.getAll<BuildiumTransaction>(BUILDIUM_PATHS.transactions(leaseId), signal ? { query, signal } : { query });
    const reference = referenceOf(payment);
    const found = transactions.find((transaction) => transaction.ReferenceNumber === reference && transaction.Id !== undefined && transaction.Id !== null);
    return found ? String(found.Id) : null;
  }

  async function postOne(payment: PaymentPosting & SendMark, lease: BuildiumLease | undefined, glAccountId: number, signal?: AbortSignal): Promise<SendResult> {
    if (lease?.Id === undefined) return failed(payment, `No Buildium lease found for tenant ${payment.residentId}`);
    if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents <= 0) return failed(payment, 'A payment amount must be a positive number of cents');
    if (payment.mayBeRecorded) {
      const recorded = await findRecorded(payment, lease.Id, signal);
      if (recorded !== null) return { paymentId: payment.paymentId, ok: true, externalId: recorded, message: null };
    }
    const body = paymentBody(payment, glAccountId, settings.paymentMethod ?? 'ElectronicPayment');
    const answer = (await client.post(BUILDIUM_PATHS.payments(lease.Id), body, signal ? { signal } : {})) as { Id?: unknown } | null;
    const id = answer?.Id;
    return { paymentId: payment.paymentId, ok: true, externalId: id === undefined || id === null ? null : String(id), message: null };
  }

  async function reverseOne(reversal: ReversalPosting, lease: BuildiumLease | undefined, signal?: AbortSignal): Promise<SendResult> {
    if (lease?.Id === undefined) return failed(reversal, `No Buildium lease found for tenant ${reversal.residentId}`);
    if (!reversal.originalExternalId || !/^\d+$/.test(reversal.originalExternalId)) {
      return failed(reversal, `Buildium did not give the posted payment a transaction id, so it cannot be reversed from here: reverse the payment with reference ${reversal.originalIdempotencyKey || referenceNumber(reversal.paymentId)} in Buildium yourself`, { permanent: true });
    }
    const answer = (await client.post(BUILDIUM_PATHS.reversePayments(lease.Id), reversalBody(reversal), signal ? { signal } : {})) as { Id?: unknown } | null;
    const id = answer?.Id;
    return { paymentId: reversal.paymentId, ok: true, externalId: id === undefined || id === null ? null : String(id), message: null };
  }

  /**
   * One call per item, in order. Never throws once an item may have been posted: the caller must learn which
   * ones reached the ledger. A failure that dooms the rest (refused credentials, cancellation) marks every
   * remaining item as not posted; an item without an answer is marked `unanswered`.
   */
  async function postEach<T extends PaymentPosting>(items: T[], options: { signal?: AbortSignal }, post: (item: T, lease: BuildiumLease | undefined) => Promise<SendResult>): Promise<SendResult[]> {
    if (items.length === 0) return [];
    const byTenant = await leases(options.signal);
    const results: SendResult[] = [];
    let stopReason: string | null = null;
    for (const item of items) {
      if (stopReason === null && options.signal?.aborted) stopReason = 'posting was cancelled';
      if (stopReason !== null) {
        results.push(failed(item, `Not posted: ${stopReason}`));
        continue;
      }
      try {
        results.push(await post(item, byTenant.get(Number(item.residentId))));
      } catch (error) {
        results.push(failed(item, failureMessage(error, item, options.signal), { unanswered: isUnanswered(error, options.signal) }));
        if (stopsBatch(error, options.signal)) stopReason = options.signal?.aborted ? 'posting was cancelled' : (error as Error).message;
      }
    }
    return results;
  }

  async function postReversals(reversals: ReversalPosting[], options: { signal?: AbortSignal } = {}): Promise<SendResult[]> {
    return postEach(reversals, options, (reversal, lease) => reverseOne(reversal, lease, options.signal));
  }

  async function postPayments(payments: (PaymentPosting & SendMark)[], options: { signal?: AbortSignal } = {}): Promise<SendResult[]> {
    if (payments.length === 0) return [];
    const glAccountId = settings.paymentGlAccountId;
    if (glAccountId === undefined) throw new SourceError('Set the Buildium GL account for rent payments (paymentGlAccountId) before posting payments');
    return postEach(payments, options, (payment, lease) => postOne(payment, lease, glAccountId, options.signal));
  }

  return { kind: 'buildium', readResidents, postPayments, postReversals };
}
