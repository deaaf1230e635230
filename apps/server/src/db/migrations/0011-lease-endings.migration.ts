import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * A lease the landlord ended ("End lease"): the last day, why, who recorded it and when. Kept apart from
 * `lease_end`, which a sync refreshes from the books, so a scheduled end is not lost to the next import. The
 * partial index serves the each-minute job that finishes the leases whose end date has come.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    ALTER TABLE residents
      ADD COLUMN lease_ended_on date,
      ADD COLUMN lease_end_reason text CHECK (char_length(lease_end_reason) <= 500),
      ADD COLUMN lease_ended_by uuid REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN lease_end_recorded_at timestamptz;
    CREATE INDEX residents_lease_end_due ON residents (lease_ended_on)
      WHERE lease_ended_on IS NOT NULL AND status IN ('approved', 'current') AND deleted_at IS NULL;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP INDEX residents_lease_end_due;
    ALTER TABLE residents DROP COLUMN lease_ended_on, DROP COLUMN lease_end_reason, DROP COLUMN lease_ended_by, DROP COLUMN lease_end_recorded_at;
    `,
  );
}
