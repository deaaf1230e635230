import type { Tasks } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** A company's rows in task_counts.deltas beyond which a read folds them into one. */
export const FOLD_AFTER_ROWS = 32;

/**
 * The counts behind a company's Incomplete Tasks, in one round trip to
 * `task_counts.counts_for` (migrations 0007 and 0018, where the counting lives):
 * pending review, missing accounting IDs, open support requests, payments
 * needing attention and failed postings are sums of the company's few rows in
 * `task_counts.deltas`, which triggers append in the same transaction as each
 * write of `residents`, `support_requests`, `rent_alerts` or
 * `accounting_postings`, so they
 * are exact in the statement's snapshot without counting residents; sync
 * errors look at the company's latest finished run only.
 */
export function createTasksRepository(db: Kysely<Database>) {
  /** Folds the company's rows into one, unless another reader is folding them right now. */
  async function fold(companyId: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ locked: boolean }>`
        SELECT pg_try_advisory_xact_lock(hashtextextended('task_counts.fold:' || ${companyId}, 0)) AS locked
      `.execute(trx);
      if (!rows[0]?.locked) return;
      // One statement: a concurrent read sees either the rows or their sum. Rows appended by writers
      // committing meanwhile are outside this statement's snapshot and stay.
      await sql`
        WITH folded AS (DELETE FROM task_counts.deltas WHERE company_id = ${companyId} RETURNING *)
        INSERT INTO task_counts.deltas (company_id, pending_review, missing_accounting_id, open_support_requests, payments_needing_attention, posting_failures)
        SELECT ${companyId}, sum(pending_review), sum(missing_accounting_id), sum(open_support_requests), sum(payments_needing_attention), sum(posting_failures)
        FROM folded HAVING count(*) > 0
      `.execute(trx);
    });
  }

  return {
    async countsFor(companyId: string): Promise<Tasks> {
      const { rows } = await sql<{
        delta_rows: number;
        pending_review: number;
        missing_accounting_id: number;
        sync_errors: number;
        support_requests: number;
        payments_needing_attention: number;
        posting_failures: number;
      }>`SELECT * FROM task_counts.counts_for(${companyId})`.execute(db);
      const row = rows[0];
      if (Number(row?.delta_rows ?? 0) > FOLD_AFTER_ROWS) await fold(companyId);
      return {
        pendingReview: Number(row?.pending_review ?? 0),
        missingAccountingId: Number(row?.missing_accounting_id ?? 0),
        syncErrors: Number(row?.sync_errors ?? 0),
        supportRequests: Number(row?.support_requests ?? 0),
        // Open rent alerts and postings that failed after their last try (migration 0018).
        paymentsNeedingAttention: Number(row?.payments_needing_attention ?? 0),
        postingFailures: Number(row?.posting_failures ?? 0),
      };
    },

    /** The company's rows in task_counts.deltas (tests: folding keeps them few). */
    async deltaRowsOf(companyId: string): Promise<number> {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM task_counts.deltas WHERE company_id = ${companyId}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
