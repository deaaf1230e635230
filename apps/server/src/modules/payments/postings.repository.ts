import type { PostingStatus } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/**
 * The SQL of postings to the accounting system (migration 0017). A posting is claimed for sending with
 * `FOR UPDATE SKIP LOCKED` inside the transaction that records its outcome, so two job runs (or two servers)
 * never hold, and never send, the same posting; a return waits on that lock before it decides between a
 * reversal and a cancellation.
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

    /** The payment's own posting, locked (waiting for a job run that is sending it). */
    async lockPaymentPosting(trx: Kysely<Database>, paymentId: string) {
      return trx.selectFrom('accounting_postings').selectAll().where('payment_id', '=', paymentId).where('kind', '=', 'payment').forUpdate().executeTakeFirst();
    },

    async insertReversal(trx: Kysely<Database>, posting: { company_id: string; payment_id: string; resident_id: string; system: Database['accounting_postings']['system']; amount_cents: number }, idempotencyKey: string, now: Date) {
      return trx
        .insertInto('accounting_postings')
        .values({ company_id: posting.company_id, payment_id: posting.payment_id, resident_id: posting.resident_id, kind: 'reversal', system: posting.system, idempotency_key: idempotencyKey, amount_cents: posting.amount_cents, status: 'pending', next_attempt_at: now, created_at: now, updated_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
    },

    async cancel(trx: Kysely<Database>, id: string, reason: string, now: Date) {
      await trx.updateTable('accounting_postings').set({ status: 'cancelled', last_error: reason, next_attempt_at: null, updated_at: now }).where('id', '=', id).where('status', 'in', ['waiting_for_id', 'pending', 'failed']).execute();
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

    /** Up to `limit` due postings of a company, locked for this transaction; rows another run holds are skipped. */
    async claimDue(trx: Kysely<Database>, companyId: string, now: Date, limit: number) {
      return trx
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
          'r.accounting_resident_id',
          'r.first_name',
          'r.last_name',
          'prop.accounting_code as property_code',
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
        .where('p.status', '=', 'pending')
        .where('p.next_attempt_at', '<=', now)
        .orderBy('p.created_at')
        .orderBy('p.id')
        .limit(limit)
        .forUpdate('p')
        .skipLocked()
        .execute();
    },

    async markPosted(trx: Kysely<Database>, id: string, values: { externalId: string | null; accountingResidentId: string | null; receiptsDay: string | null; attempts: number }, now: Date) {
      await trx
        .updateTable('accounting_postings')
        .set({ status: 'posted', external_id: values.externalId?.slice(0, 100) ?? null, accounting_resident_id: values.accountingResidentId, receipts_day: values.receiptsDay, attempts: values.attempts, posted_at: now, next_attempt_at: null, last_error: null, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    async markFailedAttempt(trx: Kysely<Database>, id: string, values: { attempts: number; nextAttemptAt: Date | null; error: string }, now: Date) {
      await trx
        .updateTable('accounting_postings')
        .set({ status: values.nextAttemptAt ? 'pending' : 'failed', attempts: values.attempts, next_attempt_at: values.nextAttemptAt, last_error: values.error, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    /** The resident lost their accounting ID since the posting was made: it waits again. */
    async markWaiting(trx: Kysely<Database>, id: string, now: Date) {
      await trx.updateTable('accounting_postings').set({ status: 'waiting_for_id', next_attempt_at: null, updated_at: now }).where('id', '=', id).where('status', '=', 'pending').execute();
    },

    /** A failed posting made due again with a fresh set of tries (the landlord's Retry). */
    async retry(trx: Kysely<Database>, companyId: string, id: string, now: Date) {
      return trx
        .updateTable('accounting_postings')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
        .where('id', '=', id)
        .where('company_id', '=', companyId)
        .where('status', '=', 'failed')
        .returning(['id', 'status', 'last_error', 'attempts'])
        .executeTakeFirst();
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
        .selectFrom('accounting_postings')
        .select([
          'receipts_day',
          (eb) => eb.fn.countAll<string>().as('n'),
          sql<string>`sum(CASE WHEN kind = 'reversal' THEN -amount_cents ELSE amount_cents END)`.as('net'),
        ])
        .where('company_id', '=', companyId)
        .where('system', '=', 'receipts_file')
        .where('status', '=', 'posted')
        .where('receipts_day', 'is not', null)
        .groupBy('receipts_day')
        .orderBy('receipts_day', 'desc')
        .limit(400)
        .execute();
      return rows.map((row) => ({ day: row.receipts_day ?? '', count: Number(row.n), netCents: Number(row.net) }));
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
export type ClaimedPosting = Awaited<ReturnType<PostingsRepository['claimDue']>>[number];
export type ListedPosting = NonNullable<Awaited<ReturnType<PostingsRepository['find']>>>;
