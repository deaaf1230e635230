import type { PaymentStatus } from '@rentledger/contracts';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { BankAccountsTable, Database, PaymentSettingsTable } from '../../db/database.types.ts';

export type PaymentSettingsRow = Selectable<PaymentSettingsTable>;
export type BankAccountRow = Selectable<BankAccountsTable> & { company_name: string; micro_entries_sent_on: string | null };

/** A residency as a payment sees it: who pays whom, for which unit, under which rules. */
export type PayingResidency = {
  id: string;
  company_id: string;
  company_name: string;
  timezone: string;
  user_id: string | null;
  email: string | null;
  first_name: string;
  last_name: string;
  status: string;
  rent_cents: number | null;
  balance_cents: number | null;
  payment_policy: 'any' | 'full_balance_only' | 'blocked';
  do_not_accept_payments: boolean;
  property_name: string | null;
  unit_label: string | null;
};

export type PaymentFilter = {
  companyId?: string;
  userId?: string;
  status?: PaymentStatus;
  propertyId?: string;
  residentId?: string;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export function createPaymentsRepository(db: Kysely<Database>) {
  function selectBankAccounts(executor: Kysely<Database>) {
    return executor
      .selectFrom('bank_accounts')
      .innerJoin('companies', 'companies.id', 'bank_accounts.company_id')
      .where('bank_accounts.removed_at', 'is', null)
      .selectAll('bank_accounts')
      .select([
        'companies.name as company_name',
        (eb) =>
          eb
            .selectFrom('ach_entries')
            .innerJoin('ach_files', 'ach_files.id', 'ach_entries.ach_file_id')
            .whereRef('ach_entries.bank_account_id', '=', 'bank_accounts.id')
            .where('ach_entries.purpose', '=', 'micro_debit')
            .select('ach_files.file_date')
            .limit(1)
            .as('micro_entries_sent_on'),
      ]);
  }

  function selectPayments(executor: Kysely<Database>) {
    return executor
      .selectFrom('payments')
      .innerJoin('residents', 'residents.id', 'payments.resident_id')
      .innerJoin('bank_accounts', 'bank_accounts.id', 'payments.bank_account_id')
      .leftJoin('units', 'units.id', 'residents.unit_id')
      .leftJoin('properties', 'properties.id', 'residents.property_id')
      .select([
        'payments.id',
        'payments.company_id',
        'payments.resident_id',
        'payments.user_id',
        'payments.amount_cents',
        'payments.status',
        'payments.status_reason',
        'payments.payment_type',
        'payments.autopay_plan_id',
        'payments.scheduled_for',
        'payments.effective_date',
        'payments.trace_number',
        'payments.ach_file_id',
        'payments.created_at',
        'payments.bank_account_id',
        'bank_accounts.last4 as bank_account_last4',
        'residents.first_name',
        'residents.last_name',
        'residents.accounting_resident_id',
        'residents.property_id',
        'properties.name as property_name',
        'units.label as unit_label',
      ]);
  }

  function filtered(filter: PaymentFilter) {
    let query = selectPayments(db);
    if (filter.companyId) query = query.where('payments.company_id', '=', filter.companyId);
    if (filter.userId) query = query.where('payments.user_id', '=', filter.userId);
    if (filter.status) query = query.where('payments.status', '=', filter.status);
    if (filter.propertyId) query = query.where('residents.property_id', '=', filter.propertyId);
    if (filter.residentId) query = query.where('payments.resident_id', '=', filter.residentId);
    if (filter.from) query = query.where('payments.scheduled_for', '>=', filter.from);
    if (filter.to) query = query.where('payments.scheduled_for', '<=', filter.to);
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(sql`residents.first_name || ' ' || residents.last_name`, 'ilike', like),
          eb('residents.accounting_resident_id', 'ilike', like),
          eb('units.label', 'ilike', like),
          eb('payments.trace_number', 'like', like),
        ]),
      );
    }
    return query;
  }

  return {
    async settingsOf(companyId: string, executor: Kysely<Database> = db): Promise<PaymentSettingsRow | undefined> {
      return executor.selectFrom('payment_settings').selectAll().where('company_id', '=', companyId).executeTakeFirst();
    },

    /** The settings row, locked: the company's file lock (see migration 0012). */
    async lockSettings(trx: Kysely<Database>, companyId: string): Promise<PaymentSettingsRow | undefined> {
      return trx.selectFrom('payment_settings').selectAll().where('company_id', '=', companyId).forUpdate().executeTakeFirst();
    },

    /** The company's active landlord users: who is told of a return or a skipped autopay. */
    async staffOf(companyId: string) {
      return db.selectFrom('users').select(['id', 'email', 'first_name']).where('company_id', '=', companyId).where('role', '=', 'landlord').where('disabled_at', 'is', null).execute();
    },

    async companyOf(companyId: string) {
      return db.selectFrom('companies').select(['id', 'name', 'slug', 'timezone']).where('id', '=', companyId).executeTakeFirst();
    },

    async upsertSettings(trx: Kysely<Database>, values: Omit<PaymentSettingsRow, 'created_at' | 'updated_at' | 'next_trace_sequence' | 'last_cutoff_file_on'>, now: Date) {
      await trx
        .insertInto('payment_settings')
        .values({ ...values, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('company_id').doUpdateSet({ ...values, updated_at: now }))
        .execute();
    },

    /** The user's residencies that may take payments, or one of them. */
    async payingResidencies(userId: string, residentId?: string): Promise<PayingResidency[]> {
      let query = db
        .selectFrom('residents')
        .innerJoin('companies', 'companies.id', 'residents.company_id')
        .leftJoin('accounting_records', 'accounting_records.id', 'residents.accounting_record_id')
        .leftJoin('units', 'units.id', 'residents.unit_id')
        .leftJoin('properties', 'properties.id', 'residents.property_id')
        .where('residents.user_id', '=', userId)
        .where('residents.deleted_at', 'is', null)
        .where('residents.status', 'in', ['approved', 'current'])
        .select([
          'residents.id',
          'residents.company_id',
          'companies.name as company_name',
          'companies.timezone',
          'residents.user_id',
          'residents.email',
          'residents.first_name',
          'residents.last_name',
          'residents.status',
          'residents.rent_cents',
          'residents.balance_cents',
          'residents.payment_policy',
          sql<boolean>`coalesce(accounting_records.do_not_accept_payments, false)`.as('do_not_accept_payments'),
          'properties.name as property_name',
          'units.label as unit_label',
        ])
        .orderBy('residents.created_at');
      if (residentId) query = query.where('residents.id', '=', residentId);
      return query.execute();
    },

    // Bank accounts

    async insertBankAccount(trx: Kysely<Database>, values: { company_id: string; user_id: string; holder_name: string; account_type: 'checking' | 'savings'; numbers_encrypted: string; fingerprint: string; last4: string; micro_credit_1_cents: number; micro_credit_2_cents: number; status?: 'validating' | 'verified'; verified_at?: Date | null }, now: Date) {
      return trx
        .insertInto('bank_accounts')
        .values({ ...values, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['company_id', 'user_id', 'fingerprint']).where('removed_at', 'is', null).doNothing())
        .returning('id')
        .executeTakeFirst();
    },

    /** A debit of this account through this company that settled: NACHA counts the account as validated. */
    async hasSettledDebit(companyId: string, fingerprint: string): Promise<boolean> {
      const row = await db
        .selectFrom('payments')
        .innerJoin('bank_accounts', 'bank_accounts.id', 'payments.bank_account_id')
        .where('payments.company_id', '=', companyId)
        .where('bank_accounts.fingerprint', '=', fingerprint)
        .where('payments.status', '=', 'settled')
        .select('payments.id')
        .limit(1)
        .executeTakeFirst();
      return Boolean(row);
    },

    async bankAccountsOf(userId: string): Promise<BankAccountRow[]> {
      return selectBankAccounts(db).where('bank_accounts.user_id', '=', userId).orderBy('bank_accounts.created_at').execute();
    },

    /** The accounts a company's resident added for that company (the landlord sees their status and why). */
    async bankAccountsOfResident(companyId: string, residentId: string): Promise<BankAccountRow[]> {
      return selectBankAccounts(db)
        .innerJoin('residents', (join) => join.onRef('residents.user_id', '=', 'bank_accounts.user_id').onRef('residents.company_id', '=', 'bank_accounts.company_id'))
        .where('residents.id', '=', residentId)
        .where('residents.company_id', '=', companyId)
        .orderBy('bank_accounts.created_at')
        .execute();
    },

    async bankAccount(id: string, executor: Kysely<Database> = db): Promise<BankAccountRow | undefined> {
      return selectBankAccounts(executor).where('bank_accounts.id', '=', id).executeTakeFirst();
    },

    async lockBankAccount(trx: Kysely<Database>, id: string) {
      return trx.selectFrom('bank_accounts').selectAll().where('id', '=', id).where('removed_at', 'is', null).forUpdate().executeTakeFirst();
    },

    async updateBankAccount(trx: Kysely<Database>, id: string, values: { status?: 'validating' | 'verified' | 'locked'; status_reason?: string | null; verify_tries?: number; verified_at?: Date | null; removed_at?: Date | null }, now: Date) {
      await trx.updateTable('bank_accounts').set({ ...values, updated_at: now }).where('id', '=', id).execute();
    },

    /** Scheduled payments on an account, cancelled (its removal); returns how many. */
    async cancelScheduledOn(trx: Kysely<Database>, bankAccountId: string, reason: string, now: Date) {
      const rows = await trx
        .updateTable('payments')
        .set({ status: 'cancelled', status_reason: reason, cancelled_at: now, updated_at: now })
        .where('bank_account_id', '=', bankAccountId)
        .where('status', '=', 'scheduled')
        .returning(['id', 'amount_cents', 'scheduled_for'])
        .execute();
      return rows;
    },

    /** `cancelScheduledOn` for many accounts, each with its reason, in one statement (an account once: its first reason). */
    async cancelScheduledOnMany(trx: Kysely<Database>, accounts: { bankAccountId: string; reason: string }[], now: Date) {
      const reasons = new Map<string, string>();
      for (const account of accounts) if (!reasons.has(account.bankAccountId)) reasons.set(account.bankAccountId, account.reason);
      if (reasons.size === 0) return [];
      const { rows } = await sql<{ id: string; bank_account_id: string }>`
        UPDATE payments p SET status = 'cancelled', status_reason = v.reason, cancelled_at = ${now}, updated_at = ${now}
        FROM unnest(${[...reasons.keys()]}::uuid[], ${[...reasons.values()]}::text[]) AS v(account_id, reason)
        WHERE p.bank_account_id = v.account_id AND p.status = 'scheduled'
        RETURNING p.id, p.bank_account_id
      `.execute(trx);
      return rows;
    },

    async cancelAutopayOn(trx: Kysely<Database>, bankAccountId: string, now: Date) {
      const rows = await trx
        .updateTable('autopay_plans')
        .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
        .where('bank_account_id', '=', bankAccountId)
        .where('status', '<>', 'cancelled')
        .returning('id')
        .execute();
      return rows.length;
    },

    // Authorizations and payments

    async insertAuthorization(trx: Kysely<Database>, values: { company_id: string; resident_id: string; user_id: string; bank_account_id: string; kind: 'one_time' | 'autopay'; autopay_plan_id?: string | null; text: string; accepted_at: Date; ip: string; user_agent: string }) {
      const row = await trx.insertInto('payment_authorizations').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /** Inserts the payment unless the user already used the key; either way returns the payment's id and whether it is new. */
    async insertPayment(
      trx: Kysely<Database>,
      values: { company_id: string; resident_id: string; user_id: string; bank_account_id: string; authorization_id: string; autopay_plan_id?: string | null; amount_cents: number; payment_type: 'S' | 'R'; scheduled_for: string; idempotency_key: string | null },
      now: Date,
    ): Promise<{ id: string; created: boolean }> {
      const inserted = await trx
        .insertInto('payments')
        .values({ ...values, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { id: inserted.id, created: true };
      const existing = await trx.selectFrom('payments').select('id').where('user_id', '=', values.user_id).where('idempotency_key', '=', values.idempotency_key).executeTakeFirstOrThrow();
      return { id: existing.id, created: false };
    },

    async paymentByKey(userId: string, key: string) {
      return db.selectFrom('payments').select(['id', 'resident_id', 'bank_account_id', 'amount_cents', 'scheduled_for']).where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
    },

    async payment(id: string) {
      return selectPayments(db).where('payments.id', '=', id).executeTakeFirst();
    },

    async payments(filter: PaymentFilter) {
      const base = filtered(filter);
      const [items, totals] = await Promise.all([
        base
          .orderBy('payments.scheduled_for', 'desc')
          .orderBy('payments.created_at', 'desc')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        filtered(filter)
          .clearSelect()
          .select([sql<string>`count(*)`.as('count'), sql<string>`coalesce(sum(payments.amount_cents), 0)`.as('cents')])
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(totals.count), totalCents: Number(totals.cents) };
    },

    /** Every payment a filter finds, oldest first, in pages (the CSV export streams them). */
    async *allPayments(filter: Omit<PaymentFilter, 'page' | 'pageSize'>, pageSize = 1000) {
      let after: { scheduled_for: string; id: string } | null = null;
      for (;;) {
        let query = filtered({ ...filter, page: 1, pageSize }).orderBy('payments.scheduled_for').orderBy('payments.id').limit(pageSize);
        if (after) {
          const last: { scheduled_for: string; id: string } = after;
          query = query.where((eb) => eb.or([eb('payments.scheduled_for', '>', last.scheduled_for), eb.and([eb('payments.scheduled_for', '=', last.scheduled_for), eb('payments.id', '>', last.id)])]));
        }
        const rows = await query.execute();
        if (rows.length === 0) return;
        yield rows;
        if (rows.length < pageSize) return;
        const tail = rows[rows.length - 1];
        if (!tail) return;
        after = { scheduled_for: tail.scheduled_for, id: tail.id };
      }
    },

    /** Scheduled to cancelled (resident) or voided (landlord), only while no file holds it. */
    async endScheduled(trx: Kysely<Database>, id: string, to: 'cancelled' | 'voided', actorId: string, now: Date) {
      const set = to === 'cancelled' ? { status: to, cancelled_at: now, updated_at: now } : { status: to, voided_at: now, voided_by: actorId, updated_at: now };
      return trx.updateTable('payments').set(set).where('id', '=', id).where('status', '=', 'scheduled').where('ach_file_id', 'is', null).returning(['id', 'amount_cents', 'company_id']).executeTakeFirst();
    },

    /** Payments in a file whose effective entry date has come are settled. */
    async settleDue(trx: Kysely<Database>, today: string, now: Date) {
      return trx
        .updateTable('payments')
        .set({ status: 'settled', settled_at: now, updated_at: now })
        .where('status', '=', 'processing')
        .where('effective_date', '<=', today)
        .returning(['id', 'company_id', 'amount_cents'])
        .execute();
    },
  };
}

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;
export type PaymentRow = NonNullable<Awaited<ReturnType<PaymentsRepository['payment']>>>;
