import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Rental search that forgives a misspelled word and finds a property by its
 * code. Trigrams cannot see "brich" as "birch" (they share two of six), so
 * the search also asks for each typed word's spellings one edit away among a
 * property's words: a GIN index over the words of `search_text`, split the way
 * `rental-search.domain.ts` splits a query. Codes are looked up without case,
 * by prefix ("MC" finds "mc01").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE INDEX properties_search_words_idx ON properties USING gin (regexp_split_to_array(search_text, '[\\s#.,]+'));
    CREATE INDEX properties_accounting_code_search_idx ON properties (lower(accounting_code) text_pattern_ops);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP INDEX properties_accounting_code_search_idx;
    DROP INDEX properties_search_words_idx;
    `,
  );
}
