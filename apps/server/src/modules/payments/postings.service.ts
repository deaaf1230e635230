import type { Posting, PostingList, PostingStatus, ReceiptDay } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import type { PaymentPosting, PostingResult, ReversalPosting } from '../../integrations/accounting/accounting-provider.ts';
import type { Connection } from '../../integrations/accounting/accounting-source.ts';
import { openPostingProvider } from '../../integrations/accounting/posting-target.ts';
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
  /** Postings sent per transaction; the claim holds their rows for that long. */
  batchSize?: number;
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
 * `accounting-post` job sends the due ones, each batch in one transaction that claims its rows with
 * `FOR UPDATE SKIP LOCKED` and records every outcome, so no posting is sent by two runs at once. A send whose
 * transaction does not commit (a crash mid-batch) is sent again with the same idempotency key.
 */
export function createPostingsService({ db, repository, connectionOf, logger, now = () => new Date(), batchSize = 25 }: Deps) {
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

  /** The returning transaction's part: reverse a posted payment, or never post one returned first. */
  async function onReturned(trx: Kysely<Database>, paymentId: string, at: Date): Promise<'reversal' | 'cancelled' | 'none'> {
    const posting = await repository.lockPaymentPosting(trx, paymentId);
    if (!posting || posting.status === 'cancelled') return 'none';
    if (posting.status === 'posted') {
      await repository.insertReversal(trx, posting, idempotencyKeyOf(paymentId, 'reversal'), at);
      return 'reversal';
    }
    await repository.cancel(trx, posting.id, 'Returned by the bank before it was posted: not posted to the accounting system', at);
    return 'cancelled';
  }

  const dateOf = (row: ClaimedPosting, at: Date) => localDateIn((row.kind === 'reversal' ? row.returned_at : row.settled_at) ?? at, row.timezone);

  function paymentOf(row: ClaimedPosting, at: Date): PaymentPosting {
    return {
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
  async function sendThrough(companyId: string, system: 'buildium' | 'yardi', rows: ClaimedPosting[], at: Date): Promise<Map<string, PostingResult>> {
    const results = new Map<string, PostingResult>();
    const failAll = (message: string) => {
      for (const row of rows) results.set(row.id, { paymentId: row.payment_id, ok: false, externalId: null, message });
    };
    try {
      const provider = openPostingProvider(system, await connectionOf(companyId));
      const payments = rows.filter((row) => row.kind === 'payment');
      const reversals = rows.filter((row) => row.kind === 'reversal');
      const paid = payments.length > 0 && provider.postPayments ? await provider.postPayments(payments.map((row) => paymentOf(row, at))) : [];
      const reversed = reversals.length > 0 && provider.postReversals ? await provider.postReversals(reversals.map((row) => reversalOf(row, at))) : [];
      payments.forEach((row, index) => results.set(row.id, paid[index] ?? { paymentId: row.payment_id, ok: false, externalId: null, message: `${system} cannot post payments` }));
      reversals.forEach((row, index) => results.set(row.id, reversed[index] ?? { paymentId: row.payment_id, ok: false, externalId: null, message: `${system} cannot post reversals` }));
    } catch (error) {
      failAll(error instanceof Error ? error.message : String(error));
    }
    return results;
  }

  /** One transaction: claim up to a batch, send it, record each outcome. Answers how many it claimed. */
  async function postBatch(companyId: string, at: Date): Promise<{ claimed: number; posted: number; failed: number }> {
    return db.transaction().execute(async (trx) => {
      const rows = await repository.claimDue(trx, companyId, at, batchSize);
      const tally = { claimed: rows.length, posted: 0, failed: 0 };
      const ready: ClaimedPosting[] = [];
      for (const row of rows) {
        if (row.accounting_resident_id) ready.push(row);
        else await repository.markWaiting(trx, row.id, at);
      }
      const files = ready.filter((row) => row.system === 'receipts_file');
      for (const row of files) {
        await repository.markPosted(trx, row.id, { externalId: null, accountingResidentId: row.accounting_resident_id, receiptsDay: localDateIn(at, row.timezone), attempts: row.attempts + 1 }, at);
        tally.posted += 1;
      }
      for (const system of ['buildium', 'yardi'] as const) {
        const batch = ready.filter((row) => row.system === system);
        if (batch.length === 0) continue;
        const results = await sendThrough(companyId, system, batch, at);
        for (const row of batch) {
          const result = results.get(row.id);
          const attempts = row.attempts + 1;
          if (result?.ok) {
            await repository.markPosted(trx, row.id, { externalId: result.externalId, accountingResidentId: row.accounting_resident_id, receiptsDay: null, attempts }, at);
            tally.posted += 1;
          } else {
            const next = nextAttemptAfterFailure(attempts, at);
            await repository.markFailedAttempt(trx, row.id, { attempts, nextAttemptAt: next, error: scrubError(result?.message ?? 'No answer for this posting') }, at);
            if (!next) tally.failed += 1;
          }
        }
      }
      return tally;
    });
  }

  /**
   * The `accounting-post` job: postings waiting for an accounting ID whose resident has one now become due, then
   * each company's due postings are sent, a batch per transaction. One company failing is logged; the rest go on.
   */
  async function postDue(): Promise<{ posted: number; failed: number }> {
    const at = now();
    await repository.releaseWaiting(at);
    const total = { posted: 0, failed: 0 };
    for (const companyId of await repository.companiesWithDue(at)) {
      try {
        for (let round = 0; round < 40; round += 1) {
          const batch = await postBatch(companyId, at);
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
      await recordAudit(trx, { actorUserId: principal.userId, companyId, action: 'accounting_posting.retried', entityType: 'accounting_posting', entityId: postingId, before: { status: 'failed', attempts: before.attempts, lastError: before.last_error }, after: { status: 'pending' } });
    });
    const after = await repository.find(companyId, postingId);
    if (!after) throw notFound('Posting', 'posting_not_found');
    return toPosting(after);
  }

  async function receiptDays(principal: Principal, companyId: string | undefined): Promise<{ items: ReceiptDay[] }> {
    return { items: await repository.receiptDays(await companyFor(principal, companyId)) };
  }

  /** A day's receipts CSV: what was posted that company-local day (a day still running grows until it ends). */
  async function receipts(principal: Principal, day: string, companyId: string | undefined): Promise<{ name: string; content: string }> {
    const id = await companyFor(principal, companyId);
    const company = await repository.companyOf(id);
    if (!company) throw notFound('Company', 'company_not_found');
    const rows = await repository.receiptsOf(id, day);
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
    return { name: `${company.slug}-receipts-${day}.csv`, content: RECEIPTS_CSV_HEADER + lines.join('') };
  }

  return { onReturned, postDue, list, retry, receiptDays, receipts, createForSettled: repository.createForSettled };
}

export type PostingsService = ReturnType<typeof createPostingsService>;
