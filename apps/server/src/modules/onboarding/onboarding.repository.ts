import type { RentalSearchResponse } from '@rentledger/contracts';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database, ResidentsTable } from '../../db/database.types.ts';
import type { RentalQuery } from './rental-search.domain.ts';

export type NewResidentAccount = { email: string; firstName: string; lastName: string; phone: string | null; passwordHash: string };

type SearchRow = { id: string; name: string; street: string; city: string; state: string; postal_code: string };
export type SearchedRental = RentalSearchResponse['results'][number]['property'] & { units: { id: string; label: string }[] };

/** The words of a property's search text, split as the query is: the expression of properties_search_words_idx. */
const searchWords = sql`regexp_split_to_array(search_text, '[\\s#.,]+')`;

/** The SQL of sign-up, rental search and stating a residency. */
export function createOnboardingRepository(db: Kysely<Database>) {
  /** A code as typed, without case: the code itself first, then codes it begins ("MC" finds "mc01"). */
  async function propertiesByCode(code: string, limit: number): Promise<SearchRow[]> {
    const { rows } = await sql<SearchRow>`
      SELECT id, name, street, city, state, postal_code
      FROM properties
      WHERE lower(accounting_code) LIKE ${`${code}%`}
      ORDER BY lower(accounting_code) = ${code} DESC, length(accounting_code), name
      LIMIT ${limit}
    `.execute(db);
    return rows;
  }

  /** A street number in the query is exact in practice: look there first, ranked by the rest. */
  async function propertiesByStreetNumber(query: RentalQuery, limit: number): Promise<SearchRow[]> {
    if (query.numbers.length === 0) return [];
    const { rows } = await sql<SearchRow>`
      SELECT id, name, street, city, state, postal_code
      FROM properties
      WHERE street_number = ANY(${query.numbers}::text[]) AND word_similarity(${query.text}, search_text) >= 0.3
      ORDER BY word_similarity(${query.text}, search_text) DESC, name
      LIMIT ${limit}
    `.execute(db);
    return rows;
  }

  /**
   * Every typed word among the property's words in one of its spellings; the most words spelt right first, and
   * between equals, the property whose name (not only its street) is like what was typed: "mapel" means Maple
   * Court before Cedar Court on Maple Avenue.
   */
  async function propertiesByWords(query: RentalQuery, limit: number): Promise<SearchRow[]> {
    if (query.words.length === 0) return [];
    const everyWord = sql.join(query.words.map((spellings) => sql`${searchWords} && ${spellings}::text[]`), sql` AND `);
    const spelledRight = sql.join(query.exactWords.map((spellings) => sql`(${searchWords} && ${spellings}::text[])::int`), sql` + `);
    // The planner takes an overlap with hundreds of spellings for most of the table and scans it all (250 ms at
    // 10,000 properties against 17 ms through the index): in this one transaction, it may not.
    return db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const { rows } = await sql<SearchRow>`
        SELECT id, name, street, city, state, postal_code
        FROM properties
        WHERE ${everyWord}
        ORDER BY ${spelledRight} DESC, word_similarity(${query.text}, search_text) DESC, word_similarity(${query.text}, name) DESC, name
        LIMIT ${limit}
      `.execute(trx);
      return rows;
    });
  }

  /** The nearest by trigram word similarity (GiST KNN), for typos past one edit a word. */
  async function propertiesBySimilarity(query: RentalQuery, limit: number): Promise<SearchRow[]> {
    const { rows } = await sql<SearchRow>`
      SELECT id, name, street, city, state, postal_code
      FROM properties
      WHERE ${query.text} <% search_text
      ORDER BY ${query.text} <<-> search_text, name
      LIMIT ${limit}
    `.execute(db);
    return rows;
  }

  async function withUnits(rows: SearchRow[]): Promise<SearchedRental[]> {
    if (rows.length === 0) return [];
    const units = await db
      .selectFrom('units')
      .select(['id', 'label', 'property_id'])
      .where('property_id', 'in', rows.map((row) => row.id))
      .execute();
    const byProperty = new Map<string, { id: string; label: string }[]>();
    for (const unit of units) byProperty.set(unit.property_id, [...(byProperty.get(unit.property_id) ?? []), { id: unit.id, label: unit.label }]);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      address: row.street,
      city: row.city,
      state: row.state,
      postalCode: row.postal_code,
      units: (byProperty.get(row.id) ?? []).sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true })),
    }));
  }

  return {
    /**
     * Properties for a typed query, best first, tried in turn until one way finds some: a property code, the
     * street number with the rest ranked by similarity, every word by its spellings (exact, abbreviated or one
     * edit away), then trigram similarity of the whole text. Each way is one index lookup at a million units.
     */
    async searchRentals(query: RentalQuery, limit: number): Promise<SearchedRental[]> {
      const coded = query.code ? await propertiesByCode(query.code, limit) : [];
      // A code that named a property is what was meant: no trigram guesses (the slowest way) after it.
      const ways = coded.length > 0 ? [propertiesByWords] : [propertiesByStreetNumber, propertiesByWords, propertiesBySimilarity];
      let found: SearchRow[] = [];
      for (const find of ways) {
        if (coded.length >= limit) break;
        found = await find(query, limit);
        if (found.length > 0) break;
      }
      const rows = [...coded, ...found.filter((row) => !coded.some((code) => code.id === row.id))].slice(0, limit);
      return withUnits(rows);
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
