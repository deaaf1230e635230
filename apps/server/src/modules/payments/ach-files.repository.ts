import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** Rows inserted per statement: 100,000 entries go in 20 statements, each well under PostgreSQL's parameter limit. */
const CHUNK = 5000;

/** The SQL of NACHA files: what is due for a file, and the file with its entries once written. */
export function createAchFilesRepository(db: Kysely<Database>) {
  return {
    /** Scheduled payments due by the file day, on verified accounts, oldest first. */
    async duePayments(trx: Kysely<Database>, companyId: string, fileDay: string) {
      return trx
        .selectFrom('payments')
        .innerJoin('bank_accounts', 'bank_accounts.id', 'payments.bank_account_id')
        .innerJoin('residents', 'residents.id', 'payments.resident_id')
        .where('payments.company_id', '=', companyId)
        .where('payments.status', '=', 'scheduled')
        .where('payments.scheduled_for', '<=', fileDay)
        .where('bank_accounts.status', '=', 'verified')
        .where('bank_accounts.removed_at', 'is', null)
        .select([
          'payments.id',
          'payments.amount_cents',
          'payments.payment_type',
          'payments.resident_id',
          'residents.accounting_resident_id',
          'bank_accounts.holder_name',
          'bank_accounts.account_type',
          'bank_accounts.numbers_encrypted',
        ])
        .orderBy('payments.scheduled_for')
        .orderBy('payments.created_at')
        .forUpdate('payments')
        .execute();
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

    async insertEntries(trx: Kysely<Database>, fileId: string, entries: { purpose: 'payment' | 'micro_credit' | 'micro_debit' | 'offset'; paymentId: string | null; bankAccountId: string | null; transactionCode: number; amountCents: number; isDebit: boolean; traceNumber: string }[]) {
      for (let start = 0; start < entries.length; start += CHUNK) {
        const chunk = entries.slice(start, start + CHUNK);
        await trx
          .insertInto('ach_entries')
          .values(chunk.map((entry) => ({ ach_file_id: fileId, purpose: entry.purpose, payment_id: entry.paymentId, bank_account_id: entry.bankAccountId, transaction_code: String(entry.transactionCode).padStart(2, '0'), amount_cents: entry.amountCents, is_debit: entry.isDebit, trace_number: entry.traceNumber })))
          .execute();
      }
    },

    /** The payments of a file: processing, with their trace numbers and the effective date. */
    async markInFile(trx: Kysely<Database>, fileId: string, effectiveDate: string, payments: { id: string; traceNumber: string }[], now: Date) {
      for (let start = 0; start < payments.length; start += CHUNK) {
        const chunk = payments.slice(start, start + CHUNK);
        await sql`
          UPDATE payments SET status = 'processing', ach_file_id = ${fileId}, trace_number = input.trace, effective_date = ${effectiveDate}, updated_at = ${now}
          FROM unnest(${sql.val(chunk.map((payment) => payment.id))}::uuid[], ${sql.val(chunk.map((payment) => payment.traceNumber))}::text[]) AS input(id, trace)
          WHERE payments.id = input.id AND payments.status = 'scheduled'
        `.execute(trx);
      }
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

    async entries(fileId: string) {
      return db
        .selectFrom('ach_entries')
        .leftJoin('payments', 'payments.id', 'ach_entries.payment_id')
        .leftJoin('residents', 'residents.id', 'payments.resident_id')
        .where('ach_entries.ach_file_id', '=', fileId)
        .select(['ach_entries.purpose', 'ach_entries.payment_id', 'ach_entries.amount_cents', 'ach_entries.is_debit', 'ach_entries.trace_number', sql<string | null>`residents.first_name || ' ' || residents.last_name`.as('resident_name')])
        .orderBy('ach_entries.trace_number')
        .execute();
    },

    /** Companies whose bank settings are set: the cutoff job's list. */
    async companiesWithSettings() {
      return db.selectFrom('payment_settings').innerJoin('companies', 'companies.id', 'payment_settings.company_id').select(['companies.id', 'companies.timezone', 'payment_settings.cutoff_time', 'payment_settings.last_cutoff_file_on']).execute();
    },
  };
}

export type AchFilesRepository = ReturnType<typeof createAchFilesRepository>;
