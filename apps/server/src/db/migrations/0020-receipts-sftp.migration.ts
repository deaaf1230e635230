import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * File companies' daily receipts CSV delivered by SFTP (issue 13).
 *
 * - companies.receipts_sftp_*: where to put the files, stored as the bank's SFTP is (migration 0012): the private
 *   key encrypted (lib/encryption.ts), the server's host key pinned as its SHA-256 fingerprint. All set or all null.
 * - receipts_deliveries: one row per company-day the job tried; delivered_at once the file is in the folder (or
 *   was found there already), so a day is sent once. last_error (scrubbed, bounded) and attempts while it fails.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    ALTER TABLE companies
      ADD COLUMN receipts_sftp_host text CHECK (char_length(receipts_sftp_host) BETWEEN 1 AND 255),
      ADD COLUMN receipts_sftp_port integer CHECK (receipts_sftp_port BETWEEN 1 AND 65535),
      ADD COLUMN receipts_sftp_username text CHECK (char_length(receipts_sftp_username) BETWEEN 1 AND 200),
      ADD COLUMN receipts_sftp_private_key_encrypted text,
      ADD COLUMN receipts_sftp_remote_dir text CHECK (char_length(receipts_sftp_remote_dir) <= 500),
      ADD COLUMN receipts_sftp_host_key_sha256 text CHECK (char_length(receipts_sftp_host_key_sha256) <= 100),
      ADD CONSTRAINT companies_receipts_sftp_whole CHECK (
        (receipts_sftp_host IS NULL) = (receipts_sftp_port IS NULL)
        AND (receipts_sftp_host IS NULL) = (receipts_sftp_username IS NULL)
        AND (receipts_sftp_host IS NULL) = (receipts_sftp_private_key_encrypted IS NULL)
        AND (receipts_sftp_host IS NULL) = (receipts_sftp_remote_dir IS NULL)
        AND (receipts_sftp_host IS NULL) = (receipts_sftp_host_key_sha256 IS NULL)
      );

    CREATE TABLE receipts_deliveries (
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      day date NOT NULL,
      delivered_at timestamptz,
      last_error text CHECK (char_length(last_error) <= 500),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, day)
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP TABLE IF EXISTS receipts_deliveries;
    ALTER TABLE companies
      DROP CONSTRAINT IF EXISTS companies_receipts_sftp_whole,
      DROP COLUMN IF EXISTS receipts_sftp_host,
      DROP COLUMN IF EXISTS receipts_sftp_port,
      DROP COLUMN IF EXISTS receipts_sftp_username,
      DROP COLUMN IF EXISTS receipts_sftp_private_key_encrypted,
      DROP COLUMN IF EXISTS receipts_sftp_remote_dir,
      DROP COLUMN IF EXISTS receipts_sftp_host_key_sha256;
    `,
  );
}
