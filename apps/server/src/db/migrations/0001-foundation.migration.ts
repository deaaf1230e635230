import { type Kysely, sql } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Foundation schema. Frozen: later changes go in new
 * migrations. Rules the application relies on are constraints here too, so a
 * bug or a second process cannot write a state the domain forbids.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    CREATE TABLE companies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      timezone text NOT NULL DEFAULT 'America/New_York',
      grace_days integer NOT NULL DEFAULT 5 CHECK (grace_days BETWEEN 0 AND 31),
      integration_kind text NOT NULL DEFAULT 'none' CHECK (integration_kind IN ('none', 'file', 'api')),
      integration_provider text,
      integration_settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      integration_secrets_encrypted text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (position('@' in email) > 1),
      role text NOT NULL CHECK (role IN ('landlord', 'resident', 'support')),
      company_id uuid REFERENCES companies(id) ON DELETE RESTRICT,
      first_name text NOT NULL,
      last_name text NOT NULL,
      phone text,
      password_hash text,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT users_company_only_for_landlords CHECK ((role = 'landlord') = (company_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
    CREATE INDEX users_company_idx ON users (company_id);

    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      user_agent text,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_tokens_company_idx ON api_tokens (company_id);

    CREATE TABLE properties (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE RESTRICT,
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      street text NOT NULL,
      city text NOT NULL,
      state text NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
      postal_code text NOT NULL CHECK (postal_code ~ '^[0-9]{5}(-[0-9]{4})?$'),
      accounting_code text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT properties_accounting_code_unique UNIQUE (company_id, accounting_code)
    );
    CREATE INDEX properties_company_idx ON properties (company_id);

    CREATE TABLE units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      property_id uuid NOT NULL REFERENCES properties(id) ON DELETE RESTRICT,
      label text NOT NULL CHECK (length(btrim(label)) > 0),
      accounting_code text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT units_accounting_code_unique UNIQUE (property_id, accounting_code)
    );
    CREATE UNIQUE INDEX units_label_unique ON units (property_id, lower(label));

    CREATE TABLE sync_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      trigger text NOT NULL CHECK (trigger IN ('manual', 'upload', 'approval', 'schedule')),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
      progress_processed integer NOT NULL DEFAULT 0 CHECK (progress_processed >= 0),
      progress_total integer CHECK (progress_total >= 0),
      counts jsonb NOT NULL DEFAULT '{}'::jsonb,
      errors jsonb NOT NULL DEFAULT '[]'::jsonb,
      message text,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    -- Two runs of one company never overlap.
    CREATE UNIQUE INDEX sync_runs_one_active_per_company ON sync_runs (company_id) WHERE status IN ('queued', 'running');
    CREATE INDEX sync_runs_company_idx ON sync_runs (company_id, created_at DESC);

    CREATE TABLE accounting_records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
      accounting_resident_id text NOT NULL CHECK (length(btrim(accounting_resident_id)) > 0),
      property_code text,
      unit_code text,
      property_id uuid REFERENCES properties(id) ON DELETE SET NULL,
      unit_id uuid REFERENCES units(id) ON DELETE SET NULL,
      first_name text NOT NULL DEFAULT '',
      last_name text NOT NULL DEFAULT '',
      emails text[] NOT NULL DEFAULT '{}',
      phones text[] NOT NULL DEFAULT '{}',
      lease_start date,
      lease_end date,
      rent_cents integer CHECK (rent_cents >= 0),
      balance_cents integer,
      status text NOT NULL CHECK (status IN ('current', 'notice', 'future', 'past')),
      do_not_accept_payments boolean NOT NULL DEFAULT false,
      last_sync_run_id uuid REFERENCES sync_runs(id) ON DELETE SET NULL,
      synced_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT accounting_records_resident_id_unique UNIQUE (company_id, accounting_resident_id),
      CONSTRAINT accounting_records_lease_order CHECK (lease_end IS NULL OR lease_start IS NULL OR lease_end >= lease_start)
    );
    CREATE INDEX accounting_records_unit_idx ON accounting_records (unit_id);

    CREATE TABLE residents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies(id) ON DELETE RESTRICT,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      unit_id uuid REFERENCES units(id) ON DELETE RESTRICT,
      property_id uuid REFERENCES properties(id) ON DELETE RESTRICT,
      accounting_record_id uuid REFERENCES accounting_records(id) ON DELETE SET NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      email text,
      phone text,
      status text NOT NULL CHECK (status IN ('waiting', 'invited', 'pending', 'approved', 'current', 'finished', 'declined')),
      source text NOT NULL CHECK (source IN ('accounting_invite', 'portal_signup', 'landlord_invite')),
      accounting_resident_id text CHECK (accounting_resident_id IS NULL OR length(btrim(accounting_resident_id)) > 0),
      rent_cents integer CHECK (rent_cents >= 0),
      due_day integer NOT NULL DEFAULT 1 CHECK (due_day BETWEEN 1 AND 31),
      lease_start date,
      lease_end date,
      month_to_month boolean NOT NULL DEFAULT false,
      balance_cents integer,
      payment_policy text NOT NULL DEFAULT 'any' CHECK (payment_policy IN ('any', 'full_balance_only', 'blocked')),
      credit_reporting_consent boolean NOT NULL DEFAULT false,
      credit_reporting_consent_at timestamptz,
      declined_reason text,
      approved_at timestamptz,
      approved_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      deleted_by uuid REFERENCES users(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT residents_lease_order CHECK (lease_end IS NULL OR lease_start IS NULL OR lease_end >= lease_start),
      CONSTRAINT residents_month_to_month_has_no_end CHECK (NOT (month_to_month AND lease_end IS NOT NULL)),
      CONSTRAINT residents_email_unless_waiting CHECK (status = 'waiting' OR email IS NOT NULL),
      -- A landlord vouches for these before the resident can pay or be reported.
      CONSTRAINT residents_approved_has_lease CHECK (
        status NOT IN ('approved', 'current') OR (unit_id IS NOT NULL AND rent_cents IS NOT NULL AND lease_start IS NOT NULL)
      )
    );
    -- Unique accounting resident ID per company among live residents.
    CREATE UNIQUE INDEX residents_accounting_id_live_unique ON residents (company_id, accounting_resident_id)
      WHERE deleted_at IS NULL AND status NOT IN ('finished', 'declined') AND accounting_resident_id IS NOT NULL;
    CREATE INDEX residents_company_status_idx ON residents (company_id, status) WHERE deleted_at IS NULL;
    CREATE INDEX residents_unit_idx ON residents (unit_id);
    CREATE INDEX residents_user_idx ON residents (user_id);

    CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      resident_id uuid NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      email text NOT NULL,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      sent_at timestamptz,
      accepted_at timestamptz,
      revoked_at timestamptz,
      CONSTRAINT invitations_expiry_after_creation CHECK (expires_at > created_at)
    );
    CREATE INDEX invitations_resident_idx ON invitations (resident_id);

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      link text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

    CREATE TABLE email_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      idempotency_key text NOT NULL UNIQUE,
      company_id uuid REFERENCES companies(id) ON DELETE SET NULL,
      to_address text NOT NULL CHECK (position('@' in to_address) > 1),
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_error text,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE status = 'pending';

    CREATE TABLE support_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid REFERENCES companies(id) ON DELETE CASCADE,
      requested_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
      resident_id uuid REFERENCES residents(id) ON DELETE SET NULL,
      kind text NOT NULL CHECK (kind IN ('missing_property', 'missing_unit', 'resident_id_conflict', 'other')),
      message text NOT NULL,
      context jsonb NOT NULL DEFAULT '{}'::jsonb,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'resolved')),
      answer text,
      answered_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    );
    CREATE INDEX support_requests_company_idx ON support_requests (company_id, status);

    CREATE TABLE audit_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      company_id uuid REFERENCES companies(id) ON DELETE SET NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      before jsonb,
      after jsonb
    );
    CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC);
    CREATE INDEX audit_events_company_idx ON audit_events (company_id, occurred_at DESC);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_events, support_requests, email_outbox, notifications, invitations, residents,
      accounting_records, sync_runs, units, properties, api_tokens, sessions, users, companies;
  `.execute(db);
}
