import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * A return that disables or blocks an account cancels the payments still scheduled on it
 * (`payments.cancelScheduledOn`): without an index on the account that was a scan of every payment per return.
 * Partial, on the few rows that can be cancelled (issue 13).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `CREATE INDEX payments_scheduled_by_account ON payments (bank_account_id) WHERE status = 'scheduled';`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, 'DROP INDEX IF EXISTS payments_scheduled_by_account;');
}
