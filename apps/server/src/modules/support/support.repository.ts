import type { CreateSupportRequest } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export type SupportRequestFilter = { companyId?: string; requestedBy?: string; status?: 'open' | 'answered' | 'resolved' };

export type ResidentContextRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createSupportRepository>['residentContext']>>>;

export function createSupportRepository(db: Kysely<Database>) {
  return {
    /** A live resident with their unit and property, for the context support sees. */
    residentContext(residentId: string, trx: Kysely<Database> = db) {
      return trx
        .selectFrom('residents')
        .leftJoin('units', 'units.id', 'residents.unit_id')
        .leftJoin('properties', 'properties.id', 'residents.property_id')
        .select([
          'residents.id',
          'residents.company_id',
          'residents.user_id',
          'residents.first_name',
          'residents.last_name',
          'residents.email',
          'residents.phone',
          'residents.status',
          'residents.accounting_resident_id',
          'residents.stated_unit_text',
          'residents.stated_rent_cents',
          'residents.stated_lease_start',
          'residents.stated_lease_end',
          'units.label as unit_label',
          'properties.name as property_name',
          'properties.street',
          'properties.city',
          'properties.state',
          'properties.postal_code',
        ])
        .where('residents.id', '=', residentId)
        .where('residents.deleted_at', 'is', null)
        .executeTakeFirst();
    },

    /** The status residents have now, deleted ones included (a request outlives the resident it was about). */
    async residentStatusesNow(residentIds: string[], trx: Kysely<Database> = db): Promise<Map<string, { status: string; deleted: boolean }>> {
      if (residentIds.length === 0) return new Map();
      const rows = await trx.selectFrom('residents').select(['id', 'status', 'deleted_at']).where('id', 'in', residentIds).execute();
      return new Map(rows.map((row) => [row.id, { status: row.status, deleted: row.deleted_at !== null }]));
    },

    /** Newest first, at most 200, with the requester and the company. */
    list(filter: SupportRequestFilter, trx: Kysely<Database> = db) {
      let query = trx
        .selectFrom('support_requests')
        .innerJoin('users', 'users.id', 'support_requests.requested_by')
        .leftJoin('companies', 'companies.id', 'support_requests.company_id')
        .selectAll('support_requests')
        .select(['users.email as user_email', 'users.role as user_role', sql<string>`users.first_name || ' ' || users.last_name`.as('user_name'), 'companies.name as company_name'])
        .orderBy('support_requests.created_at', 'desc')
        .limit(200);
      if (filter.companyId !== undefined) query = query.where('support_requests.company_id', '=', filter.companyId);
      if (filter.requestedBy !== undefined) query = query.where('support_requests.requested_by', '=', filter.requestedBy);
      if (filter.status !== undefined) query = query.where('support_requests.status', '=', filter.status);
      return query.execute();
    },

    company(companyId: string, trx: Kysely<Database> = db) {
      return trx.selectFrom('companies').select(['id', 'name', 'slug']).where('id', '=', companyId).executeTakeFirst();
    },

    async insert(
      trx: Kysely<Database>,
      request: { companyId: string | null; requestedBy: string; residentId: string | null; kind: CreateSupportRequest['kind']; message: string; context: unknown },
    ): Promise<string> {
      const row = await trx
        .insertInto('support_requests')
        .values({
          company_id: request.companyId,
          requested_by: request.requestedBy,
          resident_id: request.residentId,
          kind: request.kind,
          message: request.message,
          context: JSON.stringify(request.context),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Support staff who can still sign in: they hear of each new request. */
    activeSupportStaff(trx: Kysely<Database> = db) {
      return trx.selectFrom('users').select('id').where('role', '=', 'support').where('disabled_at', 'is', null).execute();
    },

    /** A request with the requester to tell of the answer. */
    findWithRequester(requestId: string, trx: Kysely<Database> = db) {
      return trx
        .selectFrom('support_requests')
        .innerJoin('users', 'users.id', 'support_requests.requested_by')
        .select(['support_requests.id', 'support_requests.kind', 'support_requests.status', 'support_requests.answer', 'support_requests.company_id', 'support_requests.resident_id', 'users.id as user_id', 'users.email', 'users.first_name', 'users.role'])
        .where('support_requests.id', '=', requestId)
        .executeTakeFirst();
    },

    async saveAnswer(trx: Kysely<Database>, requestId: string, answer: { answer: string; status: 'answered' | 'resolved'; answeredBy: string; now: Date }) {
      await trx
        .updateTable('support_requests')
        .set({ answer: answer.answer, status: answer.status, answered_by: answer.answeredBy, updated_at: answer.now, resolved_at: answer.status === 'resolved' ? answer.now : null })
        .where('id', '=', requestId)
        .execute();
    },

    /** The account of the resident a request is about, if they have one. */
    async residentUserId(trx: Kysely<Database>, residentId: string): Promise<string | null | undefined> {
      const row = await trx.selectFrom('residents').select('user_id').where('id', '=', residentId).executeTakeFirst();
      return row?.user_id;
    },
  };
}

export type SupportRepository = ReturnType<typeof createSupportRepository>;
