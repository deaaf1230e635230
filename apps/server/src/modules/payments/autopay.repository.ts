import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** The SQL of autopay plans: one live plan per residency, and the plans the monthly run looks at. */
export function createAutopayRepository(db: Kysely<Database>) {
  function selectPlans(executor: Kysely<Database>) {
    return executor
      .selectFrom('autopay_plans')
      .innerJoin('bank_accounts', 'bank_accounts.id', 'autopay_plans.bank_account_id')
      .selectAll('autopay_plans')
      .select(['bank_accounts.last4 as bank_account_last4']);
  }

  return {
    async livePlansOf(userId: string) {
      return selectPlans(db).where('autopay_plans.user_id', '=', userId).where('autopay_plans.status', '<>', 'cancelled').orderBy('autopay_plans.created_at').execute();
    },

    async livePlanFor(residentId: string, executor: Kysely<Database> = db) {
      return selectPlans(executor).where('autopay_plans.resident_id', '=', residentId).where('autopay_plans.status', '<>', 'cancelled').executeTakeFirst();
    },

    async cancelLivePlan(trx: Kysely<Database>, residentId: string, now: Date) {
      return trx.updateTable('autopay_plans').set({ status: 'cancelled', cancelled_at: now, updated_at: now }).where('resident_id', '=', residentId).where('status', '<>', 'cancelled').returning(['id', 'company_id']).executeTakeFirst();
    },

    /** A cancelled plan's payments not yet in a file are cancelled with it. */
    async cancelScheduledOfPlan(trx: Kysely<Database>, planId: string, reason: string, now: Date) {
      return trx.updateTable('payments').set({ status: 'cancelled', status_reason: reason, cancelled_at: now, updated_at: now }).where('autopay_plan_id', '=', planId).where('status', '=', 'scheduled').returning('id').execute();
    },

    async insertPlan(
      trx: Kysely<Database>,
      values: { company_id: string; resident_id: string; user_id: string; bank_account_id: string; day_of_month: number; kind: 'fixed' | 'balance'; amount_cents: number | null; cap_cents: number | null; last_run_month: string | null },
      now: Date,
    ) {
      const row = await trx.insertInto('autopay_plans').values({ ...values, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async setStatus(trx: Kysely<Database>, planId: string, status: 'active' | 'paused', now: Date) {
      return trx.updateTable('autopay_plans').set({ status, updated_at: now }).where('id', '=', planId).where('status', '<>', 'cancelled').returning('id').executeTakeFirst();
    },

    async linkAuthorization(trx: Kysely<Database>, authorizationId: string, planId: string) {
      await trx.updateTable('payment_authorizations').set({ autopay_plan_id: planId }).where('id', '=', authorizationId).execute();
    },

    /** Active plans on residencies that still pay, with what the run needs to decide and to write. */
    async activePlans() {
      return db
        .selectFrom('autopay_plans')
        .innerJoin('residents', 'residents.id', 'autopay_plans.resident_id')
        .innerJoin('companies', 'companies.id', 'autopay_plans.company_id')
        .innerJoin('bank_accounts', 'bank_accounts.id', 'autopay_plans.bank_account_id')
        .innerJoin('users', 'users.id', 'autopay_plans.user_id')
        .innerJoin('payment_settings', 'payment_settings.company_id', 'autopay_plans.company_id')
        .where('autopay_plans.status', '=', 'active')
        .where('residents.status', 'in', ['approved', 'current'])
        .where('residents.deleted_at', 'is', null)
        .where('bank_accounts.status', '=', 'verified')
        .where('bank_accounts.removed_at', 'is', null)
        .select([
          'autopay_plans.id',
          'autopay_plans.company_id',
          'autopay_plans.resident_id',
          'autopay_plans.user_id',
          'autopay_plans.bank_account_id',
          'autopay_plans.day_of_month',
          'autopay_plans.kind',
          'autopay_plans.amount_cents',
          'autopay_plans.cap_cents',
          'autopay_plans.last_run_month',
          'autopay_plans.last_reminded_month',
          'residents.balance_cents',
          'residents.first_name as resident_first_name',
          'residents.last_name as resident_last_name',
          'users.email',
          'users.first_name as user_first_name',
          'companies.timezone',
          'companies.name as company_name',
          'bank_accounts.last4',
          'payment_settings.cutoff_time',
          (eb) =>
            eb
              .selectFrom('payment_authorizations')
              .whereRef('payment_authorizations.autopay_plan_id', '=', 'autopay_plans.id')
              .where('payment_authorizations.revoked_at', 'is', null)
              .select('payment_authorizations.id')
              .orderBy('payment_authorizations.accepted_at', 'desc')
              .limit(1)
              .as('authorization_id'),
        ])
        .execute();
    },

    /** Claims the month for a plan: only one run (of any process) gets true. */
    async claimRunMonth(trx: Kysely<Database>, planId: string, month: string) {
      const row = await trx
        .updateTable('autopay_plans')
        .set({ last_run_month: month, updated_at: new Date() })
        .where('id', '=', planId)
        .where((eb) => eb.or([eb('last_run_month', 'is', null), eb('last_run_month', '<', month)]))
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },

    async claimReminderMonth(trx: Kysely<Database>, planId: string, month: string) {
      const row = await trx
        .updateTable('autopay_plans')
        .set({ last_reminded_month: month })
        .where('id', '=', planId)
        .where((eb) => eb.or([eb('last_reminded_month', 'is', null), eb('last_reminded_month', '<', month)]))
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },
  };
}

export type AutopayRepository = ReturnType<typeof createAutopayRepository>;
