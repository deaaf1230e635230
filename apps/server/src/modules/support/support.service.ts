import type { CreateSupportRequest, SupportRequest } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { forbidden, invalid, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { supportAnsweredEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import type { ResidentContextRow, SupportRepository, SupportRequestFilter } from './support.repository.ts';

const KIND_LABELS: Record<string, string> = {
  missing_property: 'missing property',
  missing_unit: 'missing unit',
  resident_id_conflict: 'resident ID conflict',
  other: 'other',
};

type Deps = { db: Kysely<Database>; repository: SupportRepository; mailer: Mailer; notifications: NotificationsRepository; appUrl: string; now?: () => Date };

export function createSupportService({ db, repository, mailer, notifications, appUrl, now = () => new Date() }: Deps) {
  /** What support needs to act, filled in so nobody has to retype it. */
  function toContext(row: ResidentContextRow) {
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

  type StatusesNow = Map<string, { status: string; deleted: boolean }>;

  function residentIdIn(value: unknown): string | null {
    const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : null;
    return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
  }

  /**
   * The context keeps what was true when the request was opened, but a resident's status moves on (approved,
   * declined, deleted) and support acts on the status now: it is served current, the old one as statusWhenOpened.
   */
  function withStatusNow(resident: unknown, now: StatusesNow): unknown {
    const id = residentIdIn(resident);
    const current = id ? now.get(id) : undefined;
    if (!id || typeof resident !== 'object' || resident === null) return resident;
    const opened = (resident as { status?: unknown }).status ?? null;
    return { ...resident, status: current?.status ?? opened, statusWhenOpened: opened, deleted: current ? current.deleted : true };
  }

  function contextNow(context: Record<string, unknown>, now: StatusesNow): Record<string, unknown> {
    return { ...context, resident: withStatusNow(context.resident ?? null, now), otherResident: withStatusNow(context.otherResident ?? null, now) };
  }

  async function list(principal: Principal, status?: string): Promise<SupportRequest[]> {
    const filter: SupportRequestFilter = {};
    if (principal.role === 'landlord') filter.companyId = principal.company?.id ?? '';
    if (principal.role === 'resident') filter.requestedBy = principal.userId;
    if (status === 'open' || status === 'answered' || status === 'resolved') filter.status = status;
    const rows = await repository.list(filter);
    const mentioned = rows.flatMap((row) => [residentIdIn(row.context.resident), residentIdIn(row.context.otherResident)]).filter((id): id is string => id !== null);
    const statusesNow = await repository.residentStatusesNow([...new Set(mentioned)]);
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      message: row.message,
      status: row.status,
      answer: row.answer,
      context: contextNow(row.context, statusesNow),
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
      const resident = input.residentId ? await repository.residentContext(input.residentId) : undefined;
      if (input.residentId && !resident) throw invalid([{ path: 'residentId', message: 'No such resident' }]);
      if (resident && principal.role === 'landlord' && resident.company_id !== principal.company?.id) throw invalid([{ path: 'residentId', message: 'No such resident' }]);
      if (resident && principal.role === 'resident' && resident.user_id !== principal.userId) throw invalid([{ path: 'residentId', message: 'No such resident' }]);
      const other = input.otherResidentId ? await repository.residentContext(input.otherResidentId) : undefined;
      if (input.otherResidentId && (!other || other.company_id !== (resident?.company_id ?? principal.company?.id))) {
        throw invalid([{ path: 'otherResidentId', message: 'No such resident' }]);
      }
      const companyId = principal.role === 'landlord' ? (principal.company?.id ?? null) : (resident?.company_id ?? null);
      const company = companyId ? await repository.company(companyId) : undefined;
      const context = {
        company: company ? { id: company.id, name: company.name, slug: company.slug } : null,
        requestedBy: { id: principal.userId, name: `${principal.firstName} ${principal.lastName}`, email: principal.email, role: principal.role },
        resident: resident ? toContext(resident) : null,
        otherResident: other ? toContext(other) : null,
      };
      const id = await db.transaction().execute(async (trx) => {
        const requestId = await repository.insert(trx, { companyId, requestedBy: principal.userId, residentId: input.residentId ?? null, kind: input.kind, message: input.message, context });
        await recordAudit(trx, { actorUserId: principal.userId, companyId, action: 'support_request.opened', entityType: 'support_request', entityId: requestId, after: { kind: input.kind, message: input.message, context } });
        const supportStaff = await repository.activeSupportStaff(trx);
        await notifications.insert(
          trx,
          supportStaff.map((user) => ({ userId: user.id, kind: 'support_request', title: `New support request: ${KIND_LABELS[input.kind]}`, body: input.message.slice(0, 200), link: `/support/requests` })),
        );
        return requestId;
      });
      const [created] = (await list({ ...principal, role: 'support' })).filter((request) => request.id === id);
      if (!created) throw notFound('Support request');
      return created;
    },

    async answer(principal: Principal, requestId: string, input: { answer: string; status: 'answered' | 'resolved' }) {
      if (principal.role !== 'support') throw forbidden();
      const request = await repository.findWithRequester(requestId);
      if (!request) throw notFound('Support request');
      await db.transaction().execute(async (trx) => {
        await repository.saveAnswer(trx, requestId, { answer: input.answer, status: input.status, answeredBy: principal.userId, now: now() });
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId: request.company_id,
          // Written in full, not built from the status, so every action the log can show has a name (audit-actions.test.ts).
          action: input.status === 'resolved' ? 'support_request.resolved' : 'support_request.answered',
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
        const subjectUserId = request.resident_id ? await repository.residentUserId(trx, request.resident_id) : undefined;
        if (subjectUserId && subjectUserId !== request.user_id) {
          await notifications.insert(trx, [
            { userId: subjectUserId, kind: 'support_answered', title: 'Support answered about your residency', body: input.answer.slice(0, 200), link: '/me' },
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
