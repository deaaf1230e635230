import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Accounting integration: a liveness stamp on sync runs (to tell an interrupted
 * run from a running one across processes), uploaded files kept in the
 * database until their run ends (any server process may run the job), a
 * company's saved CSV column mapping and daily sync hour.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    ALTER TABLE sync_runs ADD COLUMN heartbeat_at timestamptz;
    ALTER TABLE sync_runs ADD COLUMN source_name text;
    ALTER TABLE sync_runs ADD COLUMN format text CHECK (format IN ('csv', 'mits', 'buildium', 'yardi'));

    CREATE TABLE sync_run_uploads (
      sync_run_id uuid PRIMARY KEY REFERENCES sync_runs(id) ON DELETE CASCADE,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE companies ADD COLUMN csv_column_mapping jsonb NOT NULL DEFAULT '{}'::jsonb;
    ALTER TABLE companies ADD COLUMN sync_hour integer CHECK (sync_hour BETWEEN 0 AND 23);
    ALTER TABLE companies ADD COLUMN last_scheduled_sync_on date;

    CREATE INDEX accounting_records_company_status_idx ON accounting_records (company_id, status);
    CREATE INDEX residents_accounting_record_idx ON residents (accounting_record_id);
    CREATE INDEX invitations_live_idx ON invitations (resident_id) WHERE accepted_at IS NULL AND revoked_at IS NULL;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP INDEX invitations_live_idx;
    DROP INDEX residents_accounting_record_idx;
    DROP INDEX accounting_records_company_status_idx;
    ALTER TABLE companies DROP COLUMN last_scheduled_sync_on;
    ALTER TABLE companies DROP COLUMN sync_hour;
    ALTER TABLE companies DROP COLUMN csv_column_mapping;
    DROP TABLE sync_run_uploads;
    ALTER TABLE sync_runs DROP COLUMN format;
    ALTER TABLE sync_runs DROP COLUMN source_name;
    ALTER TABLE sync_runs DROP COLUMN heartbeat_at;
    `,
  );
}
