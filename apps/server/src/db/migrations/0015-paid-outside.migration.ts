import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * Rent the landlord marked paid outside the platform (cash, a check, a transfer): the month it pays, the amount,
 * the day it was paid and an optional note, who marked it and when. The rent period analysis counts it; a mark is
 * kept (and audited), never edited in place.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE TABLE paid_outside_marks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      resident_id uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      amount_cents integer NOT NULL CHECK (amount_cents BETWEEN 1 AND 10000000),
      paid_on date NOT NULL,
      note text CHECK (char_length(note) <= 500),
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX paid_outside_marks_resident_idx ON paid_outside_marks (resident_id, month);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `DROP TABLE paid_outside_marks;`);
}
