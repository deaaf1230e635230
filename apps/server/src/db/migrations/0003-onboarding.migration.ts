import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Resident onboarding and landlord review: what a self sign-up stated, the
 * pending-review reminders, declines and merges; typo-tolerant rental search
 * (pg_trgm).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    ALTER TABLE properties ADD COLUMN search_text text GENERATED ALWAYS AS (
      lower(name || ' ' || street || ' ' || city || ' ' || state || ' ' || postal_code)
    ) STORED;
    -- GiST, not GIN: it returns the nearest names in order (KNN), so a common word does not mean scanning every match.
    CREATE INDEX properties_search_trgm_idx ON properties USING gist (search_text gist_trgm_ops);
    -- A street number narrows a search to a handful of properties before any fuzzy matching.
    ALTER TABLE properties ADD COLUMN street_number text GENERATED ALWAYS AS (substring(street from '^[0-9]+')) STORED;
    CREATE INDEX properties_street_number_idx ON properties (street_number);

    ALTER TABLE residents ADD COLUMN stated_rent_cents integer CHECK (stated_rent_cents >= 0);
    ALTER TABLE residents ADD COLUMN stated_lease_start date;
    ALTER TABLE residents ADD COLUMN stated_lease_end date;
    ALTER TABLE residents ADD COLUMN stated_unit_text text;
    ALTER TABLE residents ADD COLUMN pending_since timestamptz;
    ALTER TABLE residents ADD COLUMN next_reminder_at timestamptz;
    ALTER TABLE residents ADD COLUMN reminders_sent integer NOT NULL DEFAULT 0;
    ALTER TABLE residents ADD COLUMN declined_at timestamptz;
    ALTER TABLE residents ADD COLUMN declined_by uuid REFERENCES users(id) ON DELETE SET NULL;
    ALTER TABLE residents ADD COLUMN merged_into uuid REFERENCES residents(id) ON DELETE SET NULL;

    CREATE INDEX residents_pending_list_idx ON residents (company_id, status, last_name, first_name, id) WHERE deleted_at IS NULL;
    CREATE INDEX residents_reminder_due_idx ON residents (next_reminder_at) WHERE status = 'pending' AND deleted_at IS NULL;
    CREATE INDEX accounting_records_property_idx ON accounting_records (property_id);
    CREATE INDEX support_requests_status_idx ON support_requests (status, created_at DESC);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP INDEX support_requests_status_idx;
    DROP INDEX accounting_records_property_idx;
    DROP INDEX residents_reminder_due_idx;
    DROP INDEX residents_pending_list_idx;
    ALTER TABLE residents DROP COLUMN merged_into, DROP COLUMN declined_by, DROP COLUMN declined_at, DROP COLUMN reminders_sent,
      DROP COLUMN next_reminder_at, DROP COLUMN pending_since, DROP COLUMN stated_unit_text, DROP COLUMN stated_lease_end,
      DROP COLUMN stated_lease_start, DROP COLUMN stated_rent_cents;
    DROP INDEX properties_street_number_idx;
    ALTER TABLE properties DROP COLUMN street_number;
    DROP INDEX properties_search_trgm_idx;
    ALTER TABLE properties DROP COLUMN search_text;
    `,
  );
}
