import type { RentalSearchResponse } from '@rentledger/contracts';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database, ResidentsTable } from '../../db/database.types.ts';

export type NewResidentAccount = { email: string; firstName: string; lastName: string; phone: string | null; passwordHash: string };

/** The SQL of sign-up, rental search and stating a residency. */
export function createOnboardingRepository(db: Kysely<Database>) {
  return {
    async searchRentals(normalised: string, limit: number): Promise<RentalSearchResponse['results']> {
      type Row = { id: string; name: string; street: string; city: string; state: string; postal_code: string };
      // A street number in the query is exact in practice: look there first, ranked by the rest.
      const numbers = normalised.split(' ').filter((word) => /^\d{1,6}$/.test(word));
      let rows: Row[] = [];
      if (numbers.length > 0) {
        ({ rows } = await sql<Row>`
          SELECT id, name, street, city, state, postal_code
          FROM properties
          WHERE street_number = ANY(${numbers}::text[]) AND word_similarity(${normalised}, search_text) >= 0.3
          ORDER BY word_similarity(${normalised}, search_text) DESC, name
          LIMIT ${limit}
        `.execute(db));
      }
      if (rows.length === 0) {
        ({ rows } = await sql<Row>`
          SELECT id, name, street, city, state, postal_code
          FROM properties
          WHERE ${normalised} <% search_text
          ORDER BY ${normalised} <<-> search_text, name
          LIMIT ${limit}
        `.execute(db));
      }
      if (rows.length === 0) return [];
      const units = await db
        .selectFrom('units')
        .select(['id', 'label', 'property_id'])
        .where('property_id', 'in', rows.map((row) => row.id))
        .execute();
      const byProperty = new Map<string, { id: string; label: string }[]>();
      for (const unit of units) byProperty.set(unit.property_id, [...(byProperty.get(unit.property_id) ?? []), { id: unit.id, label: unit.label }]);
      return rows.map((row) => ({
        property: { id: row.id, name: row.name, address: row.street, city: row.city, state: row.state, postalCode: row.postal_code },
        units: (byProperty.get(row.id) ?? []).sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true })),
      }));
    },

    findProperty(propertyId: string) {
      return db.selectFrom('properties').select(['id', 'company_id', 'name']).where('id', '=', propertyId).executeTakeFirst();
    },

    findUnit(unitId: string) {
      return db
        .selectFrom('units')
        .innerJoin('properties', 'properties.id', 'units.property_id')
        .select(['units.id', 'units.label', 'units.property_id', 'properties.company_id', 'properties.name as property_name'])
        .where('units.id', '=', unitId)
        .executeTakeFirst();
    },

    /** The account an email belongs to, whatever its case. */
    accountWithEmail(email: string) {
      return db
        .selectFrom('users')
        .select(['id', 'email', 'first_name'])
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
    },

    /** A resident's account, unverified: nothing is matched until the email is proven. Fails on users_email_unique. */
    async insertResidentAccount(trx: Kysely<Database>, account: NewResidentAccount) {
      const { id } = await trx
        .insertInto('users')
        .values({ email: account.email, role: 'resident', company_id: null, first_name: account.firstName, last_name: account.lastName, phone: account.phone, password_hash: account.passwordHash, email_verified_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    accountOf(userId: string) {
      return db.selectFrom('users').select(['email', 'first_name', 'last_name', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow();
    },

    /** The user's residency at the property that is pending or approved (one at a time per property). */
    liveResidencyAt(userId: string, propertyId: string) {
      return db
        .selectFrom('residents')
        .select('id')
        .where('user_id', '=', userId)
        .where('property_id', '=', propertyId)
        .where('deleted_at', 'is', null)
        .where('status', 'in', ['pending', 'approved', 'current'])
        .executeTakeFirst();
    },

    async insertResident(trx: Kysely<Database>, resident: Insertable<ResidentsTable>) {
      const { id } = await trx.insertInto('residents').values(resident).returning('id').executeTakeFirstOrThrow();
      return id;
    },
  };
}

export type OnboardingRepository = ReturnType<typeof createOnboardingRepository>;
