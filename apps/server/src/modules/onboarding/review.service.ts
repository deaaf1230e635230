import type { ApproveResidentRequest, ResidentDetail, UpdateResidentRequest } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { AppError, conflict, invalid, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertCompanyAccess } from '../auth/company-access.ts';
import type { Principal } from '../auth/principal.ts';
import { pendingReviewEmail, residentApprovedEmail, residentDeclinedEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { IntegrationService } from '../integration/integration.service.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { rankCandidates } from './matching.domain.ts';
import type { OnboardingRepository, ResidentRow } from './onboarding.repository.ts';
import { nextStatus, type ResidentAction, TransitionRefused } from './resident-status.domain.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const FIRST_REMINDER_MS = 2 * DAY_MS;
export const LATER_REMINDER_MS = 7 * DAY_MS;

type Deps = {
  db: Kysely<Database>;
  repository: OnboardingRepository;
  mailer: Mailer;
  notifications: NotificationsRepository;
  integration: () => IntegrationService;
  appUrl: string;
  now?: () => Date;
};

/** Lease values an approval writes. */
export type ApprovedLease = {
  unitId: string;
  propertyId: string;
  rentCents: number;
  dueDay: number;
  leaseStart: string;
  leaseEnd: string | null;
  balanceCents: number | null;
  accountingResidentId: string | null;
  accountingRecordId: string | null;
};

function place(propertyName: string | null, unitLabel: string | null) {
  return [propertyName, unitLabel ? `unit ${unitLabel}` : null].filter(Boolean).join(', ') || 'your rental';
}

export function createReviewService({ db, repository, mailer, notifications, integration, appUrl, now = () => new Date() }: Deps) {
  async function load(principal: Principal, residentId: string) {
    const resident = await repository.findResident(residentId);
    if (!resident || (resident.deleted_at && resident.status !== 'invited' && resident.status !== 'pending')) throw notFound('Resident');
    assertCompanyAccess(principal, resident.company_id, 'Resident');
    return resident;
  }

  /** The 409 for the second of two staff acting at once: who did it first, and when. */
  async function alreadyDecided(residentId: string): Promise<AppError> {
    const resident = await repository.findResident(residentId);
    if (!resident) return notFound('Resident');
    const at = (date: Date | null) => (date ? ` at ${date.toISOString()}` : '');
    if (resident.deleted_at) return conflict('already_decided', `Already deleted by ${resident.remover_name ?? 'someone'}${at(resident.deleted_at)}`, { status: 'deleted', by: resident.remover_name });
    if (resident.status === 'approved' || resident.status === 'current') {
      return conflict('already_decided', `Already approved by ${resident.approver_name ?? 'an automatic match'}${at(resident.approved_at)}`, { status: resident.status, by: resident.approver_name });
    }
    if (resident.status === 'declined') return conflict('already_decided', `Already declined by ${resident.decliner_name ?? 'someone'}${at(resident.declined_at)}`, { status: 'declined', by: resident.decliner_name });
    return conflict('already_decided', `This resident is ${resident.status} now`, { status: resident.status });
  }

  function refuse(error: unknown): never {
    if (error instanceof TransitionRefused) throw conflict('invalid_transition', error.message, { action: error.action, from: error.from });
    throw error;
  }

  function check(resident: NonNullable<ResidentRow>, action: ResidentAction) {
    try {
      if (resident.deleted_at) throw new TransitionRefused(action, resident.status);
      return nextStatus(resident.status, action);
    } catch (error) {
      return refuse(error);
    }
  }

  /** Folds an invited or waiting duplicate into the resident who is the same person (it disappears, audited). */
  async function fold(trx: Kysely<Database>, duplicateId: string, intoId: string, actorId: string | null, companyId: string, allowLive = false) {
    const statuses = allowLive ? (['waiting', 'invited', 'pending', 'approved', 'current'] as const) : (['waiting', 'invited'] as const);
    const folded = await trx
      .updateTable('residents')
      .set((eb) => ({ deleted_at: now(), deleted_by: actorId, merged_into: intoId, next_reminder_at: null, version: eb('version', '+', 1) }))
      .where('id', '=', duplicateId)
      .where('status', 'in', [...statuses])
      .where('deleted_at', 'is', null)
      .returning(['id', 'status', 'accounting_resident_id', 'email'])
      .executeTakeFirst();
    if (!folded) return false;
    await trx.updateTable('invitations').set({ revoked_at: now() }).where('resident_id', '=', duplicateId).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
    await recordAudit(trx, { actorUserId: actorId, companyId, action: 'resident.merged', entityType: 'resident', entityId: duplicateId, before: folded, after: { mergedInto: intoId } });
    return true;
  }

  /**
   * pending -> approved in one guarded statement: of two staff approving at
   * once, exactly one changes the row; the other gets 409 naming the first.
   */
  async function approveInTransaction(trx: Kysely<Database>, resident: NonNullable<ResidentRow>, lease: ApprovedLease, actorId: string | null, method: string) {
    const updated = await trx
      .updateTable('residents')
      .set((eb) => ({
        status: 'approved',
        unit_id: lease.unitId,
        property_id: lease.propertyId,
        rent_cents: lease.rentCents,
        due_day: lease.dueDay,
        lease_start: lease.leaseStart,
        lease_end: lease.leaseEnd,
        month_to_month: lease.leaseEnd === null,
        balance_cents: lease.balanceCents,
        accounting_resident_id: lease.accountingResidentId,
        accounting_record_id: lease.accountingRecordId,
        approved_at: now(),
        approved_by: actorId,
        next_reminder_at: null,
        updated_at: now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', resident.id)
      .where('status', '=', 'pending')
      .where('deleted_at', 'is', null)
      .returning(['id'])
      .executeTakeFirst();
    if (!updated) return false;
    await recordAudit(trx, {
      actorUserId: actorId,
      companyId: resident.company_id,
      action: 'resident.approved',
      entityType: 'resident',
      entityId: resident.id,
      before: { status: 'pending', unitId: resident.unit_id, rentCents: resident.rent_cents, leaseStart: resident.lease_start, leaseEnd: resident.lease_end, accountingResidentId: resident.accounting_resident_id },
      after: { status: 'approved', method, ...lease },
    });
    const unit = await trx.selectFrom('units').innerJoin('properties', 'properties.id', 'units.property_id').select(['units.label', 'properties.name']).where('units.id', '=', lease.unitId).executeTakeFirst();
    if (resident.email) {
      await mailer.queue(trx, {
        idempotencyKey: `approved:${resident.id}`,
        companyId: resident.company_id,
        to: resident.email,
        ...residentApprovedEmail({ firstName: resident.first_name, companyName: resident.company_name, place: place(unit?.name ?? null, unit?.label ?? null), link: `${appUrl}/me` }),
      });
    }
    if (resident.user_id) {
      await notifications.insert(trx, [
        { userId: resident.user_id, kind: 'resident_approved', title: 'You are approved', body: `${resident.company_name} approved your residency at ${place(unit?.name ?? null, unit?.label ?? null)}.`, link: '/me' },
      ]);
    }
    return true;
  }

  async function leaseFromCandidate(trx: Kysely<Database>, resident: NonNullable<ResidentRow>, candidateId: string) {
    const record = await trx.selectFrom('accounting_records').selectAll().where('id', '=', candidateId).where('company_id', '=', resident.company_id).executeTakeFirst();
    if (record) {
      if (!record.unit_id || !record.property_id || record.rent_cents === null || !record.lease_start) {
        throw invalid([{ path: 'candidateId', message: 'This ledger lacks a unit, rent or lease start: approve manually instead' }]);
      }
      const duplicate = await trx
        .selectFrom('residents')
        .select('id')
        .where('accounting_record_id', '=', record.id)
        .where('status', 'in', ['invited', 'waiting'])
        .where('deleted_at', 'is', null)
        .where('id', '!=', resident.id)
        .execute();
      return {
        lease: {
          unitId: record.unit_id,
          propertyId: record.property_id,
          rentCents: record.rent_cents,
          dueDay: resident.due_day,
          leaseStart: record.lease_start,
          leaseEnd: record.lease_end,
          balanceCents: record.balance_cents,
          accountingResidentId: record.accounting_resident_id,
          accountingRecordId: record.id,
        } satisfies ApprovedLease,
        duplicates: duplicate.map((d) => d.id),
      };
    }
    const other = await trx.selectFrom('residents').selectAll().where('id', '=', candidateId).where('company_id', '=', resident.company_id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!other || (other.status !== 'invited' && other.status !== 'waiting')) throw invalid([{ path: 'candidateId', message: 'No such candidate for this resident' }]);
    if (!other.unit_id || !other.property_id || other.rent_cents === null || !other.lease_start) {
      throw invalid([{ path: 'candidateId', message: 'That resident lacks a unit, rent or lease start: approve manually instead' }]);
    }
    return {
      lease: {
        unitId: other.unit_id,
        propertyId: other.property_id,
        rentCents: other.rent_cents,
        dueDay: other.due_day,
        leaseStart: other.lease_start,
        leaseEnd: other.lease_end,
        balanceCents: other.balance_cents,
        accountingResidentId: other.accounting_resident_id,
        accountingRecordId: other.accounting_record_id,
      } satisfies ApprovedLease,
      duplicates: [other.id],
    };
  }

  /** Approves a pending resident with a lease; folds duplicates first so the accounting ID is free. */
  async function approveWith(resident: NonNullable<ResidentRow>, actorId: string | null, method: string, build: (trx: Kysely<Database>) => Promise<{ lease: ApprovedLease; duplicates: string[] }>) {
    const ok = await db.transaction().execute(async (trx) => {
      const { lease, duplicates } = await build(trx);
      // Take the row first: a concurrent approver waits here, then finds it no longer pending.
      const locked = await trx.selectFrom('residents').select(['status', 'deleted_at']).where('id', '=', resident.id).forUpdate().executeTakeFirst();
      if (!locked || locked.status !== 'pending' || locked.deleted_at) return false;
      for (const duplicate of duplicates) await fold(trx, duplicate, resident.id, actorId, resident.company_id);
      if (lease.accountingResidentId) {
        const holder = await repository.holderOf(trx, resident.company_id, lease.accountingResidentId, [resident.id]);
        if (holder) {
          throw conflict('accounting_id_taken', `Accounting resident ID ${lease.accountingResidentId} belongs to ${holder.first_name} ${holder.last_name}`, {
            residentId: holder.id,
            name: `${holder.first_name} ${holder.last_name}`,
          });
        }
      }
      return approveInTransaction(trx, resident, lease, actorId, method);
    });
    if (!ok) throw await alreadyDecided(resident.id);
  }

  async function detail(principal: Principal, residentId: string): Promise<ResidentDetail> {
    const resident = await load(principal, residentId);
    if (resident.deleted_at) throw notFound('Resident');
    const [unit, invitation] = await Promise.all([
      resident.unit_id ? repository.findUnit(resident.unit_id) : undefined,
      db
        .selectFrom('invitations')
        .select(['id', 'sent_at', 'expires_at'])
        .where('resident_id', '=', resident.id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
    ]);
    const property = resident.property_id ? await repository.findProperty(resident.property_id) : undefined;
    const reviewable = resident.status === 'pending';
    const candidates = reviewable
      ? rankCandidates(
          { firstName: resident.first_name, lastName: resident.last_name, email: resident.email, phone: resident.phone, unitId: resident.unit_id, propertyId: resident.property_id },
          await repository.candidatesFor(resident),
        )
      : [];
    return {
      id: resident.id,
      status: resident.status,
      source: resident.source,
      firstName: resident.first_name,
      lastName: resident.last_name,
      email: resident.email,
      phone: resident.phone,
      propertyId: resident.property_id,
      propertyName: property?.name ?? null,
      unitId: resident.unit_id,
      unitLabel: unit?.label ?? null,
      accountingResidentId: resident.accounting_resident_id,
      rentCents: resident.rent_cents,
      dueDay: resident.due_day,
      leaseStart: resident.lease_start,
      leaseEnd: resident.lease_end,
      monthToMonth: resident.month_to_month,
      balanceCents: resident.balance_cents,
      paymentPolicy: resident.payment_policy,
      invitation: invitation
        ? { id: invitation.id, sentAt: invitation.sent_at?.toISOString() ?? null, expiresAt: invitation.expires_at.toISOString(), expired: invitation.expires_at <= now() }
        : null,
      createdAt: resident.created_at.toISOString(),
      companyIntegrated: resident.integration_kind !== 'none',
      accountEmailVerified: resident.user_id ? resident.account_email_verified_at !== null : null,
      statedRentCents: resident.stated_rent_cents,
      statedLeaseStart: resident.stated_lease_start,
      statedLeaseEnd: resident.stated_lease_end,
      statedUnitText: resident.stated_unit_text,
      declinedReason: resident.declined_reason,
      pendingSince: resident.pending_since?.toISOString() ?? null,
      approvedAt: resident.approved_at?.toISOString() ?? null,
      approvedBy: resident.approved_by ? { id: resident.approved_by, name: resident.approver_name ?? '' } : null,
      candidates: candidates.map((c) => ({
        kind: c.kind,
        id: c.id,
        score: c.score,
        reasons: c.reasons,
        strong: c.strong,
        firstName: c.firstName,
        lastName: c.lastName,
        emails: c.emails,
        phones: c.phones,
        propertyName: c.propertyName,
        unitId: c.unitId,
        unitLabel: c.unitLabel,
        accountingResidentId: c.accountingResidentId,
        rentCents: c.rentCents,
        leaseStart: c.leaseStart,
        leaseEnd: c.leaseEnd,
        balanceCents: c.balanceCents,
        status: c.status,
      })),
    };
  }

  return {
    detail,
    approveInTransaction,
    approveWith,
    fold,
    leaseFromCandidate,

    async approve(principal: Principal, residentId: string, input: ApproveResidentRequest) {
      const resident = await load(principal, residentId);
      if (resident.status !== 'pending' || resident.deleted_at) {
        if (['approved', 'current', 'declined'].includes(resident.status) || resident.deleted_at) throw await alreadyDecided(resident.id);
        check(resident, 'approve');
      }
      if (input.method === 'merge') {
        await approveWith(resident, principal.userId, 'merge', (trx) => leaseFromCandidate(trx, resident, input.candidateId));
      } else {
        const unit = await repository.findUnit(input.unitId);
        if (!unit || unit.company_id !== resident.company_id) throw invalid([{ path: 'unitId', message: "Choose one of your company's units" }]);
        await approveWith(resident, principal.userId, 'manual', async () => ({
          lease: {
            unitId: unit.id,
            propertyId: unit.property_id,
            rentCents: input.rentCents,
            dueDay: input.dueDay ?? 1,
            leaseStart: input.leaseStart,
            leaseEnd: input.leaseEnd,
            balanceCents: resident.balance_cents,
            accountingResidentId: resident.accounting_resident_id,
            accountingRecordId: resident.accounting_record_id,
          },
          duplicates: [],
        }));
      }
      return detail(principal, residentId);
    },

    async decline(principal: Principal, residentId: string, reason: string) {
      const resident = await load(principal, residentId);
      if (resident.status !== 'pending' || resident.deleted_at) {
        if (['approved', 'current', 'declined'].includes(resident.status) || resident.deleted_at) throw await alreadyDecided(resident.id);
        check(resident, 'decline');
      }
      const ok = await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('residents')
          .set((eb) => ({ status: 'declined', declined_reason: reason, declined_at: now(), declined_by: principal.userId, next_reminder_at: null, updated_at: now(), version: eb('version', '+', 1) }))
          .where('id', '=', residentId)
          .where('status', '=', 'pending')
          .where('deleted_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!updated) return false;
        await recordAudit(trx, { actorUserId: principal.userId, companyId: resident.company_id, action: 'resident.declined', entityType: 'resident', entityId: residentId, before: { status: 'pending' }, after: { status: 'declined', reason } });
        if (resident.email) {
          await mailer.queue(trx, {
            idempotencyKey: `declined:${residentId}`,
            companyId: resident.company_id,
            to: resident.email,
            ...residentDeclinedEmail({ firstName: resident.first_name, companyName: resident.company_name, reason, link: `${appUrl}/me` }),
          });
        }
        if (resident.user_id) {
          await notifications.insert(trx, [{ userId: resident.user_id, kind: 'resident_declined', title: 'Your residency was not approved', body: reason, link: '/me' }]);
        }
        return true;
      });
      if (!ok) throw await alreadyDecided(residentId);
      return detail(principal, residentId);
    },

    async remove(principal: Principal, residentId: string) {
      const resident = await load(principal, residentId);
      if (resident.deleted_at) throw await alreadyDecided(residentId);
      check(resident, 'delete');
      const ok = await db.transaction().execute(async (trx) => {
        const deleted = await trx
          .updateTable('residents')
          .set((eb) => ({ deleted_at: now(), deleted_by: principal.userId, next_reminder_at: null, version: eb('version', '+', 1) }))
          .where('id', '=', residentId)
          .where('status', 'in', ['invited', 'pending'])
          .where('deleted_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!deleted) return false;
        await trx.updateTable('invitations').set({ revoked_at: now() }).where('resident_id', '=', residentId).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId: resident.company_id,
          action: 'resident.deleted',
          entityType: 'resident',
          entityId: residentId,
          before: { status: resident.status, firstName: resident.first_name, lastName: resident.last_name, email: resident.email, unitId: resident.unit_id },
          after: null,
        });
        return true;
      });
      if (!ok) throw await alreadyDecided(residentId);
    },

    async update(principal: Principal, residentId: string, input: UpdateResidentRequest) {
      const resident = await load(principal, residentId);
      check(resident, 'edit');
      await db.transaction().execute(async (trx) => {
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const set: Record<string, unknown> = {};
        const change = (field: string, column: string, value: unknown, current: unknown) => {
          if (value === undefined || value === current) return;
          before[field] = current;
          after[field] = value;
          set[column] = value;
        };
        if (input.unitId !== undefined) {
          const unit = await repository.findUnit(input.unitId);
          if (!unit || unit.company_id !== resident.company_id) throw invalid([{ path: 'unitId', message: "Choose one of your company's units" }]);
          change('unitId', 'unit_id', unit.id, resident.unit_id);
          if (unit.id !== resident.unit_id) set.property_id = unit.property_id;
        }
        change('balanceCents', 'balance_cents', input.balanceCents, resident.balance_cents);
        change('paymentPolicy', 'payment_policy', input.paymentPolicy, resident.payment_policy);

        if (input.accountingResidentId !== undefined && input.accountingResidentId !== resident.accounting_resident_id) {
          const holder = input.accountingResidentId ? await repository.holderOf(trx, resident.company_id, input.accountingResidentId, [resident.id]) : undefined;
          if (holder && input.samePersonAs !== holder.id) {
            throw conflict('accounting_id_taken', `Accounting resident ID ${input.accountingResidentId} belongs to ${holder.first_name} ${holder.last_name}`, {
              residentId: holder.id,
              name: `${holder.first_name} ${holder.last_name}`,
            });
          }
          if (holder) await fold(trx, holder.id, resident.id, principal.userId, resident.company_id, true);
          change('accountingResidentId', 'accounting_resident_id', input.accountingResidentId, resident.accounting_resident_id);
          // The ledger's lease details come with its ID: it is the landlord's own books.
          const record = input.accountingResidentId
            ? await trx.selectFrom('accounting_records').selectAll().where('company_id', '=', resident.company_id).where('accounting_resident_id', '=', input.accountingResidentId).executeTakeFirst()
            : undefined;
          set.accounting_record_id = record?.id ?? null;
          if (record) {
            if (record.rent_cents !== null) change('rentCents', 'rent_cents', record.rent_cents, resident.rent_cents);
            if (record.lease_start) change('leaseStart', 'lease_start', record.lease_start, resident.lease_start);
            change('leaseEnd', 'lease_end', record.lease_end, resident.lease_end);
            set.month_to_month = record.lease_end === null;
            if (input.balanceCents === undefined) change('balanceCents', 'balance_cents', record.balance_cents, resident.balance_cents);
            if (record.unit_id && input.unitId === undefined) {
              change('unitId', 'unit_id', record.unit_id, resident.unit_id);
              set.property_id = record.property_id;
            }
          }
        }
        if (Object.keys(set).length === 0) return;
        await trx
          .updateTable('residents')
          .set((eb) => ({ ...set, updated_at: now(), version: eb('version', '+', 1) }))
          .where('id', '=', residentId)
          .execute();
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId: resident.company_id,
          action: input.samePersonAs ? 'resident.merged_accounting_id' : 'resident.edited',
          entityType: 'resident',
          entityId: residentId,
          before,
          after: { ...after, ...(input.samePersonAs ? { mergedResidentId: input.samePersonAs } : {}) },
        });
      });
      return detail(principal, residentId);
    },

    async startSync(principal: Principal, residentId: string) {
      const resident = await load(principal, residentId);
      if (resident.status !== 'pending') check(resident, 'approve');
      return integration().syncNow(principal, 'approval');
    },

    /**
     * After the books refresh, pending residents with exactly one strong match
     * at their unit are approved on their own ("sync, then approve"). Only units
     * whose ledgers this run created or changed can have a new match, so a
     * re-import of unchanged books re-matches nobody.
     */
    async autoApprovePending(companyId: string, syncRunId: string): Promise<string[]> {
      const pending = await db
        .selectFrom('residents')
        .select('residents.id')
        .where('residents.company_id', '=', companyId)
        .where('residents.status', '=', 'pending')
        .where('residents.deleted_at', 'is', null)
        .where((eb) =>
          eb(
            'residents.unit_id',
            'in',
            eb.selectFrom('accounting_records').select('unit_id').where('company_id', '=', companyId).where('last_sync_run_id', '=', syncRunId),
          ),
        )
        .execute();
      const approved: string[] = [];
      for (const { id } of pending) {
        const resident = await repository.findResident(id);
        if (!resident) continue;
        if (await autoApproveOne(resident)) approved.push(id);
      }
      return approved;
    },

    /** Emails staff again about residents still pending: after 2 days, then weekly. */
    async sendDueReminders(): Promise<number> {
      const due = await db
        .selectFrom('residents')
        .innerJoin('companies', 'companies.id', 'residents.company_id')
        .leftJoin('units', 'units.id', 'residents.unit_id')
        .leftJoin('properties', 'properties.id', 'residents.property_id')
        .select(['residents.id', 'residents.company_id', 'residents.first_name', 'residents.last_name', 'residents.reminders_sent', 'units.label', 'properties.name'])
        .where('residents.status', '=', 'pending')
        .where('residents.deleted_at', 'is', null)
        .where('residents.next_reminder_at', '<=', now())
        .limit(500)
        .execute();
      for (const resident of due) {
        await db.transaction().execute(async (trx) => {
          const claimed = await trx
            .updateTable('residents')
            .set((eb) => ({ reminders_sent: eb('reminders_sent', '+', 1), next_reminder_at: new Date(now().getTime() + LATER_REMINDER_MS) }))
            .where('id', '=', resident.id)
            .where('reminders_sent', '=', resident.reminders_sent)
            .where('status', '=', 'pending')
            .returning('id')
            .executeTakeFirst();
          if (!claimed) return;
          await notifyStaffPending(trx, { id: resident.id, companyId: resident.company_id, name: `${resident.first_name} ${resident.last_name}`, place: place(resident.name, resident.label) }, resident.reminders_sent + 1);
        });
      }
      return due.length;
    },

    notifyStaffPending,

    async autoApprovePendingOne(residentId: string): Promise<boolean> {
      const resident = await repository.findResident(residentId);
      return resident ? autoApproveOne(resident) : false;
    },
  };

  async function autoApproveOne(resident: NonNullable<ResidentRow>): Promise<boolean> {
    // An unproven email must not pull in someone's lease: the owner of the account verifies first.
    if (resident.user_id && !resident.account_email_verified_at) return false;
    const candidates = rankCandidates(
      { firstName: resident.first_name, lastName: resident.last_name, email: resident.email, phone: resident.phone, unitId: resident.unit_id, propertyId: resident.property_id },
      (await repository.candidatesFor(resident)).filter((c) => c.kind === 'accounting_record' && c.unitId === resident.unit_id && ['current', 'notice', 'future'].includes(c.status)),
    ).filter((c) => c.strong);
    const [only] = candidates;
    if (candidates.length !== 1 || !only) return false;
    try {
      await approveWith(resident, null, 'automatic', (trx) => leaseFromCandidate(trx, resident, only.id));
      return true;
    } catch (error) {
      // Taken by someone else, or incomplete ledger: the landlord decides.
      if (error instanceof AppError) return false;
      throw error;
    }
  }

  async function notifyStaffPending(trx: Kysely<Database>, resident: { id: string; companyId: string; name: string; place: string }, reminder = 0) {
    const staff = await repository.staffOf(resident.companyId, trx);
    const link = `${appUrl}/app/residents/${resident.id}/review`;
    await mailer.queue(
      trx,
      staff.map((user) => ({
        idempotencyKey: `pending:${resident.id}:${reminder}:${user.id}`,
        companyId: resident.companyId,
        to: user.email,
        ...pendingReviewEmail({ firstName: user.first_name, residentName: resident.name, place: resident.place, link, reminder: reminder > 0 }),
      })),
    );
    await notifications.insert(
      trx,
      staff.map((user) => ({
        userId: user.id,
        kind: reminder > 0 ? 'resident_pending_reminder' : 'resident_pending',
        title: `${resident.name} is pending your approval`,
        body: resident.place,
        link: `/app/residents/${resident.id}/review`,
      })),
    );
  }
}

export type ReviewService = ReturnType<typeof createReviewService>;
