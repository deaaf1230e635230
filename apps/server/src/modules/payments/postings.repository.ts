import type { PostingStatus } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/**
 * The SQL of postings to the accounting system (migration 0017). A job run claims due postings in one short
 * statement (claimed_by, claim_expires_at; `FOR UPDATE SKIP LOCKED`, so two runs or two servers never claim the
 * same one), sends them holding no lock, and records each outcome guarded by its claim. A return locks the
 * payment's posting only for its own short transaction and decides between a reversal and a cancellation from
 * what the row says was sent.
 */
export function createPostingsRepository(db: Kysely<Database>) {
  const listColumns = [
    'p.id',
    'p.company_id',
    'p.payment_id',
    'p.resident_id',
    'p.kind',
    'p.system',
    'p.idempotency_key',
    'p.amount_cents',
    'p.status',
    'p.attempts',
    'p.next_attempt_at',
    'p.last_error',
    'p.external_id',
    'p.accounting_resident_id',
    'p.posted_at',
    'p.receipts_day',
    'p.created_at',
    'r.first_name',
    'r.last_name',
    'r.accounting_resident_id as current_accounting_resident_id',
  ] as const;

  return {
    /**
     * The settling transaction's postings: one per payment, to the company's system, pending or waiting for the
     * resident's accounting ID. A company without an accounting system gets none; a second call adds nothing.
     */
    async createForSettled(trx: Kysely<Database>, paymentIds: string[], now: Date): Promise<number> {
      if (paymentIds.length === 0) return 0;
      const result = await sql`
        INSERT INTO accounting_postings (company_id, payment_id, resident_id, kind, system, idempotency_key, amount_cents, status, next_attempt_at, created_at, updated_at)
        SELECT pay.company_id, pay.id, pay.resident_id, 'payment', sys.system,
               'P' || substr(replace(pay.id::text, '-', ''), 1, 29), pay.amount_cents,
               CASE WHEN r.accounting_resident_id IS NULL THEN 'waiting_for_id' ELSE 'pending' END,
               ${now}, ${now}, ${now}
        FROM payments pay
        JOIN residents r ON r.id = pay.resident_id
        JOIN companies c ON c.id = pay.company_id
        CROSS JOIN LATERAL (SELECT CASE
          WHEN c.integration_provider IN ('buildium', 'yardi') THEN c.integration_provider
          WHEN c.integration_provider IN ('csv', 'mits') OR (c.integration_provider IS NULL AND c.integration_kind = 'file') THEN 'receipts_file'
        END AS system) sys
        WHERE pay.id = ANY(${paymentIds}::uuid[]) AND pay.status = 'settled' AND sys.system IS NOT NULL
        ON CONFLICT DO NOTHING
      `.execute(trx);
      return Number(result.numAffectedRows ?? 0);
    },

    /** The payment postings of many payments (a return file's chunk), locked for the returning transaction (a claim takes one only for a moment). */
    async lockPaymentPostings(trx: Kysely<Database>, paymentIds: readonly string[]) {
      if (paymentIds.length === 0) return [];
      return trx.selectFrom('accounting_postings').selectAll().where('payment_id', 'in', paymentIds).where('kind', '=', 'payment').orderBy('id').forUpdate().execute();
    },

    /** Reversals, in one statement: each carries its original's accounting resident ID and property code (the claim takes them again from it once it is posted). */
    async insertReversals(
      trx: Kysely<Database>,
      postings: { company_id: string; payment_id: string; resident_id: string; system: Database['accounting_postings']['system']; amount_cents: number; accounting_resident_id: string | null; accounting_property_code: string | null; idempotency_key: string }[],
      now: Date,
    ) {
      if (postings.length === 0) return;
      await trx
        .insertInto('accounting_postings')
        .values(postings.map((posting) => ({ company_id: posting.company_id, payment_id: posting.payment_id, resident_id: posting.resident_id, kind: 'reversal' as const, system: posting.system, idempotency_key: posting.idempotency_key, amount_cents: posting.amount_cents, accounting_resident_id: posting.accounting_resident_id, accounting_property_code: posting.accounting_property_code, status: 'pending' as const, next_attempt_at: now, created_at: now, updated_at: now })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    /** Cancels postings not yet posted, in one statement. */
    async cancelMany(trx: Kysely<Database>, ids: readonly string[], reason: string, now: Date) {
      if (ids.length === 0) return;
      await trx.updateTable('accounting_postings').set({ status: 'cancelled', last_error: reason, next_attempt_at: null, updated_at: now }).where('id', 'in', ids).where('status', 'in', ['waiting_for_id', 'pending', 'failed']).execute();
    },


    /** Postings waiting for an accounting ID whose resident now has one (set by a sync or an edit) become due. */
    async releaseWaiting(now: Date): Promise<number> {
      const result = await sql`
        UPDATE accounting_postings p SET status = 'pending', next_attempt_at = ${now}, updated_at = ${now}
        FROM residents r
        WHERE p.status = 'waiting_for_id' AND r.id = p.resident_id AND r.accounting_resident_id IS NOT NULL
      `.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    async companiesWithDue(now: Date): Promise<string[]> {
      const rows = await db.selectFrom('accounting_postings').select('company_id').distinct().where('status', '=', 'pending').where('next_attempt_at', '<=', now).execute();
      return rows.map((row) => row.company_id);
    },

    /**
     * Claims up to `limit` due postings of a company for the run `token` until `expiresAt`, in one short
     * statement (`FOR UPDATE SKIP LOCKED`, so two runs never claim the same row); nothing stays locked while
     * the run sends. A row whose earlier claim expired (its run died or overran mid-send) is claimed again with
     * `may_be_recorded` set. A reversal is due only once its payment's posting is posted. The claim records what
     * the posting is sent under: a payment, the resident's accounting ID and property code (or, when an earlier
     * send may be in the ledger, what that send used); a reversal, its original's.
     */
    async claimDue(companyId: string, now: Date, limit: number, token: string, expiresAt: Date): Promise<number> {
      const result = await sql`
        WITH due AS (
          SELECT p.id FROM accounting_postings p
          LEFT JOIN accounting_postings o ON p.kind = 'reversal' AND o.payment_id = p.payment_id AND o.kind = 'payment' AND o.system = p.system
          WHERE p.company_id = ${companyId} AND p.status = 'pending' AND p.next_attempt_at <= ${now}
            AND (p.claimed_by IS NULL OR p.claim_expires_at < ${now})
            AND (p.kind = 'payment' OR o.status = 'posted')
          ORDER BY p.created_at, p.id
          LIMIT ${limit}
          FOR UPDATE OF p SKIP LOCKED
        )
        UPDATE accounting_postings p SET
          may_be_recorded = p.may_be_recorded OR p.claimed_by IS NOT NULL,
          claimed_by = ${token}::uuid,
          claim_expires_at = ${expiresAt},
          updated_at = ${now},
          accounting_resident_id = CASE
            WHEN p.kind = 'reversal' THEN (SELECT o.accounting_resident_id FROM accounting_postings o WHERE o.payment_id = p.payment_id AND o.kind = 'payment' AND o.system = p.system)
            WHEN (p.may_be_recorded OR p.claimed_by IS NOT NULL) AND p.accounting_resident_id IS NOT NULL THEN p.accounting_resident_id
            ELSE (SELECT r.accounting_resident_id FROM residents r WHERE r.id = p.resident_id)
          END,
          accounting_property_code = CASE
            WHEN p.kind = 'reversal' THEN (SELECT o.accounting_property_code FROM accounting_postings o WHERE o.payment_id = p.payment_id AND o.kind = 'payment' AND o.system = p.system)
            WHEN (p.may_be_recorded OR p.claimed_by IS NOT NULL) AND p.accounting_resident_id IS NOT NULL THEN p.accounting_property_code
            ELSE (SELECT prop.accounting_code FROM residents r JOIN properties prop ON prop.id = r.property_id WHERE r.id = p.resident_id)
          END
        FROM due
        WHERE p.id = due.id
      `.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /** What the run `token` claimed and has not recorded yet, with what sending it needs. */
    async claimed(companyId: string, token: string) {
      return db
        .selectFrom('accounting_postings as p')
        .innerJoin('residents as r', 'r.id', 'p.resident_id')
        .innerJoin('payments as pay', 'pay.id', 'p.payment_id')
        .innerJoin('companies as c', 'c.id', 'p.company_id')
        .leftJoin('properties as prop', 'prop.id', 'r.property_id')
        .leftJoin('units as u', 'u.id', 'r.unit_id')
        .leftJoin('accounting_postings as original', (join) => join.onRef('original.payment_id', '=', 'p.payment_id').on('original.kind', '=', 'payment').onRef('original.system', '=', 'p.system'))
        .select([
          'p.id',
          'p.payment_id',
          'p.kind',
          'p.system',
          'p.idempotency_key',
          'p.amount_cents',
          'p.attempts',
          'p.may_be_recorded',
          'p.accounting_resident_id',
          'p.accounting_property_code as property_code',
          'r.first_name',
          'r.last_name',
          'prop.name as property_name',
          'u.label as unit_label',
          'pay.settled_at',
          'pay.returned_at',
          'pay.status_reason',
          'c.timezone',
          'original.external_id as original_external_id',
          'original.idempotency_key as original_idempotency_key',
        ])
        .where('p.company_id', '=', companyId)
        .where('p.claimed_by', '=', token)
        .where('p.status', '=', 'pending')
        .orderBy('p.created_at')
        .orderBy('p.id')
        .execute();
    },

    /** Reversals whose payment's posting will never be posted (failed for good, or cancelled): not needed. */
    async cancelUnneededReversals(companyId: string, now: Date): Promise<number> {
      const result = await sql`
        UPDATE accounting_postings p SET status = 'cancelled', next_attempt_at = null, updated_at = ${now},
          last_error = 'Not needed: the payment it would reverse was never posted to the accounting system'
        FROM accounting_postings o
        WHERE p.company_id = ${companyId} AND p.kind = 'reversal' AND p.status = 'pending' AND p.claimed_by IS NULL
          AND o.payment_id = p.payment_id AND o.kind = 'payment' AND o.system = p.system AND o.status IN ('failed', 'cancelled')
      `.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    /** The run's outcome of one posting, only while its claim is its own (a run whose claim was taken over records nothing). */
    async markPosted(id: string, token: string, values: { externalId: string | null; receiptsDay: string | null; attempts: number }, now: Date) {
      const result = await db
        .updateTable('accounting_postings')
        .set({ status: 'posted', external_id: values.externalId?.slice(0, 100) ?? null, receipts_day: values.receiptsDay, attempts: values.attempts, posted_at: now, next_attempt_at: null, last_error: null, claimed_by: null, claim_expires_at: null, may_be_recorded: false, updated_at: now })
        .where('id', '=', id)
        .where('claimed_by', '=', token)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** A failed attempt; `mayBeRecorded`: no answer came, so it may be in the ledger. */
    async markFailedAttempt(id: string, token: string, values: { attempts: number; nextAttemptAt: Date | null; error: string; mayBeRecorded: boolean }, now: Date) {
      const result = await db
        .updateTable('accounting_postings')
        .set({ status: values.nextAttemptAt ? 'pending' : 'failed', attempts: values.attempts, next_attempt_at: values.nextAttemptAt, last_error: values.error, may_be_recorded: values.mayBeRecorded, claimed_by: null, claim_expires_at: null, updated_at: now })
        .where('id', '=', id)
        .where('claimed_by', '=', token)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The resident has no accounting ID (lost since the posting was made): it waits again. */
    async markWaiting(id: string, token: string, now: Date) {
      await db.updateTable('accounting_postings').set({ status: 'waiting_for_id', next_attempt_at: null, claimed_by: null, claim_expires_at: null, updated_at: now }).where('id', '=', id).where('claimed_by', '=', token).where('status', '=', 'pending').execute();
    },

    /** A failed posting made due again with a fresh set of tries (the landlord's Retry). */
    async retry(trx: Kysely<Database>, companyId: string, id: string, now: Date) {
      return trx
        .updateTable('accounting_postings')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
        .where('id', '=', id)
        .where('company_id', '=', companyId)
        .where('status', '=', 'failed')
        .returning(['id', 'status', 'last_error', 'attempts', 'kind', 'payment_id'])
        .executeTakeFirst();
    },

    /**
     * A payment posting retried after its payment was returned: the reversal cancelled as not needed (the posting
     * had failed for good) is needed again, and waits on it once more. Answers whether there was one.
     */
    async reopenReversal(trx: Kysely<Database>, paymentId: string, now: Date): Promise<boolean> {
      const result = await trx
        .updateTable('accounting_postings')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, updated_at: now })
        .where('payment_id', '=', paymentId)
        .where('kind', '=', 'reversal')
        .where('status', '=', 'cancelled')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async find(companyId: string, id: string) {
      return db.selectFrom('accounting_postings as p').innerJoin('residents as r', 'r.id', 'p.resident_id').select(listColumns).where('p.company_id', '=', companyId).where('p.id', '=', id).executeTakeFirst();
    },

    /** Newest first, keyset-paged by (created_at, id) from the cursor's row. */
    async list(companyId: string, options: { status: PostingStatus | undefined; limit: number; cursor: string | undefined }) {
      let query = db.selectFrom('accounting_postings as p').innerJoin('residents as r', 'r.id', 'p.resident_id').select(listColumns).where('p.company_id', '=', companyId);
      if (options.status) query = query.where('p.status', '=', options.status);
      if (options.cursor) {
        const cursor = await db.selectFrom('accounting_postings').select(['created_at', 'id']).where('id', '=', options.cursor).where('company_id', '=', companyId).executeTakeFirst();
        if (!cursor) return null;
        query = query.where((eb) => eb.or([eb('p.created_at', '<', cursor.created_at), eb.and([eb('p.created_at', '=', cursor.created_at), eb('p.id', '<', cursor.id)])]));
      }
      return query.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(options.limit + 1).execute();
    },

    async counts(companyId: string): Promise<Record<PostingStatus, number>> {
      const rows = await db.selectFrom('accounting_postings').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('company_id', '=', companyId).groupBy('status').execute();
      const counts: Record<PostingStatus, number> = { waiting_for_id: 0, pending: 0, posted: 0, failed: 0, cancelled: 0 };
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },

    async companyOf(companyId: string) {
      return db.selectFrom('companies').select(['id', 'integration_provider', 'integration_kind', 'timezone', 'slug']).where('id', '=', companyId).executeTakeFirst();
    },

    async receiptDays(companyId: string) {
      const rows = await db
        .selectFrom('accounting_postings as p')
        .leftJoin('receipts_deliveries as d', (join) => join.onRef('d.company_id', '=', 'p.company_id').onRef('d.day', '=', 'p.receipts_day'))
        .select([
          'p.receipts_day',
          (eb) => eb.fn.countAll<string>().as('n'),
          sql<string>`sum(CASE WHEN p.kind = 'reversal' THEN -p.amount_cents ELSE p.amount_cents END)`.as('net'),
          sql<Date | null>`max(d.delivered_at)`.as('delivered_at'),
          sql<string | null>`max(d.last_error)`.as('last_error'),
        ])
        .where('p.company_id', '=', companyId)
        .where('p.system', '=', 'receipts_file')
        .where('p.status', '=', 'posted')
        .where('p.receipts_day', 'is not', null)
        .groupBy('p.receipts_day')
        .orderBy('p.receipts_day', 'desc')
        .limit(400)
        .execute();
      return rows.map((row) => ({
        day: row.receipts_day ?? '',
        count: Number(row.n),
        netCents: Number(row.net),
        deliveredAt: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
        deliveryError: row.delivered_at ? null : row.last_error,
      }));
    },

    async receiptsOf(companyId: string, day: string) {
      return db
        .selectFrom('accounting_postings as p')
        .innerJoin('residents as r', 'r.id', 'p.resident_id')
        .leftJoin('properties as prop', 'prop.id', 'r.property_id')
        .leftJoin('units as u', 'u.id', 'r.unit_id')
        .innerJoin('payments as pay', 'pay.id', 'p.payment_id')
        .select(['p.id', 'p.kind', 'p.payment_id', 'p.idempotency_key', 'p.amount_cents', 'p.accounting_resident_id', 'r.first_name', 'r.last_name', 'prop.accounting_code as property_code', 'prop.name as property_name', 'u.label as unit_label', 'pay.settled_at', 'pay.returned_at', 'pay.trace_number'])
        .where('p.company_id', '=', companyId)
        .where('p.system', '=', 'receipts_file')
        .where('p.status', '=', 'posted')
        .where('p.receipts_day', '=', day)
        .orderBy('p.posted_at')
        .orderBy('p.id')
        .execute();
    },
  };
}

export type PostingsRepository = ReturnType<typeof createPostingsRepository>;
export type ClaimedPosting = Awaited<ReturnType<PostingsRepository['claimed']>>[number];
export type ListedPosting = NonNullable<Awaited<ReturnType<PostingsRepository['find']>>>;
