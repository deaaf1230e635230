import { randomUUID } from 'node:crypto';
import type { Posting, PostingList, PostingStatus, ReceiptDay } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import type { AccountingProvider, ReversalPosting } from '../../integrations/accounting/accounting-provider.ts';
import type { Connection } from '../../integrations/accounting/accounting-source.ts';
import { openPostingProvider, type SendResult, type SentPosting } from '../../integrations/accounting/posting-target.ts';
import type { Logger } from '../../jobs/job-definition.ts';
import { conflict, invalid, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { localDateIn } from './banking-calendar.domain.ts';
import { idempotencyKeyOf, nextAttemptAfterFailure, postingSystemFor, scrubError } from './postings.domain.ts';
import type { ClaimedPosting, ListedPosting, PostingsRepository } from './postings.repository.ts';
import { RECEIPTS_CSV_HEADER, receiptsCsvRow } from './receipts-csv.ts';

type Deps = {
  db: Kysely<Database>;
  repository: PostingsRepository;
  /** The company's accounting connection with its secrets (the integration module's). */
  connectionOf: (companyId: string) => Promise<Connection>;
  logger: Logger;
  now?: () => Date;
  /** Postings claimed and sent per batch. */
  batchSize?: number;
  /**
   * How long a batch's claim holds: past it, the run is taken for dead and its unrecorded sends for unanswered.
   * Longer than a batch can take (Buildium: 25 posts x 30 s and its retries; Yardi: 120 s a call, so keep its
   * batches small enough) and than the job's 15 min expiry.
   */
  claimMs?: number;
};

const MEMO = 'RentLedger ACH payment';

function toPosting(row: ListedPosting): Posting {
  return {
    id: row.id,
    paymentId: row.payment_id,
    kind: row.kind,
    system: row.system,
    status: row.status,
    amountCents: row.amount_cents,
    resident: { id: row.resident_id, name: `${row.first_name} ${row.last_name}`, accountingResidentId: row.accounting_resident_id ?? row.current_accounting_resident_id },
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    lastError: row.last_error,
    externalId: row.external_id,
    postedAt: row.posted_at?.toISOString() ?? null,
    receiptsDay: row.receipts_day,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Posting settled payments, and the reversals of returned ones, back to the company's accounting system
 * (issue 13): Buildium through its API, Yardi through ImportResidentTransactions_Login, file companies
 * through a daily receipts CSV. Postings are made in the transactions that settle and return payments; the
 * `accounting-post` job sends the due ones: each batch is claimed in one short statement (no two runs claim the
 * same posting), sent holding no database lock, and each outcome recorded in its own statement guarded by the
 * claim. A send left without an answer (a timeout, or a run that died mid-send, whose claim then expires) may be
 * in the ledger: Buildium's is looked up on the lease before it is posted again; Yardi's is sent again with the
 * same DocumentNumber (which Yardi is assumed to refuse twice); a return reverses it rather than cancel it.
 */
export function createPostingsService({ db, repository, connectionOf, logger, now = () => new Date(), batchSize = 25, claimMs = 20 * 60_000 }: Deps) {
  /** A landlord's own company; support names one. Another company's answers 404. */
  async function companyFor(principal: Principal, companyId: string | undefined): Promise<string> {
    if (principal.role === 'support') {
      if (!companyId) throw invalid([{ path: 'companyId', message: 'Support: name the company (companyId)' }]);
      if (!(await repository.companyOf(companyId))) throw notFound('Company', 'company_not_found');
      return companyId;
    }
    const own = principal.company?.id;
    if (!own || (companyId !== undefined && companyId !== own)) throw notFound('Company', 'company_not_found');
    return own;
  }

  /**
   * The returning transaction's part, for a return file's chunk of returned payments in three statements: reverse
   * a posted payment, or never post one returned first. A posting that may be in the ledger (a send went
   * unanswered, or one is under way) is not cancelled: it gets a reversal that waits on the original's outcome
   * (posted: the reversal is sent; failed for good: it is cancelled). Answers per payment id.
   */
  async function onReturnedMany(trx: Kysely<Database>, paymentIds: readonly string[], at: Date): Promise<Map<string, 'reversal' | 'cancelled' | 'none'>> {
    const outcomes = new Map<string, 'reversal' | 'cancelled' | 'none'>(paymentIds.map((id) => [id, 'none']));
    const postings = await repository.lockPaymentPostings(trx, paymentIds);
    const reversals: Parameters<typeof repository.insertReversals>[1] = [];
    const cancelled: string[] = [];
    for (const posting of postings) {
      if (posting.status === 'cancelled') continue;
      const neverSent = posting.status !== 'posted' && posting.claimed_by === null && !posting.may_be_recorded;
      if (neverSent) {
        cancelled.push(posting.id);
        outcomes.set(posting.payment_id, 'cancelled');
      } else {
        reversals.push({ ...posting, idempotency_key: idempotencyKeyOf(posting.payment_id, 'reversal') });
        outcomes.set(posting.payment_id, 'reversal');
      }
    }
    await repository.insertReversals(trx, reversals, at);
    await repository.cancelMany(trx, cancelled, 'Returned by the bank before it was posted: not posted to the accounting system', at);
    return outcomes;
  }

  const dateOf = (row: ClaimedPosting, at: Date) => localDateIn((row.kind === 'reversal' ? row.returned_at : row.settled_at) ?? at, row.timezone);

  function paymentOf(row: ClaimedPosting, at: Date): SentPosting {
    return {
      mayBeRecorded: row.may_be_recorded,
      paymentId: row.payment_id,
      residentId: row.accounting_resident_id ?? '',
      amountCents: row.amount_cents,
      date: dateOf(row, at),
      memo: MEMO,
      idempotencyKey: row.idempotency_key,
      propertyCode: row.property_code,
      payerName: `${row.first_name} ${row.last_name}`,
    };
  }

  function reversalOf(row: ClaimedPosting, at: Date): ReversalPosting {
    return { ...paymentOf(row, at), memo: 'RentLedger ACH payment returned', originalExternalId: row.original_external_id, originalIdempotencyKey: row.original_idempotency_key ?? '', reason: row.status_reason ?? 'Returned by the bank' };
  }

  /** Sends one batch of an API company through its provider; every row gets a result, a thrown error included. */
  async function sendThrough(provider: () => Promise<AccountingProvider>, system: 'buildium' | 'yardi', rows: ClaimedPosting[], at: Date): Promise<Map<string, SendResult>> {
    const results = new Map<string, SendResult>();
    try {
      const target = await provider();
      const payments = rows.filter((row) => row.kind === 'payment');
      const reversals = rows.filter((row) => row.kind === 'reversal');
      const paid: SendResult[] = payments.length > 0 && target.postPayments ? await target.postPayments(payments.map((row) => paymentOf(row, at))) : [];
      const reversed: SendResult[] = reversals.length > 0 && target.postReversals ? await target.postReversals(reversals.map((row) => reversalOf(row, at))) : [];
      payments.forEach((row, index) => results.set(row.id, paid[index] ?? { paymentId: row.payment_id, ok: false, externalId: null, message: `${system} cannot post payments` }));
      reversals.forEach((row, index) => results.set(row.id, reversed[index] ?? { paymentId: row.payment_id, ok: false, externalId: null, message: `${system} cannot post reversals` }));
    } catch (error) {
      // Thrown before anything was sent (the connection, the settings, the leases): an answered refusal.
      for (const row of rows) if (!results.has(row.id)) results.set(row.id, { paymentId: row.payment_id, ok: false, externalId: null, message: error instanceof Error ? error.message : String(error) });
    }
    return results;
  }

  /**
   * One batch: claim up to batchSize (one short statement), send holding no lock, record each outcome in its
   * own statement guarded by the claim. Answers how many it claimed.
   */
  async function postBatch(companyId: string, providerFor: (system: 'buildium' | 'yardi') => Promise<AccountingProvider>, at: Date): Promise<{ claimed: number; posted: number; failed: number }> {
    const token = randomUUID();
    const claimed = await repository.claimDue(companyId, at, batchSize, token, new Date(at.getTime() + claimMs));
    const tally = { claimed, posted: 0, failed: 0 };
    if (claimed === 0) return tally;
    const rows = await repository.claimed(companyId, token);
    const ready: ClaimedPosting[] = [];
    for (const row of rows) {
      if (row.accounting_resident_id) ready.push(row);
      else await repository.markWaiting(row.id, token, at);
    }
    for (const row of ready.filter((candidate) => candidate.system === 'receipts_file')) {
      if (await repository.markPosted(row.id, token, { externalId: null, receiptsDay: localDateIn(at, row.timezone), attempts: row.attempts + 1 }, at)) tally.posted += 1;
    }
    for (const system of ['buildium', 'yardi'] as const) {
      const batch = ready.filter((row) => row.system === system);
      if (batch.length === 0) continue;
      const results = await sendThrough(() => providerFor(system), system, batch, at);
      const answeredAt = now();
      for (const row of batch) {
        const result = results.get(row.id);
        const attempts = row.attempts + 1;
        if (result?.ok) {
          if (await repository.markPosted(row.id, token, { externalId: result.externalId, receiptsDay: null, attempts }, answeredAt)) tally.posted += 1;
          continue;
        }
        const next = result?.permanent ? null : nextAttemptAfterFailure(attempts, answeredAt);
        // Buildium's lookup settles whether an earlier send is in the ledger; Yardi's key is all there is.
        const mayBeRecorded = result?.unanswered === true || (row.may_be_recorded && system !== 'buildium');
        const recorded = await repository.markFailedAttempt(row.id, token, { attempts, nextAttemptAt: next, error: scrubError(result?.message ?? 'No answer for this posting', [row.idempotency_key, row.original_idempotency_key ?? '']), mayBeRecorded }, answeredAt);
        if (recorded && !next) tally.failed += 1;
      }
    }
    return tally;
  }

  /**
   * The `accounting-post` job: postings waiting for an accounting ID whose resident has one now become due, then
   * each company's due postings are sent, batch by batch, through one provider per company per run (Buildium's
   * leases are read once). One company failing is logged; the rest go on.
   */
  async function postDue(): Promise<{ posted: number; failed: number }> {
    const at = now();
    await repository.releaseWaiting(at);
    const total = { posted: 0, failed: 0 };
    for (const companyId of await repository.companiesWithDue(at)) {
      try {
        await repository.cancelUnneededReversals(companyId, at);
        const opened = new Map<string, Promise<AccountingProvider>>();
        const providerFor = (system: 'buildium' | 'yardi'): Promise<AccountingProvider> => {
          let target = opened.get(system);
          if (!target) {
            target = connectionOf(companyId).then((connection) => openPostingProvider(system, connection));
            // A connection that could not be opened is tried again by the next batch, not remembered.
            target.catch(() => opened.delete(system));
            opened.set(system, target);
          }
          return target;
        };
        for (let round = 0; round < 40; round += 1) {
          const batch = await postBatch(companyId, providerFor, at);
          total.posted += batch.posted;
          total.failed += batch.failed;
          if (batch.claimed < batchSize) break;
        }
      } catch (error) {
        logger.warn({ companyId, err: scrubError(error instanceof Error ? error.message : String(error)) }, 'Posting payments to the accounting system failed');
      }
    }
    return total;
  }

  async function list(principal: Principal, query: { status?: PostingStatus | undefined; companyId?: string | undefined; limit: number; cursor?: string | undefined }): Promise<PostingList> {
    const companyId = await companyFor(principal, query.companyId);
    const [rows, counts, company] = await Promise.all([repository.list(companyId, { status: query.status, limit: query.limit, cursor: query.cursor }), repository.counts(companyId), repository.companyOf(companyId)]);
    if (!rows) throw invalid([{ path: 'cursor', message: 'Unknown cursor: start from the first page' }]);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toPosting),
      nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
      counts,
      system: company ? postingSystemFor(company.integration_provider, company.integration_kind) : null,
    };
  }

  async function retry(principal: Principal, postingId: string): Promise<Posting> {
    const companyId = await companyFor(principal, undefined);
    const at = now();
    await db.transaction().execute(async (trx) => {
      const before = await repository.find(companyId, postingId);
      if (!before) throw notFound('Posting', 'posting_not_found');
      const row = await repository.retry(trx, companyId, postingId, at);
      if (!row) throw conflict('posting_not_failed', `This posting is ${before.status.replaceAll('_', ' ')}, not failed: only a failed posting can be retried`);
      // A returned payment's posting may reach the ledger now: its reversal, cancelled as not needed, follows it again.
      const reversalReopened = row.kind === 'payment' && (await repository.reopenReversal(trx, row.payment_id, at));
      await recordAudit(trx, { actorUserId: principal.userId, companyId, action: 'accounting_posting.retried', entityType: 'accounting_posting', entityId: postingId, before: { status: 'failed', attempts: before.attempts, lastError: before.last_error }, after: { status: 'pending', ...(reversalReopened ? { reversal: 'pending' } : {}) } });
    });
    const after = await repository.find(companyId, postingId);
    if (!after) throw notFound('Posting', 'posting_not_found');
    return toPosting(after);
  }

  /** The company's receipts days, newest first; today's (the company's day) is marked in progress. */
  async function receiptDays(principal: Principal, companyId: string | undefined): Promise<{ items: ReceiptDay[] }> {
    const id = await companyFor(principal, companyId);
    const [days, company] = await Promise.all([repository.receiptDays(id), repository.companyOf(id)]);
    const today = localDateIn(now(), company?.timezone ?? 'UTC');
    return { items: days.map((day) => ({ ...day, inProgress: day.day === today })) };
  }

  /** A day's receipts CSV: what was posted that company-local day (a day still running grows until it ends). */
  async function receipts(principal: Principal, day: string, companyId: string | undefined): Promise<{ name: string; content: string }> {
    const id = await companyFor(principal, companyId);
    const company = await repository.companyOf(id);
    if (!company) throw notFound('Company', 'company_not_found');
    const file = await receiptsFile(id, day);
    return { name: `${company.slug}-receipts-${day}.csv`, content: file.content };
  }

  /** A company's receipts CSV for a day, with its line count (the SFTP delivery sends only a day with lines). */
  async function receiptsFile(companyId: string, day: string): Promise<{ content: string; lines: number }> {
    const company = await repository.companyOf(companyId);
    if (!company) throw notFound('Company', 'company_not_found');
    const rows = await repository.receiptsOf(companyId, day);
    const lines = rows.map((row) =>
      receiptsCsvRow({
        accountingResidentId: row.accounting_resident_id,
        name: `${row.first_name} ${row.last_name}`,
        property: row.property_code ?? row.property_name,
        unit: row.unit_label,
        date: localDateIn((row.kind === 'reversal' ? row.returned_at : row.settled_at) ?? new Date(`${day}T12:00:00Z`), company.timezone),
        amountCents: row.amount_cents,
        kind: row.kind,
        paymentId: row.payment_id,
        reference: row.idempotency_key,
      }),
    );
    return { content: RECEIPTS_CSV_HEADER + lines.join(''), lines: lines.length };
  }

  return { onReturnedMany, postDue, list, retry, receiptDays, receipts, receiptsFile, createForSettled: repository.createForSettled };
}

export type PostingsService = ReturnType<typeof createPostingsService>;
