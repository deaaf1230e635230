import type { SYNC_FORMATS, SYNC_TRIGGERS } from '@rentledger/contracts';

/**
 * The one interface every accounting-system connector implements. A provider
 * turns its system's format into AccountingRow values (via a pure transform
 * file tested on fixtures) and reports rows it cannot use as RowError values
 * instead of throwing, so one bad ledger never stops an import.
 */

export const ACCOUNTING_STATUSES = ['current', 'notice', 'future', 'past'] as const;
export type AccountingStatus = (typeof ACCOUNTING_STATUSES)[number];

/** One resident/household ledger, normalised. Money in integer cents; dates YYYY-MM-DD. */
export type AccountingRow = {
  /** Where the row came from, for error messages: a CSV line, an XML record index, an API item index. */
  row: number;
  propertyCode: string;
  propertyName: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  unitCode: string | null;
  residentId: string;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  leaseStart: string | null;
  leaseEnd: string | null;
  rentCents: number | null;
  balanceCents: number | null;
  status: AccountingStatus;
  doNotAcceptPayments: boolean;
};

export type RowError = { row: number | null; field: string | null; message: string };

export type ProviderItem = { kind: 'row'; row: AccountingRow } | { kind: 'error'; error: RowError };

/** The whole source cannot be read (wrong format, broken XML, provider answered 401/500, timed out). */
export class SourceError extends Error {
  constructor(
    message: string,
    /** Worth retrying later (timeouts, 5xx), as opposed to bad credentials or a bad file. */
    readonly retryable = false,
  ) {
    super(message);
  }
}

export type PaymentPosting = {
  paymentId: string;
  residentId: string;
  amountCents: number;
  /** YYYY-MM-DD in the company's time zone. */
  date: string;
  memo: string;
  /**
   * Sent where the provider's protocol has a place for one (Buildium's ReferenceNumber, Yardi's DocumentNumber),
   * so a posting sent again after a lost answer is recognised; at most 30 characters. Default: from paymentId.
   */
  idempotencyKey?: string;
  /** The provider's property code (Yardi's PropertyPrimaryID); needed by Yardi only. */
  propertyCode?: string | null;
  /** Who paid, as the ledger shows it (Yardi's PaidBy). */
  payerName?: string;
};

/** A posted payment taken back after the bank returned it. */
export type ReversalPosting = PaymentPosting & {
  /** The provider's id for the posted payment (Buildium's transaction id, Yardi's document number). */
  originalExternalId: string | null;
  /** The original payment's idempotency key. */
  originalIdempotencyKey: string;
  /** Why, in words (the return reason). */
  reason: string;
};

export type PostingResult = { paymentId: string; ok: boolean; externalId: string | null; message: string | null };

export type FetchOptions = {
  signal?: AbortSignal;
  /** Called once the provider knows how many items it will yield, for the progress bar. */
  onTotal?: (total: number) => void;
};

/** The formats a sync run reads: two files, two APIs. */
export type AccountingFormat = (typeof SYNC_FORMATS)[number];

/** What opening a source needs to know of a sync run: the format it reads and how it was started. */
export type SyncRunSource = { format: AccountingFormat | null; trigger: (typeof SYNC_TRIGGERS)[number] };

/**
 * A readable source of accounting rows, read once. `preflight` refuses an
 * unreadable source before anything is applied and answers the estimated
 * total; `estimatedTotal` (or that answer) feeds the progress bar until the
 * source tells the exact count through onTotal.
 */
export type SyncSource = {
  preflight?: () => Promise<number | null>;
  estimatedTotal: number | null;
  read(options: { signal?: AbortSignal; onTotal?: (total: number) => void }): AsyncIterable<ProviderItem>;
};

export interface AccountingProvider {
  readonly kind: AccountingFormat;
  /** Every resident ledger with its property, unit, lease and balance, as a stream. */
  readResidents(options?: FetchOptions): AsyncIterable<ProviderItem>;
  /** Posts payments back to the ledger; file providers export instead and do not implement this. */
  postPayments?(payments: PaymentPosting[], options?: { signal?: AbortSignal }): Promise<PostingResult[]>;
  /** Posts reversals of posted payments (a returned ACH debit); same contract as postPayments. */
  postReversals?(reversals: ReversalPosting[], options?: { signal?: AbortSignal }): Promise<PostingResult[]>;
}
