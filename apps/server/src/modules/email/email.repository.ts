import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export type OutgoingEmail = {
  /** Same key, same email: a retried action never mails twice. */
  idempotencyKey: string;
  companyId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
};

export type OutboxRow = {
  id: string;
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export function createEmailRepository(db: Kysely<Database>) {
  return {
    /** Inserts into the outbox in the caller's transaction; null when the key was already used. */
    async insert(trx: Kysely<Database>, email: OutgoingEmail): Promise<string | null> {
      const row = await trx
        .insertInto('email_outbox')
        .values({
          idempotency_key: email.idempotencyKey,
          company_id: email.companyId,
          to_address: email.to,
          subject: email.subject,
          text_body: email.text,
          html_body: email.html ?? null,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /**
     * Bulk form of insert for imports; returns how many were new. `freshKeys`: every key names a row made in
     * the caller's transaction (a new invitation), so none can have been used: a plain INSERT, without the
     * speculative insertion ON CONFLICT costs per row (about a third of the statement).
     */
    async insertMany(trx: Kysely<Database>, emails: OutgoingEmail[], options: { freshKeys?: boolean } = {}): Promise<number> {
      if (emails.length === 0) return 0;
      const { rows } = await sql<{ id: string }>`
        INSERT INTO email_outbox (idempotency_key, company_id, to_address, subject, text_body, html_body)
        SELECT * FROM unnest(
          ${emails.map((e) => e.idempotencyKey)}::text[], ${emails.map((e) => e.companyId)}::uuid[],
          ${emails.map((e) => e.to)}::text[], ${emails.map((e) => e.subject)}::text[],
          ${emails.map((e) => e.text)}::text[], ${emails.map((e) => e.html ?? null)}::text[])
        ${options.freshKeys ? sql`` : sql`ON CONFLICT (idempotency_key) DO NOTHING`}
        RETURNING id
      `.execute(trx);
      return rows.length;
    },

    /**
     * Claims due emails for delivery by pushing their next attempt a lease
     * ahead, in one short statement. SKIP LOCKED lets several server processes
     * drain together; SMTP then runs outside any transaction, and an email
     * whose sender died is retried once its lease runs out.
     */
    async claimDue(limit: number, now: Date, leaseSeconds: number): Promise<OutboxRow[]> {
      const { rows } = await sql<Parameters<typeof toOutboxRow>[0]>`
        UPDATE email_outbox SET next_attempt_at = ${new Date(now.getTime() + leaseSeconds * 1000)}
        WHERE id IN (
          SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= ${now}
          ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING *
      `.execute(db);
      return rows.map(toOutboxRow);
    },

    async nextDueAt(): Promise<Date | null> {
      const row = await db
        .selectFrom('email_outbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return (row?.next as Date | null | undefined) ?? null;
    },

    async find(id: string): Promise<OutboxRow | undefined> {
      const row = await db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOutboxRow(row);
    },

    async markSent(id: string, now: Date) {
      await db
        .updateTable('email_outbox')
        .set((eb) => ({ status: 'sent', sent_at: now, attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', id)
        .execute();
    },

    async markAttemptFailed(id: string, error: string, retryAt: Date | null) {
      await db
        .updateTable('email_outbox')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: error.slice(0, 1000),
          ...(retryAt ? { next_attempt_at: retryAt } : { status: 'failed' as const }),
        }))
        .where('id', '=', id)
        .execute();
    },

    async listRecent(limit: number, to?: string): Promise<OutboxRow[]> {
      let query = db.selectFrom('email_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
      if (to) query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', to.toLowerCase()));
      return (await query.execute()).map(toOutboxRow);
    },
  };
}

function toOutboxRow(row: {
  id: string;
  idempotency_key: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}): OutboxRow {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

export type EmailRepository = ReturnType<typeof createEmailRepository>;
