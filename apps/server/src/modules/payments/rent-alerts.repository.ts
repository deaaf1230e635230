import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export type NewRentAlert = {
  company_id: string;
  resident_id: string;
  month: string;
  kind: 'overdue' | 'returned';
  payment_id: string | null;
  amount_cents: number;
  due_cents: number | null;
  received_cents: number | null;
  shortfall_cents: number | null;
  grace_ends_on: string | null;
  return_code: string | null;
  return_reason: string | null;
};

export type AlertAmounts = { due_cents: number; received_cents: number; shortfall_cents: number; grace_ends_on: string };

/** The SQL of rent alerts, staff alert preferences and resident reminders (migration 0016). */
export function createRentAlertsRepository(db: Kysely<Database>) {
  /** The list's columns: the alert, who and where, and the days since the grace ended in the company's time zone. */
  function listQuery(executor: Kysely<Database>, asOf: Date) {
    return executor
      .selectFrom('rent_alerts')
      .innerJoin('residents', 'residents.id', 'rent_alerts.resident_id')
      .innerJoin('companies', 'companies.id', 'rent_alerts.company_id')
      .leftJoin('units', 'units.id', 'residents.unit_id')
      .leftJoin('properties', 'properties.id', 'residents.property_id')
      .select([
        'rent_alerts.id',
        'rent_alerts.kind',
        'rent_alerts.resident_id',
        'residents.first_name',
        'residents.last_name',
        'properties.name as property_name',
        'units.label as unit_label',
        'rent_alerts.month',
        'rent_alerts.amount_cents',
        'rent_alerts.due_cents',
        'rent_alerts.received_cents',
        'rent_alerts.shortfall_cents',
        sql<string | null>`to_char(rent_alerts.grace_ends_on, 'YYYY-MM-DD')`.as('grace_ends_on'),
        sql<number | null>`CASE WHEN rent_alerts.grace_ends_on IS NULL THEN NULL ELSE ((${asOf}::timestamptz AT TIME ZONE companies.timezone)::date - rent_alerts.grace_ends_on) END`.as('days_past_grace'),
        'rent_alerts.return_code',
        'rent_alerts.return_reason',
        'rent_alerts.created_at',
        'rent_alerts.resolved_at',
        'rent_alerts.resolution',
        sql<Date | null>`(SELECT max(r.created_at) FROM rent_reminders r WHERE r.resident_id = rent_alerts.resident_id AND r.kind = 'landlord')`.as('last_reminder_at'),
      ]);
  }

  return {
    /** Exactly once per resident and month (overdue) or payment (returned): null when it exists already. */
    async insertAlert(trx: Kysely<Database>, alert: NewRentAlert, at: Date): Promise<string | null> {
      const row = await trx
        .insertInto('rent_alerts')
        .values({ ...alert, created_at: at })
        .onConflict((oc) => (alert.kind === 'overdue' ? oc.columns(['resident_id', 'month']).where('kind', '=', 'overdue') : oc.column('payment_id').where('kind', '=', 'returned')).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** Returned alerts of many payments in one statement (one per payment, ever): the ids of those inserted. */
    async insertReturnedAlerts(trx: Kysely<Database>, alerts: NewRentAlert[], at: Date): Promise<string[]> {
      if (alerts.length === 0) return [];
      const rows = await trx
        .insertInto('rent_alerts')
        .values(alerts.map((alert) => ({ ...alert, created_at: at })))
        .onConflict((oc) => oc.column('payment_id').where('kind', '=', 'returned').doNothing())
        .returning('id')
        .execute();
      return rows.map((row) => row.id);
    },

    async openAlertsOf(residentIds: readonly string[]) {
      if (residentIds.length === 0) return [];
      return db
        .selectFrom('rent_alerts')
        .select(['id', 'resident_id', 'month', 'kind', 'payment_id', 'amount_cents', 'created_at', 'due_cents', 'received_cents', 'shortfall_cents', sql<string | null>`to_char(grace_ends_on, 'YYYY-MM-DD')`.as('grace_ends_on')])
        .where('resident_id', 'in', residentIds)
        .where('resolved_at', 'is', null)
        .execute();
    },

    /** "resident:month" of every overdue alert the residents ever had (open or resolved): one per month, ever. */
    async overdueKeysOf(residentIds: readonly string[]): Promise<Set<string>> {
      if (residentIds.length === 0) return new Set();
      const rows = await db.selectFrom('rent_alerts').select(['resident_id', 'month']).where('resident_id', 'in', residentIds).where('kind', '=', 'overdue').execute();
      return new Set(rows.map((row) => `${row.resident_id}:${row.month}`));
    },

    async resolve(ids: readonly string[], resolution: 'paid' | 'paid_outside' | 'lease_ended', at: Date): Promise<number> {
      if (ids.length === 0) return 0;
      const rows = await db.updateTable('rent_alerts').set({ resolved_at: at, resolution }).where('id', 'in', ids).where('resolved_at', 'is', null).returning('id').execute();
      return rows.length;
    },

    /**
     * Money that arrived after each of these returned alerts: the resident's payments made (created) since the
     * alert, other than the returned one, now processing or settled; and marks paid outside entered since. By alert id.
     */
    async moneyAfterReturns(alertIds: readonly string[]): Promise<Map<string, { paymentsCents: number; paidOutsideCents: number }>> {
      if (alertIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('rent_alerts as a')
        .select([
          'a.id',
          sql<string>`coalesce((SELECT sum(p.amount_cents) FROM payments p WHERE p.resident_id = a.resident_id AND p.id <> a.payment_id AND p.status IN ('processing', 'settled') AND p.created_at >= a.created_at), 0)`.as('payments_cents'),
          sql<string>`coalesce((SELECT sum(m.amount_cents) FROM paid_outside_marks m WHERE m.resident_id = a.resident_id AND m.created_at >= a.created_at), 0)`.as('paid_outside_cents'),
        ])
        .where('a.id', 'in', alertIds)
        .where('a.kind', '=', 'returned')
        .execute();
      return new Map(rows.map((row) => [row.id, { paymentsCents: Number(row.payments_cents), paidOutsideCents: Number(row.paid_outside_cents) }]));
    },

    /** A returned alert's month, as the job last found it (see `returnedMonth`). */
    async setMonth(id: string, month: string) {
      await db.updateTable('rent_alerts').set({ month }).where('id', '=', id).where('resolved_at', 'is', null).execute();
    },

    async refreshAmounts(id: string, amounts: AlertAmounts) {
      await db.updateTable('rent_alerts').set(amounts).where('id', '=', id).where('resolved_at', 'is', null).execute();
    },

    /**
     * Open alerts of residents deleted or no longer approved, current or finished (rejected, removed): no one to
     * collect from through RentLedger. A finished lease keeps its alerts open (only payment or a mark clears one).
     */
    async resolveDeparted(at: Date): Promise<number> {
      const rows = await db
        .updateTable('rent_alerts')
        .set({ resolved_at: at, resolution: 'lease_ended' })
        .where('resolved_at', 'is', null)
        .where((eb) => eb.exists(eb.selectFrom('residents').select('residents.id').whereRef('residents.id', '=', 'rent_alerts.resident_id').where((inner) => inner.or([inner('residents.deleted_at', 'is not', null), inner('residents.status', 'not in', ['approved', 'current', 'finished'])]))))
        .returning('id')
        .execute();
      return rows.length;
    },

    /** Newest first, keyset-paged from the cursor's row; null when the cursor is no alert of the company's. */
    async list(companyId: string, filter: { status: 'open' | 'resolved'; limit: number; cursor?: string | undefined }, asOf: Date) {
      let query = listQuery(db, asOf).where('rent_alerts.company_id', '=', companyId).where('rent_alerts.resolved_at', filter.status === 'open' ? 'is' : 'is not', null);
      if (filter.cursor) {
        const cursor = await db.selectFrom('rent_alerts').select(['created_at', 'id']).where('id', '=', filter.cursor).where('company_id', '=', companyId).executeTakeFirst();
        if (!cursor) return null;
        query = query.where((eb) => eb.or([eb('rent_alerts.created_at', '<', cursor.created_at), eb.and([eb('rent_alerts.created_at', '=', cursor.created_at), eb('rent_alerts.id', '<', cursor.id)])]));
      }
      return query.orderBy('rent_alerts.created_at', 'desc').orderBy('rent_alerts.id', 'desc').limit(filter.limit + 1).execute();
    },

    /**
     * The company's alerts since `since` (the user chose the digest) that no digest of the user has had, every
     * one of them marked as had now (`rent_alert_digest_items`, in the digest's transaction); the ids, oldest first.
     */
    async takeDigestItems(trx: Kysely<Database>, userId: string, companyId: string, since: Date | null, at: Date): Promise<string[]> {
      const rows = await trx
        .insertInto('rent_alert_digest_items')
        .columns(['user_id', 'alert_id', 'sent_at'])
        .expression((eb) => {
          let pending = eb
            .selectFrom('rent_alerts as a')
            .select([sql<string>`${userId}::uuid`.as('user_id'), 'a.id as alert_id', sql<Date>`${at}::timestamptz`.as('sent_at')])
            .where('a.company_id', '=', companyId)
            .where((inner) => inner.not(inner.exists(inner.selectFrom('rent_alert_digest_items as d').select('d.alert_id').whereRef('d.alert_id', '=', 'a.id').where('d.user_id', '=', userId))));
          if (since) pending = pending.where('a.created_at', '>=', since);
          return pending;
        })
        .onConflict((oc) => oc.columns(['user_id', 'alert_id']).doNothing())
        .returning('alert_id')
        .execute();
      if (rows.length === 0) return [];
      const ids = rows.map((row) => row.alert_id);
      const order = await trx.selectFrom('rent_alerts').select('id').where('id', 'in', ids).orderBy('created_at').orderBy('id').execute();
      return order.map((row) => row.id);
    },

    /** The list's rows of these alerts, oldest first (what a digest names). */
    async alertsByIds(trx: Kysely<Database>, ids: readonly string[], asOf: Date) {
      if (ids.length === 0) return [];
      return listQuery(trx, asOf).where('rent_alerts.id', 'in', ids).orderBy('rent_alerts.created_at').orderBy('rent_alerts.id').execute();
    },

    /** The sign-in emails of residents' user accounts (where they are told), by user id. */
    async userEmailsOf(userIds: readonly string[]): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', userIds).where('disabled_at', 'is', null).execute();
      return new Map(rows.map((row) => [row.id, row.email]));
    },

    /** Where residents live, for the words of their alerts: unit id -> its label and property's name. */
    async placesOf(unitIds: readonly string[]): Promise<Map<string, { unit_label: string; property_name: string }>> {
      if (unitIds.length === 0) return new Map();
      const rows = await db.selectFrom('units').innerJoin('properties', 'properties.id', 'units.property_id').select(['units.id', 'units.label as unit_label', 'properties.name as property_name']).where('units.id', 'in', unitIds).execute();
      return new Map(rows.map((row) => [row.id, { unit_label: row.unit_label, property_name: row.property_name }]));
    },

    async companyOf(companyId: string) {
      return db.selectFrom('companies').select(['id', 'name', 'timezone']).where('id', '=', companyId).executeTakeFirst();
    },

    /** The company's landlord users, with how each wants payment alerts emailed (no row: immediate). */
    async staffOf(companyId: string, executor: Kysely<Database> = db) {
      return executor
        .selectFrom('users')
        .leftJoin('staff_alert_preferences as p', 'p.user_id', 'users.id')
        .select(['users.id', 'users.email', 'users.first_name', sql<'immediate' | 'daily_digest'>`coalesce(p.payment_alert_email, 'immediate')`.as('payment_alert_email')])
        .where('users.company_id', '=', companyId)
        .where('users.role', '=', 'landlord')
        .where('users.disabled_at', 'is', null)
        .execute();
    },

    /** Of these residents, those with a payment on its way (scheduled or processing) or an active autopay plan. */
    async residentsWithPaymentComing(residentIds: readonly string[]): Promise<Set<string>> {
      if (residentIds.length === 0) return new Set();
      const [payments, plans] = await Promise.all([
        db.selectFrom('payments').select('resident_id').distinct().where('resident_id', 'in', residentIds).where('status', 'in', ['scheduled', 'processing']).execute(),
        db.selectFrom('autopay_plans').select('resident_id').distinct().where('resident_id', 'in', residentIds).where('status', '=', 'active').execute(),
      ]);
      return new Set([...payments, ...plans].map((row) => row.resident_id));
    },

    /** A reminder, once: null when the before-due reminder of the month, or today's landlord reminder, exists. */
    async insertReminder(trx: Kysely<Database>, reminder: { company_id: string; resident_id: string; month: string; kind: 'before_due' | 'landlord'; sent_on: string; sent_by: string | null }, at: Date): Promise<string | null> {
      const row = await trx
        .insertInto('rent_reminders')
        .values({ ...reminder, created_at: at })
        .onConflict((oc) => (reminder.kind === 'before_due' ? oc.columns(['resident_id', 'month']).where('kind', '=', 'before_due') : oc.columns(['resident_id', 'sent_on']).where('kind', '=', 'landlord')).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async landlordReminderOn(residentId: string, day: string) {
      return db.selectFrom('rent_reminders').select(['id', 'month', 'created_at']).where('resident_id', '=', residentId).where('kind', '=', 'landlord').where('sent_on', '=', day).executeTakeFirst();
    },

    async preferenceOf(userId: string) {
      return db.selectFrom('staff_alert_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
    },

    async putPreference(trx: Kysely<Database>, userId: string, value: 'immediate' | 'daily_digest', coveredUntil: Date | null, at: Date) {
      await trx
        .insertInto('staff_alert_preferences')
        .values({ user_id: userId, payment_alert_email: value, digest_covered_until: coveredUntil, updated_at: at })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ payment_alert_email: value, digest_covered_until: coveredUntil, updated_at: at }))
        .execute();
    },

    /** Staff users on the daily digest, with their company's time zone. */
    async digestUsers() {
      return db
        .selectFrom('staff_alert_preferences as p')
        .innerJoin('users', 'users.id', 'p.user_id')
        .innerJoin('companies', 'companies.id', 'users.company_id')
        .select(['users.id as user_id', 'users.email', 'users.first_name', 'users.company_id', 'companies.timezone', sql<string | null>`to_char(p.last_digest_on, 'YYYY-MM-DD')`.as('last_digest_on')])
        .where('p.payment_alert_email', '=', 'daily_digest')
        .where('users.role', '=', 'landlord')
        .where('users.disabled_at', 'is', null)
        .execute();
    },

    /**
     * Claims today's digest for the user under a row lock: the instant the user chose the digest (alerts since are
     * theirs), or undefined when today's was sent (by another run) or the user left the digest meanwhile.
     */
    async claimDigest(trx: Kysely<Database>, userId: string, today: string, at: Date): Promise<{ coveredUntil: Date | null } | undefined> {
      const row = await trx
        .selectFrom('staff_alert_preferences')
        .select(['payment_alert_email', 'digest_covered_until', sql<string | null>`to_char(last_digest_on, 'YYYY-MM-DD')`.as('last_digest_on')])
        .where('user_id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
      if (!row || row.payment_alert_email !== 'daily_digest' || row.last_digest_on === today) return undefined;
      await trx.updateTable('staff_alert_preferences').set({ last_digest_on: today }).where('user_id', '=', userId).execute();
      return { coveredUntil: row.digest_covered_until };
    },
  };
}

export type RentAlertsRepository = ReturnType<typeof createRentAlertsRepository>;
export type RentAlertRow = NonNullable<Awaited<ReturnType<RentAlertsRepository['list']>>>[number];
