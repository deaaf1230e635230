import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** The SQL of the payment stats beyond the rent period analysis's own: the company and its properties' names. */
export function createPaymentStatsRepository(db: Kysely<Database>) {
  return {
    async company(companyId: string) {
      return db.selectFrom('companies').select(['id', 'timezone']).where('id', '=', companyId).executeTakeFirst();
    },

    async properties(companyId: string) {
      return db.selectFrom('properties').select(['id', 'name']).where('company_id', '=', companyId).orderBy('name').orderBy('id').execute();
    },
  };
}

export type PaymentStatsRepository = ReturnType<typeof createPaymentStatsRepository>;
