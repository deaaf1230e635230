import type { CreateSupportRequest, SupportRequest } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { forbidden, invalid, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { supportAnsweredEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';

const KIND_LABELS: Record<string, string> = {
  missing_property: 'missing property',
  missing_unit: 'missing unit',
  resident_id_conflict: 'resident ID conflict',
  other: 'other',
};

type Deps = { db: Kysely<Database>; mailer: Mailer; notifications: NotificationsRepository; appUrl: string; now?: () => Date };

export function createSupportService({ db, mailer, notifications, appUrl, now = () => new Date() }: Deps) {
  /** What support needs to act, filled in so nobody has to retype it. */
  async function residentContext(residentId: string) {
    const row = await db
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
    return row;
  }

  function toContext(row: NonNullable<Awaited<ReturnType<typeof residentContext>>>) {
    return {
      id: row.id,
      name: `${row.first_name} ${row.last_name}`,
      email: row.email,
      phone: row.phone,
      status: row.status,
      accountingResidentId: row.accounting_resident_id,
      property: row.property_name ? `${row.property_name}, ${row.street}, ${row.city}, ${row.state} ${row.postal_code}` : null,
      unit: row.unit_label,
      unitTheyTyped: row.stated_unit_text,
      rentTheyStatedCents: row.stated_rent_cents,
      leaseTheyStated: row.stated_lease_start ? `${row.stated_lease_start} to ${row.stated_lease_end ?? 'month-to-month'}` : null,
    };
  }

  async function list(principal: Principal, status?: string): Promise<SupportRequest[]> {
    let query = db
      .selectFrom('support_requests')
      .innerJoin('users', 'users.id', 'support_requests.requested_by')
      .leftJoin('companies', 'companies.id', 'support_requests.company_id')
      .selectAll('support_requests')
      .select(['users.email as user_email', 'users.role as user_role', sql<string>`users.first_name || ' ' || users.last_name`.as('user_name'), 'companies.name as company_name'])
      .orderBy('support_requests.created_at', 'desc')
      .limit(200);
    if (principal.role === 'landlord') query = query.where('support_requests.company_id', '=', principal.company?.id ?? '');
    if (principal.role === 'resident') query = query.where('support_requests.requested_by', '=', principal.userId);
    if (status === 'open' || status === 'answered' || status === 'resolved') query = query.where('support_requests.status', '=', status);
    const rows = await query.execute();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      message: row.message,
      status: row.status,
      answer: row.answer,
      context: row.context,
      company: row.company_id ? { id: row.company_id, name: row.company_name ?? '' } : null,
      requestedBy: { id: row.requested_by, name: row.user_name, email: row.user_email, role: row.user_role },
      residentId: row.resident_id,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  return {
    list,

    async create(principal: Principal, input: CreateSupportRequest) {
      const resident = input.residentId ? await residentContext(input.residentId) : undefined;
      if (input.residentId && !resident) throw invalid([{ path: 'residentId', message: 'No such resident' }]);
      if (resident && principal.role === 'landlord' && resident.company_id !== principal.company?.id) throw invalid([{ path: 'residentId', message: 'No such resident' }]);
      if (resident && principal.role === 'resident' && resident.user_id !== principal.userId) throw invalid([{ path: 'residentId', message: 'No such resident' }]);
      const other = input.otherResidentId ? await residentContext(input.otherResidentId) : undefined;
      if (input.otherResidentId && (!other || other.company_id !== (resident?.company_id ?? principal.company?.id))) {
        throw invalid([{ path: 'otherResidentId', message: 'No such resident' }]);
      }
      const companyId = principal.role === 'landlord' ? (principal.company?.id ?? null) : (resident?.company_id ?? null);
      const company = companyId ? await db.selectFrom('companies').select(['id', 'name', 'slug']).where('id', '=', companyId).executeTakeFirst() : undefined;
      const context = {
        company: company ? { id: company.id, name: company.name, slug: company.slug } : null,
        requestedBy: { id: principal.userId, name: `${principal.firstName} ${principal.lastName}`, email: principal.email, role: principal.role },
        resident: resident ? toContext(resident) : null,
        otherResident: other ? toContext(other) : null,
      };
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('support_requests')
          .values({ company_id: companyId, requested_by: principal.userId, resident_id: input.residentId ?? null, kind: input.kind, message: input.message, context: JSON.stringify(context) })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, { actorUserId: principal.userId, companyId, action: 'support_request.opened', entityType: 'support_request', entityId: row.id, after: { kind: input.kind, message: input.message, context } });
        const supportStaff = await trx.selectFrom('users').select('id').where('role', '=', 'support').where('disabled_at', 'is', null).execute();
        await notifications.insert(
          trx,
          supportStaff.map((user) => ({ userId: user.id, kind: 'support_request', title: `New support request: ${KIND_LABELS[input.kind]}`, body: input.message.slice(0, 200), link: `/support/requests` })),
        );
        return row.id;
      });
      const [created] = (await list({ ...principal, role: 'support' })).filter((request) => request.id === id);
      if (!created) throw notFound('Support request');
      return created;
    },

    async answer(principal: Principal, requestId: string, input: { answer: string; status: 'answered' | 'resolved' }) {
      if (principal.role !== 'support') throw forbidden();
      const request = await db
        .selectFrom('support_requests')
        .innerJoin('users', 'users.id', 'support_requests.requested_by')
        .select(['support_requests.id', 'support_requests.kind', 'support_requests.status', 'support_requests.answer', 'support_requests.company_id', 'support_requests.resident_id', 'users.id as user_id', 'users.email', 'users.first_name', 'users.role'])
        .where('support_requests.id', '=', requestId)
        .executeTakeFirst();
      if (!request) throw notFound('Support request');
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('support_requests')
          .set({ answer: input.answer, status: input.status, answered_by: principal.userId, updated_at: now(), resolved_at: input.status === 'resolved' ? now() : null })
          .where('id', '=', requestId)
          .execute();
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId: request.company_id,
          action: `support_request.${input.status}`,
          entityType: 'support_request',
          entityId: requestId,
          before: { status: request.status, answer: request.answer },
          after: input,
        });
        const link = request.role === 'resident' ? '/me/support' : '/app/support';
        await mailer.queue(trx, {
          idempotencyKey: `support-answer:${requestId}:${now().getTime()}`,
          companyId: request.company_id,
          to: request.email,
          ...supportAnsweredEmail({ firstName: request.first_name, kind: KIND_LABELS[request.kind] ?? request.kind, answer: input.answer, resolved: input.status === 'resolved', link: `${appUrl}${link}` }),
        });
        await notifications.insert(trx, [
          { userId: request.user_id, kind: 'support_answered', title: `Support ${input.status} your request`, body: input.answer.slice(0, 200), link },
        ]);
        // The resident the request was about hears of it too (a missing unit holds up their approval).
        const subject = request.resident_id
          ? await trx.selectFrom('residents').select('user_id').where('id', '=', request.resident_id).executeTakeFirst()
          : undefined;
        if (subject?.user_id && subject.user_id !== request.user_id) {
          await notifications.insert(trx, [
            { userId: subject.user_id, kind: 'support_answered', title: 'Support answered about your residency', body: input.answer.slice(0, 200), link: '/me' },
          ]);
        }
      });
      const [updated] = (await list(principal)).filter((r) => r.id === requestId);
      if (!updated) throw notFound('Support request');
      return updated;
    },
  };
}

export type SupportService = ReturnType<typeof createSupportService>;
