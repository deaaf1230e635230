import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Uploaded files kept in 1 MiB chunks instead of one value, so neither the
 * upload nor the import ever holds a whole 50 MB file in memory (any server
 * process may still run the job: the chunks live in the database).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE TABLE sync_run_upload_chunks (
      sync_run_id uuid NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
      seq integer NOT NULL CHECK (seq >= 0),
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (sync_run_id, seq)
    );
    INSERT INTO sync_run_upload_chunks (sync_run_id, seq, content, created_at)
      SELECT sync_run_id, 0, content, created_at FROM sync_run_uploads;
    DROP TABLE sync_run_uploads;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE TABLE sync_run_uploads (
      sync_run_id uuid PRIMARY KEY REFERENCES sync_runs(id) ON DELETE CASCADE,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO sync_run_uploads (sync_run_id, content, created_at)
      SELECT sync_run_id, string_agg(content, ''::bytea ORDER BY seq), min(created_at) FROM sync_run_upload_chunks GROUP BY sync_run_id;
    DROP TABLE sync_run_upload_chunks;
    `,
  );
}
