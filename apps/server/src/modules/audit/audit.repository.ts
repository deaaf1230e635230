import type { AuditEvent } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export type AuditEntry = {
  actorUserId: string | null;
  companyId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

/** Written in the caller's transaction, so an action and its audit event commit together. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_user_id: entry.actorUserId,
      company_id: entry.companyId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export type AuditFilter = { companyId?: string; entityType?: string; action?: string; page: number; pageSize: number };

export function createAuditRepository(db: Kysely<Database>) {
  return {
    async list(filter: AuditFilter): Promise<{ items: AuditEvent[]; total: number }> {
      let query = db.selectFrom('audit_events');
      if (filter.companyId) query = query.where('audit_events.company_id', '=', filter.companyId);
      if (filter.entityType) query = query.where('audit_events.entity_type', '=', filter.entityType);
      if (filter.action) query = query.where('audit_events.action', '=', filter.action);

      const [rows, count] = await Promise.all([
        query
          .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
          .leftJoin('companies', 'companies.id', 'audit_events.company_id')
          .select([
            'audit_events.id',
            'audit_events.occurred_at',
            'audit_events.action',
            'audit_events.entity_type',
            'audit_events.entity_id',
            'audit_events.company_id',
            'audit_events.before',
            'audit_events.after',
            'users.id as actor_id',
            'users.email as actor_email',
            sql<string>`users.first_name || ' ' || users.last_name`.as('actor_name'),
            'companies.name as company_name',
          ])
          .orderBy('audit_events.occurred_at', 'desc')
          .orderBy('audit_events.id', 'desc')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);

      return {
        total: Number(count.total),
        items: rows.map((row) => ({
          id: row.id,
          occurredAt: row.occurred_at.toISOString(),
          actor: row.actor_id ? { id: row.actor_id, email: row.actor_email ?? '', name: row.actor_name } : null,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          companyId: row.company_id,
          companyName: row.company_name,
          before: row.before ?? null,
          after: row.after ?? null,
        })),
      };
    },
  };
}
