import { type Kysely, sql } from 'kysely';

/**
 * Imports never invent places: a company says whether a sync run may create the
 * properties and units its accounting system names that RentLedger does not
 * have (null: the default for its kind of connection, on for an API, off for
 * files), and a run keeps the properties and units it did create, so the run
 * page can list them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE companies ADD COLUMN create_properties_from_accounting boolean`.execute(db);
  await sql`ALTER TABLE sync_runs ADD COLUMN created_places jsonb NOT NULL DEFAULT '{"properties":[],"units":[]}'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE sync_runs DROP COLUMN created_places`.execute(db);
  await sql`ALTER TABLE companies DROP COLUMN create_properties_from_accounting`.execute(db);
}
