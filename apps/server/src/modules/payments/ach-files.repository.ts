import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** One cursor per debit batch: the company's own payments, and the retries of returned ones. */
const cursorOf = (batch: 'regular' | 'retry') => (batch === 'regular' ? 'due_payments' : 'due_retries');

/** The SQL of NACHA files: what is due for a file, and the file with its entries once written. */
export function createAchFilesRepository(db: Kysely<Database>) {
  return {
    /**
     * Scheduled payments due by the file day, on verified accounts, oldest first, with what the file needs of
     * each: read through a cursor of the caller's transaction (`fetchDue` a page at a time), so a day of 100,000
     * payments is one query plan and never one result in memory. Rows are locked as they are read.
     */
    async openDueCursor(trx: Kysely<Database>, companyId: string, fileDay: string, batch: 'regular' | 'retry') {
      await sql`
        DECLARE ${sql.raw(cursorOf(batch))} NO SCROLL CURSOR FOR
        SELECT p.id, p.amount_cents, p.payment_type, p.resident_id, r.accounting_resident_id, a.holder_name, a.account_type, a.numbers_encrypted
        FROM payments p
        JOIN bank_accounts a ON a.id = p.bank_account_id
        JOIN residents r ON r.id = p.resident_id
        WHERE p.company_id = ${companyId} AND p.status = 'scheduled' AND p.scheduled_for <= ${fileDay}
          AND a.status = 'verified' AND a.removed_at IS NULL
          AND (p.retry_of IS NULL) = ${batch === 'regular'}
        ORDER BY p.scheduled_for, p.created_at, p.id
        FOR UPDATE OF p
      `.execute(trx);
    },

    async fetchDue(trx: Kysely<Database>, count: number, batch: 'regular' | 'retry') {
      const { rows } = await sql<{ id: string; amount_cents: number; payment_type: 'S' | 'R'; resident_id: string; accounting_resident_id: string | null; holder_name: string; account_type: 'checking' | 'savings'; numbers_encrypted: string }>`
        ${sql.raw(`FETCH ${Math.trunc(count)} FROM ${cursorOf(batch)}`)}
      `.execute(trx);
      return rows;
    },

    async closeDueCursor(trx: Kysely<Database>, batch: 'regular' | 'retry') {
      await sql`CLOSE ${sql.raw(cursorOf(batch))}`.execute(trx);
    },

    /** New accounts whose micro-entries have not gone out yet. */
    async accountsAwaitingMicroEntries(trx: Kysely<Database>, companyId: string) {
      return trx
        .selectFrom('bank_accounts')
        .where('company_id', '=', companyId)
        .where('status', '=', 'validating')
        .where('removed_at', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('ach_entries').whereRef('ach_entries.bank_account_id', '=', 'bank_accounts.id').where('ach_entries.purpose', '=', 'micro_debit').select('ach_entries.id'))))
        .select(['id', 'user_id', 'holder_name', 'account_type', 'numbers_encrypted', 'micro_credit_1_cents', 'micro_credit_2_cents'])
        .orderBy('created_at')
        .execute();
    },

    async lastModifier(trx: Kysely<Database>, companyId: string, fileDay: string): Promise<string | null> {
      const rows = await trx.selectFrom('ach_files').select('file_id_modifier').where('company_id', '=', companyId).where('file_date', '=', fileDay).execute();
      const order = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
      return rows.map((row) => row.file_id_modifier).sort((a, b) => order.indexOf(a) - order.indexOf(b)).at(-1) ?? null;
    },

    async insertFile(
      trx: Kysely<Database>,
      file: { company_id: string; file_date: string; file_id_modifier: string; effective_date: string; content: string; sha256: string; batch_count: number; entry_count: number; debit_total_cents: number; credit_total_cents: number; created_by: string | null },
      now: Date,
    ): Promise<string> {
      const row = await trx.insertInto('ach_files').values({ ...file, created_at: now }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /** A page of the file's entries in one statement: one array per column, whatever the page's size. */
    /** The file row a transaction opens before its entries, and completes once the text is written. */
    async completeFile(trx: Kysely<Database>, fileId: string, file: { content: string; sha256: string; batch_count: number; entry_count: number; debit_total_cents: number; credit_total_cents: number }) {
      await trx.updateTable('ach_files').set(file).where('id', '=', fileId).execute();
    },

    /** A file's entries that are not payments (the payments keep their own trace numbers on their rows). */
    async insertEntries(trx: Kysely<Database>, fileId: string, entries: { purpose: 'micro_credit' | 'micro_debit' | 'offset'; bankAccountId: string | null; transactionCode: number; amountCents: number; isDebit: boolean; traceNumber: string }[]) {
      if (entries.length === 0) return;
      await sql`
        INSERT INTO ach_entries (ach_file_id, purpose, bank_account_id, transaction_code, amount_cents, is_debit, trace_number)
        SELECT ${fileId}, e.purpose, e.bank_account_id, e.transaction_code, e.amount_cents, e.is_debit, e.trace_number
        FROM unnest(${sql.val(entries.map((entry) => entry.purpose))}::text[], ${sql.val(entries.map((entry) => entry.bankAccountId))}::uuid[],
                    ${sql.val(entries.map((entry) => String(entry.transactionCode).padStart(2, '0')))}::text[], ${sql.val(entries.map((entry) => entry.amountCents))}::bigint[],
                    ${sql.val(entries.map((entry) => entry.isDebit))}::boolean[], ${sql.val(entries.map((entry) => entry.traceNumber))}::text[])
          AS e(purpose, bank_account_id, transaction_code, amount_cents, is_debit, trace_number)
      `.execute(trx);
    },

    /** The payments of a file: processing, with their trace numbers and the effective date, in one statement. */
    async markInFile(trx: Kysely<Database>, fileId: string, effectiveDate: string, payments: { id: string; traceNumber: string }[], now: Date) {
      if (payments.length === 0) return;
      await sql`
        UPDATE payments SET status = 'processing', ach_file_id = ${fileId}, trace_number = input.trace, effective_date = ${effectiveDate}, updated_at = ${now}
        FROM unnest(${sql.val(payments.map((payment) => payment.id))}::uuid[], ${sql.val(payments.map((payment) => payment.traceNumber))}::text[]) AS input(id, trace)
        WHERE payments.id = input.id AND payments.status = 'scheduled'
      `.execute(trx);
    },

    async setTraceSequence(trx: Kysely<Database>, companyId: string, next: number, fileDay: string | null) {
      let update = trx.updateTable('payment_settings').set({ next_trace_sequence: next }).where('company_id', '=', companyId);
      if (fileDay) update = update.set({ last_cutoff_file_on: fileDay });
      await update.execute();
    },

    async markCutoffRun(trx: Kysely<Database>, companyId: string, fileDay: string) {
      await trx.updateTable('payment_settings').set({ last_cutoff_file_on: fileDay }).where('company_id', '=', companyId).execute();
    },

    async recordDelivery(fileId: string, result: { deliveredAt: Date } | { error: string }) {
      await db
        .updateTable('ach_files')
        .set('deliveredAt' in result ? { delivered_at: result.deliveredAt, delivery_error: null } : { delivery_error: result.error })
        .where('id', '=', fileId)
        .execute();
    },

    selectFiles(executor: Kysely<Database> = db) {
      return executor
        .selectFrom('ach_files')
        .select([
          'ach_files.id',
          'ach_files.company_id',
          'ach_files.file_date',
          'ach_files.file_id_modifier',
          'ach_files.effective_date',
          'ach_files.batch_count',
          'ach_files.entry_count',
          'ach_files.debit_total_cents',
          'ach_files.credit_total_cents',
          'ach_files.created_at',
          'ach_files.delivered_at',
          'ach_files.delivery_error',
          (eb) => eb.selectFrom('payments').whereRef('payments.ach_file_id', '=', 'ach_files.id').select(sql<string>`count(*)`.as('n')).as('payment_count'),
          (eb) => eb.selectFrom('payments').whereRef('payments.ach_file_id', '=', 'ach_files.id').select(sql<string>`coalesce(sum(amount_cents), 0)`.as('cents')).as('payment_cents'),
        ]);
    },

    async files(companyId: string, limit: number) {
      return this.selectFiles().where('ach_files.company_id', '=', companyId).orderBy('ach_files.created_at', 'desc').limit(limit).execute();
    },

    async file(id: string) {
      return this.selectFiles().where('ach_files.id', '=', id).executeTakeFirst();
    },

    async content(id: string) {
      return db.selectFrom('ach_files').innerJoin('companies', 'companies.id', 'ach_files.company_id').select(['ach_files.company_id', 'ach_files.content', 'ach_files.file_date', 'ach_files.file_id_modifier', 'companies.slug']).where('ach_files.id', '=', id).executeTakeFirst();
    },

    /** The newest file a company made for a banking day, with its bytes. */
    async lastFileOn(companyId: string, fileDay: string) {
      const rows = await db.selectFrom('ach_files').select(['id', 'file_id_modifier', 'content']).where('company_id', '=', companyId).where('file_date', '=', fileDay).execute();
      const order = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
      return rows.sort((a, b) => order.indexOf(a.file_id_modifier) - order.indexOf(b.file_id_modifier)).at(-1);
    },

    /** Every line of a file: its payments (debits) and its other entries, in trace number order. */
    async entries(fileId: string) {
      const { rows } = await sql<{ purpose: 'payment' | 'micro_credit' | 'micro_debit' | 'offset'; payment_id: string | null; amount_cents: string; is_debit: boolean; trace_number: string; resident_name: string | null }>`
        SELECT 'payment' AS purpose, p.id AS payment_id, p.amount_cents::bigint AS amount_cents, true AS is_debit, p.trace_number, r.first_name || ' ' || r.last_name AS resident_name
        FROM payments p JOIN residents r ON r.id = p.resident_id WHERE p.ach_file_id = ${fileId}
        UNION ALL
        SELECT purpose, NULL, amount_cents, is_debit, trace_number, NULL FROM ach_entries WHERE ach_file_id = ${fileId}
        ORDER BY trace_number
      `.execute(db);
      return rows;
    },

    /** Companies whose bank settings are set: the cutoff job's list. */
    async companiesWithSettings() {
      return db.selectFrom('payment_settings').innerJoin('companies', 'companies.id', 'payment_settings.company_id').select(['companies.id', 'companies.timezone', 'payment_settings.cutoff_time', 'payment_settings.last_cutoff_file_on']).execute();
    },
  };
}

export type AchFilesRepository = ReturnType<typeof createAchFilesRepository>;
