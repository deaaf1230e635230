import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Rent alerts (issue 13): what the landlord is told when rent is not sufficient and on time, and the reminders a
 * resident is sent.
 *
 * - `rent_alerts`: one per resident, month and kind. `overdue` (the due date plus grace passed and the month is
 *   `unpaid` or `insufficient`) is unique per resident and month, `returned` per returned payment: the unique
 *   indexes are what make an alert, and the messages sent with it in the same transaction, happen exactly once
 *   when two job runs or two servers find the same month at once (the loser's INSERT ... ON CONFLICT DO NOTHING
 *   makes nothing and sends nothing). An alert stays open until resolved: when, and why (`paid`, `paid_outside`,
 *   `lease_ended`). The amounts are the month's as last analysed (refreshed by the job while it is open).
 * - `staff_alert_preferences`: a staff user's email for payment alerts, `immediate` (no row means immediate) or
 *   `daily_digest`; `digest_covered_until` is the instant the user chose the digest (alerts before it were emailed
 *   at once), `last_digest_on` the company-local day of the last digest (once a day).
 * - `rent_alert_digest_items`: which alerts each digest user's digests have had, one row per user and alert
 *   (the key): a digest takes the company's alerts since the user chose the digest that have no row yet, and
 *   writes theirs in the digest's transaction. No time cut-off: an alert whose row committed after a digest read
 *   (its `created_at` is earlier than its commit) is in the next one.
 * - `rent_reminders`: reminders sent to a resident: `before_due` once per resident and month (unique), and the
 *   landlord's `landlord` sends, at most one per resident per company-local day (unique).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE TABLE rent_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      kind text NOT NULL CHECK (kind IN ('overdue', 'returned')),
      payment_id uuid REFERENCES payments (id) ON DELETE CASCADE,
      amount_cents integer NOT NULL CHECK (amount_cents >= 0),
      due_cents integer CHECK (due_cents >= 0),
      received_cents integer CHECK (received_cents >= 0),
      shortfall_cents integer CHECK (shortfall_cents >= 0),
      grace_ends_on date,
      return_code text CHECK (char_length(return_code) <= 3),
      return_reason text CHECK (char_length(return_reason) <= 200),
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolution text CHECK (resolution IN ('paid', 'paid_outside', 'lease_ended')),
      CHECK ((kind = 'returned') = (payment_id IS NOT NULL)),
      CHECK ((resolved_at IS NULL) = (resolution IS NULL))
    );
    CREATE UNIQUE INDEX rent_alerts_overdue_once ON rent_alerts (resident_id, month) WHERE kind = 'overdue';
    CREATE UNIQUE INDEX rent_alerts_returned_once ON rent_alerts (payment_id) WHERE kind = 'returned';
    CREATE INDEX rent_alerts_open_idx ON rent_alerts (company_id, created_at DESC, id DESC) WHERE resolved_at IS NULL;
    CREATE INDEX rent_alerts_company_idx ON rent_alerts (company_id, created_at DESC, id DESC);
    CREATE INDEX rent_alerts_resident_idx ON rent_alerts (resident_id) WHERE resolved_at IS NULL;

    CREATE TABLE staff_alert_preferences (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      payment_alert_email text NOT NULL DEFAULT 'immediate' CHECK (payment_alert_email IN ('immediate', 'daily_digest')),
      digest_covered_until timestamptz,
      last_digest_on date,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE rent_alert_digest_items (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      alert_id uuid NOT NULL REFERENCES rent_alerts (id) ON DELETE CASCADE,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, alert_id)
    );
    CREATE INDEX rent_alert_digest_items_alert_idx ON rent_alert_digest_items (alert_id);

    CREATE TABLE rent_reminders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      kind text NOT NULL CHECK (kind IN ('before_due', 'landlord')),
      sent_on date NOT NULL,
      sent_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX rent_reminders_before_due_once ON rent_reminders (resident_id, month) WHERE kind = 'before_due';
    CREATE UNIQUE INDEX rent_reminders_landlord_daily ON rent_reminders (resident_id, sent_on) WHERE kind = 'landlord';
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `DROP TABLE rent_reminders; DROP TABLE rent_alert_digest_items; DROP TABLE staff_alert_preferences; DROP TABLE rent_alerts;`);
}
