import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Rent payments by ACH.
 *
 * - `payment_settings`: one row per company that originates entries through its bank (the ODFI). The row is also
 *   the company's file lock: creating a file takes it FOR UPDATE, so two cutoff runs never put a payment in two
 *   files, and `next_trace_sequence` hands out trace numbers under that lock.
 * - `bank_accounts`: a resident's account at one company (that company's bank sends the micro-entries and, once
 *   they are confirmed, the debits). Routing and account numbers are encrypted together; only the last 4 of the
 *   account are kept in the clear. `fingerprint` (an HMAC of both) finds the same account added twice.
 * - `payment_authorizations`: the text the resident accepted, when, from where: one per one-time payment, one per
 *   autopay plan.
 * - `payments`: what the resident asked to pay; once in a file, its file, trace number and effective date are on
 *   the payment row itself. `ach_entries`: the file's other lines (micro-entry credits and their offsetting
 *   debit, the offsetting credits to the settlement account), each with its trace number. A file's totals are
 *   its payments and its entries, a test checks, and the file row keeps them as the file's control says.
 * - `autopay_plans`: one live plan per residency; `last_run_month` makes the monthly run idempotent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE TABLE payment_settings (
      company_id uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
      immediate_destination text NOT NULL CHECK (immediate_destination ~ '^[0-9]{9}$'),
      immediate_destination_name text NOT NULL CHECK (char_length(immediate_destination_name) BETWEEN 1 AND 23),
      immediate_origin text NOT NULL CHECK (immediate_origin ~ '^[0-9A-Za-z ]{10}$'),
      immediate_origin_name text NOT NULL CHECK (char_length(immediate_origin_name) BETWEEN 1 AND 23),
      company_name text NOT NULL CHECK (char_length(company_name) BETWEEN 1 AND 16),
      company_identification text NOT NULL CHECK (company_identification ~ '^[0-9A-Za-z ]{10}$'),
      entry_description text NOT NULL DEFAULT 'RENT' CHECK (char_length(entry_description) BETWEEN 1 AND 10),
      odfi_identification text NOT NULL CHECK (odfi_identification ~ '^[0-9]{8}$'),
      settlement_account_encrypted text NOT NULL,
      settlement_account_last4 text NOT NULL,
      settlement_account_type text NOT NULL CHECK (settlement_account_type IN ('checking', 'savings')),
      balanced_files boolean NOT NULL DEFAULT false,
      cutoff_time text NOT NULL DEFAULT '19:45' CHECK (cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      window_from_day integer CHECK (window_from_day BETWEEN 1 AND 31),
      window_to_day integer CHECK (window_to_day BETWEEN 1 AND 31),
      max_payment_cents integer CHECK (max_payment_cents BETWEEN 100 AND 2500000),
      sftp_host text,
      sftp_port integer CHECK (sftp_port BETWEEN 1 AND 65535),
      sftp_username text,
      sftp_private_key_encrypted text,
      sftp_remote_dir text,
      sftp_host_key_sha256 text,
      next_trace_sequence bigint NOT NULL DEFAULT 1 CHECK (next_trace_sequence BETWEEN 1 AND 9999999),
      -- The banking day the cutoff job last made the company's file for: it runs once a day, however often it ticks.
      last_cutoff_file_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT payment_settings_window_pair CHECK ((window_from_day IS NULL) = (window_to_day IS NULL))
    );

    CREATE TABLE bank_accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      holder_name text NOT NULL CHECK (char_length(holder_name) BETWEEN 1 AND 22),
      account_type text NOT NULL CHECK (account_type IN ('checking', 'savings')),
      numbers_encrypted text NOT NULL,
      fingerprint text NOT NULL,
      last4 text NOT NULL CHECK (last4 ~ '^[0-9A-Za-z]{1,4}$'),
      status text NOT NULL DEFAULT 'validating' CHECK (status IN ('validating', 'verified', 'locked')),
      status_reason text,
      micro_credit_1_cents integer NOT NULL CHECK (micro_credit_1_cents BETWEEN 1 AND 99),
      micro_credit_2_cents integer NOT NULL CHECK (micro_credit_2_cents BETWEEN 1 AND 99),
      verify_tries integer NOT NULL DEFAULT 0 CHECK (verify_tries BETWEEN 0 AND 3),
      verified_at timestamptz,
      removed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX bank_accounts_live_unique ON bank_accounts (company_id, user_id, fingerprint) WHERE removed_at IS NULL;
    CREATE INDEX bank_accounts_user_idx ON bank_accounts (user_id);

    CREATE TABLE autopay_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      bank_account_id uuid NOT NULL REFERENCES bank_accounts (id),
      day_of_month integer NOT NULL CHECK (day_of_month BETWEEN 1 AND 28),
      kind text NOT NULL CHECK (kind IN ('fixed', 'balance')),
      amount_cents integer CHECK (amount_cents > 0),
      cap_cents integer CHECK (cap_cents > 0),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'cancelled')),
      last_run_month text CHECK (last_run_month ~ '^[0-9]{4}-[0-9]{2}$'),
      last_reminded_month text CHECK (last_reminded_month ~ '^[0-9]{4}-[0-9]{2}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      CONSTRAINT autopay_plans_amount_by_kind CHECK (
        (kind = 'fixed' AND amount_cents IS NOT NULL) OR (kind = 'balance' AND cap_cents IS NOT NULL)
      )
    );
    CREATE UNIQUE INDEX autopay_plans_one_live ON autopay_plans (resident_id) WHERE status <> 'cancelled';

    CREATE TABLE payment_authorizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      bank_account_id uuid NOT NULL REFERENCES bank_accounts (id),
      kind text NOT NULL CHECK (kind IN ('one_time', 'autopay')),
      autopay_plan_id uuid REFERENCES autopay_plans (id) ON DELETE SET NULL,
      text text NOT NULL,
      accepted_at timestamptz NOT NULL,
      ip text NOT NULL,
      user_agent text NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX payment_authorizations_resident_idx ON payment_authorizations (resident_id);

    CREATE TABLE ach_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      file_date date NOT NULL,
      file_id_modifier text NOT NULL CHECK (file_id_modifier ~ '^[A-Z0-9]$'),
      effective_date date NOT NULL,
      content text NOT NULL,
      sha256 text NOT NULL,
      batch_count integer NOT NULL,
      entry_count integer NOT NULL,
      debit_total_cents bigint NOT NULL CHECK (debit_total_cents >= 0),
      credit_total_cents bigint NOT NULL CHECK (credit_total_cents >= 0),
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      delivery_error text,
      CONSTRAINT ach_files_modifier_unique UNIQUE (company_id, file_date, file_id_modifier)
    );
    CREATE INDEX ach_files_company_idx ON ach_files (company_id, created_at DESC);

    CREATE TABLE payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE RESTRICT,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
      bank_account_id uuid NOT NULL REFERENCES bank_accounts (id),
      authorization_id uuid NOT NULL REFERENCES payment_authorizations (id),
      autopay_plan_id uuid REFERENCES autopay_plans (id) ON DELETE SET NULL,
      amount_cents integer NOT NULL CHECK (amount_cents BETWEEN 1 AND 2500000),
      payment_type text NOT NULL CHECK (payment_type IN ('S', 'R')),
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'processing', 'settled', 'cancelled', 'voided')),
      scheduled_for date NOT NULL,
      ach_file_id uuid REFERENCES ach_files (id),
      trace_number text CHECK (trace_number ~ '^[0-9]{15}$'),
      effective_date date,
      idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
      status_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      voided_at timestamptz,
      voided_by uuid REFERENCES users (id) ON DELETE SET NULL,
      settled_at timestamptz,
      CONSTRAINT payments_in_file_has_trace CHECK ((ach_file_id IS NULL) = (trace_number IS NULL))
    );
    CREATE UNIQUE INDEX payments_idempotency_unique ON payments (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    -- Trace numbers are the ODFI's 8 digits and the company's own sequence: unique per company (two companies
    -- at one bank count from 1 each), which is how a return file, read for one company, finds its payment.
    CREATE UNIQUE INDEX payments_trace_unique ON payments (company_id, trace_number) WHERE trace_number IS NOT NULL;
    CREATE INDEX payments_due_idx ON payments (company_id, scheduled_for) WHERE status = 'scheduled';
    CREATE INDEX payments_company_idx ON payments (company_id, created_at DESC);
    CREATE INDEX payments_resident_idx ON payments (resident_id);
    CREATE INDEX payments_settle_idx ON payments (effective_date) WHERE status = 'processing';
    -- An autopay plan pays once per month; a second run of the same month finds this and does nothing.
    CREATE UNIQUE INDEX payments_autopay_month_unique ON payments (autopay_plan_id, date_trunc('month', scheduled_for::timestamp))
      WHERE autopay_plan_id IS NOT NULL AND status <> 'cancelled';

    CREATE TABLE ach_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ach_file_id uuid NOT NULL REFERENCES ach_files (id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('micro_credit', 'micro_debit', 'offset')),
      bank_account_id uuid REFERENCES bank_accounts (id),
      transaction_code text NOT NULL CHECK (transaction_code ~ '^[0-9]{2}$'),
      -- bigint: a balanced file's offsetting credit can hold a whole day's debits.
      amount_cents bigint NOT NULL CHECK (amount_cents > 0),
      is_debit boolean NOT NULL,
      trace_number text NOT NULL CHECK (trace_number ~ '^[0-9]{15}$'),
      CONSTRAINT ach_entries_trace_unique UNIQUE (ach_file_id, trace_number)
    );
    -- A new account's micro-entries go out in exactly one file.
    CREATE UNIQUE INDEX ach_entries_one_micro_debit ON ach_entries (bank_account_id) WHERE purpose = 'micro_debit';
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP TABLE ach_entries;
    DROP TABLE payments;
    DROP TABLE ach_files;
    DROP TABLE payment_authorizations;
    DROP TABLE autopay_plans;
    DROP TABLE bank_accounts;
    DROP TABLE payment_settings;
    `,
  );
}
