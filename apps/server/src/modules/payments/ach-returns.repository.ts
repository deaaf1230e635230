import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

type ReturnEntryRow = { company_id: string; return_file_id: string; kind: 'return' | 'noc'; code: string; original_trace_number: string; amount_cents: number; corrected_data: string | null; payment_id: string | null; bank_account_id: string | null };

/** The SQL of the bank's return and NOC files: what was read, what each entry matched, and what it changed. */
export function createAchReturnsRepository(db: Kysely<Database>) {
  return {
    async fileBySha(companyId: string, sha256: string) {
      return db.selectFrom('ach_return_files').selectAll().where('company_id', '=', companyId).where('sha256', '=', sha256).executeTakeFirst();
    },

    /** The file's row; null when the same bytes were read meanwhile (by a concurrent upload). */
    async insertFile(trx: Kysely<Database>, file: { company_id: string; name: string; sha256: string; source: 'upload' | 'cli' | 'sftp'; read_by: string | null }, now: Date) {
      return trx.insertInto('ach_return_files').values({ ...file, read_at: now }).onConflict((oc) => oc.columns(['company_id', 'sha256']).doNothing()).returning('id').executeTakeFirst();
    },

    async setFileCounts(trx: Kysely<Database>, fileId: string, counts: { returns: number; nocs: number; unmatched: number }) {
      await trx.updateTable('ach_return_files').set(counts).where('id', '=', fileId).execute();
    },

    /**
     * The entry as applied, unless an entry of the same kind for the same original trace number was applied
     * before (then null: the caller records it as a duplicate and changes nothing).
     */
    async claimEntry(trx: Kysely<Database>, entry: { company_id: string; return_file_id: string; kind: 'return' | 'noc'; code: string; original_trace_number: string; amount_cents: number; corrected_data: string | null; payment_id: string | null; bank_account_id: string | null }) {
      const { rows } = await sql<{ id: string }>`
        INSERT INTO ach_return_entries (company_id, return_file_id, kind, code, original_trace_number, amount_cents, corrected_data, payment_id, bank_account_id, outcome)
        VALUES (${entry.company_id}, ${entry.return_file_id}, ${entry.kind}, ${entry.code}, ${entry.original_trace_number}, ${entry.amount_cents}, ${entry.corrected_data}, ${entry.payment_id}, ${entry.bank_account_id}, 'applied')
        ON CONFLICT (company_id, kind, original_trace_number) WHERE outcome = 'applied' DO NOTHING
        RETURNING id
      `.execute(trx);
      return rows[0]?.id ?? null;
    },

    async insertEntry(trx: Kysely<Database>, entry: { company_id: string; return_file_id: string; kind: 'return' | 'noc'; code: string; original_trace_number: string; amount_cents: number; corrected_data: string | null; payment_id: string | null; bank_account_id: string | null; outcome: 'unmatched' | 'duplicate' }) {
      await trx.insertInto('ach_return_entries').values(entry).execute();
    },

    /** The payment a trace number names at this company, locked, with what a return needs of it. */
    async paymentByTrace(trx: Kysely<Database>, companyId: string, traceNumber: string) {
      return trx
        .selectFrom('payments')
        .innerJoin('residents', 'residents.id', 'payments.resident_id')
        .innerJoin('users', 'users.id', 'payments.user_id')
        .innerJoin('bank_accounts', 'bank_accounts.id', 'payments.bank_account_id')
        .where('payments.company_id', '=', companyId)
        .where('payments.trace_number', '=', traceNumber)
        .select([
          'payments.id',
          'payments.status',
          'payments.amount_cents',
          'payments.payment_type',
          'payments.scheduled_for',
          'payments.retry_of',
          'payments.resident_id',
          'payments.user_id',
          'payments.bank_account_id',
          'payments.authorization_id',
          'payments.autopay_plan_id',
          'residents.first_name',
          'residents.last_name',
          'users.email',
          'users.first_name as user_first_name',
          'bank_accounts.last4',
        ])
        .forUpdate('payments')
        .executeTakeFirst();
    },

    /** A micro-entry (or offset) of this company's files with that trace number, and its account. */
    async entryByTrace(trx: Kysely<Database>, companyId: string, traceNumber: string) {
      return trx
        .selectFrom('ach_entries')
        .innerJoin('ach_files', 'ach_files.id', 'ach_entries.ach_file_id')
        .leftJoin('bank_accounts', 'bank_accounts.id', 'ach_entries.bank_account_id')
        .leftJoin('users', 'users.id', 'bank_accounts.user_id')
        .where('ach_files.company_id', '=', companyId)
        .where('ach_entries.trace_number', '=', traceNumber)
        .select(['ach_entries.id', 'ach_entries.purpose', 'ach_entries.bank_account_id', 'bank_accounts.last4', 'bank_accounts.user_id', 'users.email', 'users.first_name as user_first_name'])
        .executeTakeFirst();
    },

    /** `claimEntry` for many entries of one kind (distinct trace numbers): the trace numbers claimed, with their rows' ids. */
    async claimEntries(trx: Kysely<Database>, entries: ReturnEntryRow[]): Promise<Map<string, string>> {
      if (entries.length === 0) return new Map();
      const rows = await trx
        .insertInto('ach_return_entries')
        .values(entries.map((entry) => ({ ...entry, outcome: 'applied' as const })))
        .onConflict((oc) => oc.columns(['company_id', 'kind', 'original_trace_number']).where('outcome', '=', 'applied').doNothing())
        .returning(['id', 'original_trace_number'])
        .execute();
      return new Map(rows.map((row) => [row.original_trace_number, row.id]));
    },

    async insertEntries(trx: Kysely<Database>, entries: (ReturnEntryRow & { outcome: 'unmatched' | 'duplicate' })[]) {
      if (entries.length === 0) return;
      await trx.insertInto('ach_return_entries').values(entries).execute();
    },

    /** `paymentByTrace` for many trace numbers, locked (in id order): by trace number. */
    async paymentsByTraces(trx: Kysely<Database>, companyId: string, traceNumbers: readonly string[]) {
      if (traceNumbers.length === 0) return new Map<string, never>();
      const rows = await trx
        .selectFrom('payments')
        .innerJoin('residents', 'residents.id', 'payments.resident_id')
        .innerJoin('users', 'users.id', 'payments.user_id')
        .innerJoin('bank_accounts', 'bank_accounts.id', 'payments.bank_account_id')
        .where('payments.company_id', '=', companyId)
        .where('payments.trace_number', 'in', traceNumbers)
        .select([
          'payments.id',
          'payments.trace_number',
          'payments.status',
          'payments.amount_cents',
          'payments.payment_type',
          'payments.scheduled_for',
          'payments.retry_of',
          'payments.resident_id',
          'payments.user_id',
          'payments.bank_account_id',
          'payments.authorization_id',
          'payments.autopay_plan_id',
          'residents.first_name',
          'residents.last_name',
          'users.email',
          'users.first_name as user_first_name',
          'bank_accounts.last4',
        ])
        .orderBy('payments.id')
        .forUpdate('payments')
        .execute();
      const byTrace = new Map<string, (typeof rows)[number]>();
      for (const row of rows) if (row.trace_number && !byTrace.has(row.trace_number)) byTrace.set(row.trace_number, row);
      return byTrace;
    },

    /** `entryByTrace` for many trace numbers: by trace number. */
    async entriesByTraces(trx: Kysely<Database>, companyId: string, traceNumbers: readonly string[]) {
      if (traceNumbers.length === 0) return new Map<string, never>();
      const rows = await trx
        .selectFrom('ach_entries')
        .innerJoin('ach_files', 'ach_files.id', 'ach_entries.ach_file_id')
        .leftJoin('bank_accounts', 'bank_accounts.id', 'ach_entries.bank_account_id')
        .leftJoin('users', 'users.id', 'bank_accounts.user_id')
        .where('ach_files.company_id', '=', companyId)
        .where('ach_entries.trace_number', 'in', traceNumbers)
        .select(['ach_entries.id', 'ach_entries.trace_number', 'ach_entries.purpose', 'ach_entries.bank_account_id', 'bank_accounts.last4', 'bank_accounts.user_id', 'users.email', 'users.first_name as user_first_name'])
        .execute();
      const byTrace = new Map<string, (typeof rows)[number]>();
      for (const row of rows) if (!byTrace.has(row.trace_number)) byTrace.set(row.trace_number, row);
      return byTrace;
    },

    /** `markReturned` for many payments in one statement. */
    async markReturnedMany(trx: Kysely<Database>, payments: { id: string; code: string; words: string }[], now: Date) {
      if (payments.length === 0) return;
      await sql`
        UPDATE payments p SET status = 'returned', return_code = v.code, status_reason = 'Returned by the bank: ' || v.words, returned_at = ${now}, updated_at = ${now}
        FROM unnest(${payments.map((p) => p.id)}::uuid[], ${payments.map((p) => p.code)}::text[], ${payments.map((p) => p.words)}::text[]) AS v(id, code, words)
        WHERE p.id = v.id
      `.execute(trx);
    },

    /** `setAccountStatus` for many accounts (each once) in one statement. */
    async setAccountStatuses(trx: Kysely<Database>, accounts: { id: string; status: 'disabled' | 'blocked'; reason: string }[], now: Date) {
      if (accounts.length === 0) return;
      await sql`
        UPDATE bank_accounts b SET status = v.status, status_reason = v.reason, updated_at = ${now}
        FROM unnest(${accounts.map((a) => a.id)}::uuid[], ${accounts.map((a) => a.status)}::text[], ${accounts.map((a) => a.reason)}::text[]) AS v(id, status, reason)
        WHERE b.id = v.id
      `.execute(trx);
    },

    /** `cancelAutopayOnAccount` for many accounts. */
    async cancelAutopayOnAccounts(trx: Kysely<Database>, bankAccountIds: readonly string[], now: Date) {
      if (bankAccountIds.length === 0) return 0;
      const rows = await trx.updateTable('autopay_plans').set({ status: 'cancelled', cancelled_at: now, updated_at: now }).where('bank_account_id', 'in', bankAccountIds).where('status', '<>', 'cancelled').returning('id').execute();
      return rows.length;
    },

    /** `triesOf` for many originals: by original id. */
    async triesOfMany(trx: Kysely<Database>, originalIds: readonly string[]) {
      const tries = new Map<string, { tries: number; originalDate: string }>();
      if (originalIds.length === 0) return tries;
      const { rows } = await sql<{ original: string; n: string; first_date: string }>`
        SELECT coalesce(retry_of, id) AS original, count(*) AS n, min(scheduled_for)::text AS first_date
        FROM payments WHERE id = ANY(${originalIds}::uuid[]) OR retry_of = ANY(${originalIds}::uuid[])
        GROUP BY 1
      `.execute(trx);
      for (const row of rows) tries.set(row.original, { tries: Number(row.n), originalDate: row.first_date });
      return tries;
    },

    /** `insertRetry` for many returned payments in one statement: the retries inserted, by returned payment id. */
    async insertRetries(
      trx: Kysely<Database>,
      retries: { returnedPaymentId: string; values: { company_id: string; resident_id: string; user_id: string; bank_account_id: string; authorization_id: string; autopay_plan_id: string | null; amount_cents: number; payment_type: 'S' | 'R'; scheduled_for: string; retry_of: string } }[],
      now: Date,
    ): Promise<Map<string, string>> {
      if (retries.length === 0) return new Map();
      const rows = await trx
        .insertInto('payments')
        .values(retries.map((retry) => ({ ...retry.values, idempotency_key: `retry:${retry.returnedPaymentId}`, status_reason: 'Presented again after a return', created_at: now, updated_at: now })))
        .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
        .returning(['id', 'idempotency_key'])
        .execute();
      return new Map(rows.map((row) => [(row.idempotency_key ?? '').slice('retry:'.length), row.id]));
    },

    async markReturned(trx: Kysely<Database>, paymentId: string, code: string, words: string, now: Date) {
      await trx.updateTable('payments').set({ status: 'returned', return_code: code, status_reason: `Returned by the bank: ${words}`, returned_at: now, updated_at: now }).where('id', '=', paymentId).execute();
    },

    async setAccountStatus(trx: Kysely<Database>, bankAccountId: string, status: 'disabled' | 'blocked', reason: string, now: Date) {
      await trx.updateTable('bank_accounts').set({ status, status_reason: reason, updated_at: now }).where('id', '=', bankAccountId).execute();
    },

    async lockAccount(trx: Kysely<Database>, bankAccountId: string) {
      return trx.selectFrom('bank_accounts').select(['id', 'user_id', 'company_id', 'numbers_encrypted', 'account_type', 'last4']).where('id', '=', bankAccountId).forUpdate().executeTakeFirst();
    },

    async correctAccount(trx: Kysely<Database>, bankAccountId: string, values: { numbers_encrypted: string; fingerprint: string; last4: string; account_type: 'checking' | 'savings' }, now: Date) {
      await trx.updateTable('bank_accounts').set({ ...values, updated_at: now }).where('id', '=', bankAccountId).execute();
    },

    /** Autopay plans drawing on an account, cancelled (a blocked account needs a new authorization). */
    async cancelAutopayOnAccount(trx: Kysely<Database>, bankAccountId: string, now: Date) {
      const rows = await trx.updateTable('autopay_plans').set({ status: 'cancelled', cancelled_at: now, updated_at: now }).where('bank_account_id', '=', bankAccountId).where('status', '<>', 'cancelled').returning('id').execute();
      return rows.length;
    },

    /** The tries of a payment so far: the original and every retry of it. */
    async triesOf(trx: Kysely<Database>, originalId: string) {
      const row = await trx
        .selectFrom('payments')
        .where((eb) => eb.or([eb('id', '=', originalId), eb('retry_of', '=', originalId)]))
        .select([sql<string>`count(*)`.as('n'), sql<string>`min(scheduled_for)::text`.as('first_date')])
        .executeTakeFirstOrThrow();
      return { tries: Number(row.n), originalDate: row.first_date };
    },

    async insertRetry(
      trx: Kysely<Database>,
      values: { company_id: string; resident_id: string; user_id: string; bank_account_id: string; authorization_id: string; autopay_plan_id: string | null; amount_cents: number; payment_type: 'S' | 'R'; scheduled_for: string; retry_of: string },
      returnedPaymentId: string,
      now: Date,
    ) {
      // One retry per returned payment: its key names the payment that came back.
      const row = await trx
        .insertInto('payments')
        .values({ ...values, idempotency_key: `retry:${returnedPaymentId}`, status_reason: 'Presented again after a return', created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** The names of the files already fetched from a company's bank folder: each is downloaded once. */
    async fetchedNames(companyId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('ach_return_files').select('name').where('company_id', '=', companyId).where('source', '=', 'sftp').execute();
      return new Set(rows.map((row) => row.name));
    },

    async companiesFetchingReturns() {
      return db.selectFrom('payment_settings').selectAll().where('sftp_returns_dir', 'is not', null).execute();
    },


    async files(companyId: string | null, limit: number) {
      let query = db.selectFrom('ach_return_files').innerJoin('companies', 'companies.id', 'ach_return_files.company_id').selectAll('ach_return_files').select('companies.name as company_name').orderBy('ach_return_files.read_at', 'desc').limit(limit);
      if (companyId) query = query.where('ach_return_files.company_id', '=', companyId);
      return query.execute();
    },

    /** Entries that matched nothing of ours: support looks at each (a bank's mistake, or an entry we lost). */
    async unmatched(companyId: string | null, limit: number) {
      let query = db
        .selectFrom('ach_return_entries')
        .innerJoin('ach_return_files', 'ach_return_files.id', 'ach_return_entries.return_file_id')
        .innerJoin('companies', 'companies.id', 'ach_return_entries.company_id')
        .where('ach_return_entries.outcome', '=', 'unmatched')
        .select(['ach_return_entries.id', 'ach_return_entries.kind', 'ach_return_entries.code', 'ach_return_entries.original_trace_number', 'ach_return_entries.amount_cents', 'ach_return_entries.created_at', 'ach_return_files.name as file_name', 'companies.name as company_name'])
        .orderBy('ach_return_entries.created_at', 'desc')
        .limit(limit);
      if (companyId) query = query.where('ach_return_entries.company_id', '=', companyId);
      return query.execute();
    },

    /** Debits and their returns by kind over a period: the company's return rates. */
    async returnCounts(companyId: string, since: Date) {
      const row = await db
        .selectFrom('payments')
        .where('company_id', '=', companyId)
        .where('ach_file_id', 'is not', null)
        .where('created_at', '>=', since)
        .select([
          sql<string>`count(*)`.as('debits'),
          sql<string>`count(*) FILTER (WHERE return_code IN ('R05', 'R07', 'R10', 'R11', 'R29', 'R51'))`.as('unauthorized'),
          sql<string>`count(*) FILTER (WHERE return_code IN ('R02', 'R03', 'R04'))`.as('administrative'),
          sql<string>`count(*) FILTER (WHERE return_code IS NOT NULL)`.as('overall'),
        ])
        .executeTakeFirstOrThrow();
      return { debits: Number(row.debits), unauthorized: Number(row.unauthorized), administrative: Number(row.administrative), overall: Number(row.overall) };
    },
  };
}

export type AchReturnsRepository = ReturnType<typeof createAchReturnsRepository>;
