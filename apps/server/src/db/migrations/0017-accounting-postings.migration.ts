import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Payments posted back to the company's accounting system (issue 13). One row per payment per kind (the payment
 * when it settles, its reversal when a posted payment comes back) per system; the unique key on the three, and
 * the idempotency key sent to the provider, mean a payment is never posted twice.
 *
 * - status: `waiting_for_id` (the resident has no accounting resident ID; the posting job moves it on once one is
 *   set), `pending` (due at next_attempt_at), `posted`, `failed` (after the last try; the landlord may retry),
 *   `cancelled` (the payment was returned before it was ever posted: nothing to post, nothing to reverse).
 * - last_error is scrubbed and bounded by the service; the CHECK bounds what any writer can store.
 * - claimed_by / claim_expires_at: a job run claims due rows in a short transaction, sends outside any
 *   transaction, and records each outcome guarded by its claim. A claim past its expiry (the run died, or
 *   overran) counts as a send left unanswered: may_be_recorded is set when the row is claimed again.
 * - may_be_recorded: a send went unanswered, so the posting may be in the ledger: before posting it again the
 *   job looks for it there (Buildium), and a return reverses it rather than cancelling it.
 * - accounting_resident_id / accounting_property_code: what the posting was sent under; a reversal uses its
 *   original's, not the resident's current ones.
 * - receipts_day: for file companies, the company-local day whose receipts CSV carries the posting.
 * - The partial index on due rows is what the each-minute job reads; the (company, status) one serves the
 *   Accounting page's counts and lists and the Incomplete Tasks count of failures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE TABLE accounting_postings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      payment_id uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
      resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('payment', 'reversal')),
      system text NOT NULL CHECK (system IN ('buildium', 'yardi', 'receipts_file')),
      idempotency_key text NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 30),
      amount_cents integer NOT NULL CHECK (amount_cents > 0),
      status text NOT NULL CHECK (status IN ('waiting_for_id', 'pending', 'posted', 'failed', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz,
      last_error text CHECK (char_length(last_error) <= 500),
      external_id text CHECK (char_length(external_id) <= 100),
      accounting_resident_id text CHECK (char_length(accounting_resident_id) <= 100),
      accounting_property_code text CHECK (char_length(accounting_property_code) <= 100),
      claimed_by uuid,
      claim_expires_at timestamptz,
      may_be_recorded boolean NOT NULL DEFAULT false,
      posted_at timestamptz,
      receipts_day date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (payment_id, kind, system),
      UNIQUE (idempotency_key)
    );
    CREATE INDEX accounting_postings_due_idx ON accounting_postings (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX accounting_postings_claimed_idx ON accounting_postings (claim_expires_at) WHERE claimed_by IS NOT NULL;
    CREATE INDEX accounting_postings_waiting_idx ON accounting_postings (resident_id) WHERE status = 'waiting_for_id';
    CREATE INDEX accounting_postings_company_idx ON accounting_postings (company_id, status, created_at DESC, id DESC);
    CREATE INDEX accounting_postings_list_idx ON accounting_postings (company_id, created_at DESC, id DESC);
    CREATE INDEX accounting_postings_receipts_idx ON accounting_postings (company_id, receipts_day) WHERE receipts_day IS NOT NULL;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `DROP TABLE accounting_postings;`);
}
