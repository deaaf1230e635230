import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** The SQL the rent period analysis reads: a resident's lease and company rules, their payments, the paid-outside marks. */
export function createRentPeriodsRepository(db: Kysely<Database>) {
  return {
    async residentFacts(residentId: string) {
      return db
        .selectFrom('residents')
        .innerJoin('companies', 'companies.id', 'residents.company_id')
        .where('residents.id', '=', residentId)
        .where('residents.deleted_at', 'is', null)
        .select([
          'residents.id',
          'residents.company_id',
          'residents.user_id',
          'residents.status',
          'residents.first_name',
          'residents.lease_start',
          'residents.lease_end',
          'residents.lease_ended_on',
          'residents.rent_cents',
          'residents.due_day',
          sql<string | null>`to_char(residents.approved_at AT TIME ZONE companies.timezone, 'YYYY-MM-DD')`.as('joined_on'),
          'companies.grace_days',
          'companies.timezone',
        ])
        .executeTakeFirst();
    },

    /**
     * Every payment of the resident that moved money, or was meant to: the analysis decides which count. The day it
     * was returned is the company's calendar day (the database runs in UTC: a return read at 9 pm in New York is that
     * day there, not tomorrow).
     */
    async payments(residentId: string) {
      return db
        .selectFrom('payments')
        .where('resident_id', '=', residentId)
        .where('status', 'in', ['processing', 'settled', 'returned'])
        .select(['amount_cents', 'status', 'effective_date', sql<string | null>`to_char(returned_at AT TIME ZONE (SELECT timezone FROM companies WHERE companies.id = payments.company_id), 'YYYY-MM-DD')`.as('returned_on')])
        .execute();
    },

    async marks(residentId: string) {
      return db.selectFrom('paid_outside_marks').select(['month', 'amount_cents', 'paid_on']).where('resident_id', '=', residentId).orderBy('paid_on').execute();
    },

    /**
     * The analysis's facts for many residents at once: one page of residents (approved, current or finished, not
     * deleted), keyset-paged by id after `after`, with their company's grace and time zone; then their payments and
     * marks in one query each. Three queries a page, whatever its size.
     */
    async residentsPage(filter: { companyId?: string; residentIds?: readonly string[] }, after: string | null, limit: number) {
      let query = db
        .selectFrom('residents')
        .innerJoin('companies', 'companies.id', 'residents.company_id')
        .where('residents.deleted_at', 'is', null)
        .where('residents.status', 'in', ['approved', 'current', 'finished'])
        .select([
          'residents.id',
          'residents.company_id',
          'residents.property_id',
          'residents.unit_id',
          'residents.user_id',
          'residents.first_name',
          'residents.last_name',
          'residents.email',
          'residents.status',
          'residents.lease_start',
          'residents.lease_end',
          'residents.lease_ended_on',
          'residents.rent_cents',
          'residents.due_day',
          sql<string | null>`to_char(residents.approved_at AT TIME ZONE companies.timezone, 'YYYY-MM-DD')`.as('joined_on'),
          'companies.grace_days',
          'companies.timezone',
        ])
        .orderBy('residents.id')
        .limit(limit);
      if (filter.companyId !== undefined) query = query.where('residents.company_id', '=', filter.companyId);
      if (filter.residentIds !== undefined) query = query.where(sql<boolean>`residents.id = any(${[...filter.residentIds]}::uuid[])`);
      if (after !== null) query = query.where('residents.id', '>', after);
      return query.execute();
    },

    /** The payments that moved money (or were meant to) of many residents, by resident id. */
    async paymentsOf(residentIds: readonly string[]) {
      if (residentIds.length === 0) return [];
      return db
        .selectFrom('payments')
        .where(sql<boolean>`resident_id = any(${[...residentIds]}::uuid[])`)
        .where('status', 'in', ['processing', 'settled', 'returned'])
        // Named as the analysis takes them, so a page's rows go in as they are (no copy per payment).
        .select(['resident_id', 'amount_cents as amountCents', sql<'processing' | 'settled' | 'returned'>`status`.as('status'), 'effective_date as effectiveDate', sql<string | null>`to_char(returned_at AT TIME ZONE (SELECT timezone FROM companies WHERE companies.id = payments.company_id), 'YYYY-MM-DD')`.as('returnedOn')])
        .execute();
    },

    /** The marks paid outside of many residents, in the order they were paid. */
    async marksOf(residentIds: readonly string[]) {
      if (residentIds.length === 0) return [];
      return db
        .selectFrom('paid_outside_marks')
        .where(sql<boolean>`resident_id = any(${[...residentIds]}::uuid[])`)
        .select(['resident_id', 'month', 'amount_cents as amountCents', 'paid_on as paidOn'])
        .orderBy('paid_on')
        .execute();
    },

    async insertMark(trx: Kysely<Database>, mark: { company_id: string; resident_id: string; month: string; amount_cents: number; paid_on: string; note: string | null; created_by: string }, now: Date) {
      const row = await trx.insertInto('paid_outside_marks').values({ ...mark, created_at: now }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
  };
}

export type RentPeriodsRepository = ReturnType<typeof createRentPeriodsRepository>;
