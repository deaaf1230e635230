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

    /** Every payment of the resident that moved money, or was meant to: the analysis decides which count. */
    async payments(residentId: string) {
      return db
        .selectFrom('payments')
        .where('resident_id', '=', residentId)
        .where('status', 'in', ['processing', 'settled', 'returned'])
        .select(['amount_cents', 'status', 'effective_date', sql<string | null>`to_char(returned_at, 'YYYY-MM-DD')`.as('returned_on')])
        .execute();
    },

    async marks(residentId: string) {
      return db.selectFrom('paid_outside_marks').select(['month', 'amount_cents', 'paid_on']).where('resident_id', '=', residentId).orderBy('paid_on').execute();
    },

    async insertMark(trx: Kysely<Database>, mark: { company_id: string; resident_id: string; month: string; amount_cents: number; paid_on: string; note: string | null; created_by: string }, now: Date) {
      const row = await trx.insertInto('paid_outside_marks').values({ ...mark, created_at: now }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
  };
}

export type RentPeriodsRepository = ReturnType<typeof createRentPeriodsRepository>;
