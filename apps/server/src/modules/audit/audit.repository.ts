import { type AuditEvent, auditActionName } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { type RecordName, residentName, supportRequestName, syncRunName } from './audit-record-names.domain.ts';

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

/** Many events in one statement (a bank's return file: an event per entry), in the caller's transaction. */
export async function recordAudits(db: Kysely<Database>, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_events')
    .values(
      entries.map((entry) => ({
        actor_user_id: entry.actorUserId,
        company_id: entry.companyId,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
      })),
    )
    .execute();
}

export type AuditFilter = { companyId?: string; entityType?: string; entityId?: string; action?: string; page: number; pageSize: number };

type RecordRef = { entityType: string; entityId: string | null };

/** `type:id`, the key a page's record names are kept under. */
const refKey = (type: string, id: string) => `${type}:${id}`;

/** The ids of one kind of record on a page; those that are not UUIDs cannot name a row and are left out. */
function idsOf(refs: RecordRef[], type: string): string[] {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return [...new Set(refs.filter((ref) => ref.entityType === type && ref.entityId && uuid.test(ref.entityId)).map((ref) => ref.entityId as string))];
}

/**
 * The current names of the records a page of events is about: one query per kind of record on the page, so a
 * renamed resident shows their name today and a record gone since is simply absent (shown by its ID, deleted).
 */
async function namesOf(db: Kysely<Database>, refs: RecordRef[]): Promise<Map<string, RecordName>> {
  const names = new Map<string, RecordName>();
  const put = (type: string, id: string, name: RecordName) => names.set(refKey(type, id), name);
  const ids = (type: string) => idsOf(refs, type);
  const lookups: Promise<void>[] = [];
  const when = (type: string, load: (ids: string[]) => Promise<void>) => {
    const wanted = ids(type);
    if (wanted.length > 0) lookups.push(load(wanted));
  };

  when('resident', async (wanted) => {
    const rows = await db
      .selectFrom('residents')
      .leftJoin('units', 'units.id', 'residents.unit_id')
      .leftJoin('properties', (join) => join.on((eb) => eb('properties.id', '=', eb.fn.coalesce('units.property_id', 'residents.property_id'))))
      .select(['residents.id', 'residents.first_name', 'residents.last_name', 'properties.name as property_name', 'units.label as unit_label'])
      .select(sql<boolean>`residents.deleted_at IS NOT NULL`.as('deleted'))
      .where('residents.id', 'in', wanted)
      .execute();
    for (const row of rows) put('resident', row.id, residentName(row));
  });
  when('property', async (wanted) => {
    const rows = await db.selectFrom('properties').select(['id', 'name']).where('id', 'in', wanted).execute();
    for (const row of rows) put('property', row.id, { name: row.name, deleted: false });
  });
  when('unit', async (wanted) => {
    const rows = await db
      .selectFrom('units')
      .innerJoin('properties', 'properties.id', 'units.property_id')
      .select(['units.id', 'units.label', 'properties.name as property_name'])
      .where('units.id', 'in', wanted)
      .execute();
    for (const row of rows) put('unit', row.id, { name: `${row.property_name}, unit ${row.label}`, deleted: false });
  });
  when('user', async (wanted) => {
    const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', wanted).execute();
    for (const row of rows) put('user', row.id, { name: row.email, deleted: false });
  });
  when('company', async (wanted) => {
    const rows = await db.selectFrom('companies').select(['id', 'name']).where('id', 'in', wanted).execute();
    for (const row of rows) put('company', row.id, { name: row.name, deleted: false });
  });
  when('sync_run', async (wanted) => {
    const rows = await db.selectFrom('sync_runs').select(['id', 'trigger', 'source_name', 'created_at']).where('id', 'in', wanted).execute();
    for (const row of rows) put('sync_run', row.id, syncRunName(row));
  });
  when('support_request', async (wanted) => {
    const rows = await db
      .selectFrom('support_requests')
      .leftJoin('users', 'users.id', 'support_requests.requested_by')
      .select(['support_requests.id', 'support_requests.kind', 'users.email as requester_email'])
      .where('support_requests.id', 'in', wanted)
      .execute();
    for (const row of rows) put('support_request', row.id, supportRequestName(row));
  });
  when('api_token', async (wanted) => {
    const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'revoked_at']).where('id', 'in', wanted).execute();
    for (const row of rows) put('api_token', row.id, { name: row.name, deleted: row.revoked_at !== null });
  });
  when('session', async (wanted) => {
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'users.email'])
      .where('sessions.id', 'in', wanted)
      .execute();
    for (const row of rows) put('session', row.id, { name: `Session of ${row.email}`, deleted: false });
  });
  await Promise.all(lookups);
  return names;
}

/** A record's name on the page: none when the event names no record; deleted when its row is gone. */
function nameOnPage(names: Map<string, RecordName>, ref: RecordRef): RecordName | null {
  if (ref.entityType === 'system') return { name: 'RentLedger', deleted: false };
  if (!ref.entityId) return null;
  return names.get(refKey(ref.entityType, ref.entityId)) ?? { name: '', deleted: true };
}

type EventRow = {
  id: string;
  occurred_at: Date;
  action: string;
  entity_type: string;
  entity_id: string | null;
  company_id: string | null;
  before: unknown;
  after: unknown;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string;
  company_name: string | null;
};

function toEvent(row: EventRow, record: RecordName | null): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor_id ? { id: row.actor_id, email: row.actor_email ?? '', name: row.actor_name } : null,
    action: row.action,
    actionName: auditActionName(row.action),
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityName: record?.name || null,
    entityDeleted: record?.deleted ?? false,
    companyId: row.company_id,
    companyName: row.company_name,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

export function createAuditRepository(db: Kysely<Database>) {
  return {
    async list(filter: AuditFilter): Promise<{ items: AuditEvent[]; total: number }> {
      let query = db.selectFrom('audit_events');
      if (filter.companyId) query = query.where('audit_events.company_id', '=', filter.companyId);
      if (filter.entityType) query = query.where('audit_events.entity_type', '=', filter.entityType);
      if (filter.entityId) query = query.where('audit_events.entity_id', '=', filter.entityId);
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

      const names = await namesOf(db, rows.map((row) => ({ entityType: row.entity_type, entityId: row.entity_id })));
      return { total: Number(count.total), items: rows.map((row) => toEvent(row, nameOnPage(names, { entityType: row.entity_type, entityId: row.entity_id }))) };
    },
  };
}
