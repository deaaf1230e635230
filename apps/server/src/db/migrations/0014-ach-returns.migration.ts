import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Returns and notifications of change from the company's bank.
 *
 * - `ach_return_files`: each file read, by its SHA-256 per company, so the same file read again changes nothing.
 * - `ach_return_entries`: each return (addenda 99) or NOC (addenda 98) in it, with the payment or micro-entry it
 *   matched by trace number, or none (then support lists it). One row per company, kind and original trace
 *   number: an entry read twice, in two different files, is applied once.
 * - A payment can now be `returned`, with its code and when; a retry (R01, R09) points at the payment it presents
 *   again. A bank account can be `disabled` (enter it again to use) or `blocked` (a new authorization needed).
 * - `payment_settings.retry_returns`: a company may turn automatic retries off; `sftp_returns_dir`: where its bank
 *   leaves return files, fetched by the `ach-fetch-returns` job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    ALTER TABLE payments DROP CONSTRAINT payments_status_check;
    ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN ('scheduled', 'processing', 'settled', 'cancelled', 'voided', 'returned'));
    ALTER TABLE payments
      ADD COLUMN return_code text CHECK (return_code ~ '^R[0-9]{2}$'),
      ADD COLUMN returned_at timestamptz,
      ADD COLUMN retry_of uuid REFERENCES payments (id),
      ADD CONSTRAINT payments_returned_has_code CHECK ((status = 'returned') = (return_code IS NOT NULL));
    CREATE INDEX payments_retry_of_idx ON payments (retry_of) WHERE retry_of IS NOT NULL;

    ALTER TABLE bank_accounts DROP CONSTRAINT bank_accounts_status_check;
    ALTER TABLE bank_accounts ADD CONSTRAINT bank_accounts_status_check CHECK (status IN ('validating', 'verified', 'locked', 'disabled', 'blocked'));

    ALTER TABLE payment_settings ADD COLUMN retry_returns boolean NOT NULL DEFAULT true;
    -- The bank's folder of return and NOC files on its SFTP server, fetched every 15 minutes when set.
    ALTER TABLE payment_settings ADD COLUMN sftp_returns_dir text;

    CREATE TABLE ach_return_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
      sha256 text NOT NULL,
      source text NOT NULL CHECK (source IN ('upload', 'cli', 'sftp')),
      returns integer NOT NULL DEFAULT 0,
      nocs integer NOT NULL DEFAULT 0,
      unmatched integer NOT NULL DEFAULT 0,
      read_by uuid REFERENCES users (id) ON DELETE SET NULL,
      read_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ach_return_files_once UNIQUE (company_id, sha256)
    );

    CREATE TABLE ach_return_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      return_file_id uuid NOT NULL REFERENCES ach_return_files (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('return', 'noc')),
      code text NOT NULL CHECK (code ~ '^[RC][0-9]{2}$'),
      original_trace_number text NOT NULL,
      amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
      corrected_data text,
      payment_id uuid REFERENCES payments (id),
      bank_account_id uuid REFERENCES bank_accounts (id),
      outcome text NOT NULL CHECK (outcome IN ('applied', 'unmatched', 'duplicate')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX ach_return_entries_once ON ach_return_entries (company_id, kind, original_trace_number) WHERE outcome = 'applied';
    CREATE INDEX ach_return_entries_file_idx ON ach_return_entries (return_file_id);
    CREATE INDEX ach_return_entries_unmatched_idx ON ach_return_entries (created_at) WHERE outcome = 'unmatched';
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP TABLE ach_return_entries;
    DROP TABLE ach_return_files;
    ALTER TABLE payment_settings DROP COLUMN retry_returns, DROP COLUMN sftp_returns_dir;
    ALTER TABLE bank_accounts DROP CONSTRAINT bank_accounts_status_check;
    ALTER TABLE bank_accounts ADD CONSTRAINT bank_accounts_status_check CHECK (status IN ('validating', 'verified', 'locked'));
    DROP INDEX payments_retry_of_idx;
    ALTER TABLE payments DROP CONSTRAINT payments_returned_has_code, DROP COLUMN return_code, DROP COLUMN returned_at, DROP COLUMN retry_of;
    ALTER TABLE payments DROP CONSTRAINT payments_status_check;
    ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN ('scheduled', 'processing', 'settled', 'cancelled', 'voided'));
    `,
  );
}
