import type { ApprovalPreview, ApprovalPreviewRequest, ApproveResidentRequest, ResidentDetail, ResidentStatus } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { invalid } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { residentApprovedEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { approvalWarnings, todayIn } from './approval-warnings.domain.ts';
import type { MergeResident } from './merge-resident.service.ts';
import { rentalPlace } from './rental-search.domain.ts';
import { canTransition, nextStatus } from './resident-status.domain.ts';
import { accountingIdTaken, type ReviewGuards } from './review-guards.service.ts';
import type { ApprovedLease, ResidentRow, ReviewRepository } from './review.repository.ts';

type Deps = {
  db: Kysely<Database>;
  repository: ReviewRepository;
  guards: ReviewGuards;
  merge: MergeResident;
  detail: (principal: Principal, residentId: string) => Promise<ResidentDetail>;
  mailer: Mailer;
  notifications: NotificationsRepository;
  appUrl: string;
  now: () => Date;
};

type LeaseBuilder = (trx: Kysely<Database>) => Promise<{ lease: ApprovedLease; duplicates: string[] }>;

/**
 * pending -> approved, by the landlord (manually with a lease, or by merging with a candidate) or by an
 * automatic match. Of two approving at once exactly one changes the row; the other gets 409 naming the first.
 */
export function createApproveResident({ db, repository, guards, merge, detail, mailer, notifications, appUrl, now }: Deps) {
  /** The guarded UPDATE from `from` to `to`, its audit event, and the resident's email and notification. */
  async function approveInTransaction(trx: Kysely<Database>, resident: ResidentRow, step: { from: ResidentStatus; to: ResidentStatus }, lease: ApprovedLease, actorId: string | null, method: string) {
    if (!(await repository.markApproved(trx, { id: resident.id, ...step, lease, actorId, now: now() }))) return false;
    await recordAudit(trx, {
      actorUserId: actorId,
      companyId: resident.company_id,
      action: 'resident.approved',
      entityType: 'resident',
      entityId: resident.id,
      before: { status: step.from, unitId: resident.unit_id, rentCents: resident.rent_cents, leaseStart: resident.lease_start, leaseEnd: resident.lease_end, accountingResidentId: resident.accounting_resident_id },
      after: { status: step.to, method, ...lease },
    });
    const unit = await repository.placeOfUnit(trx, lease.unitId);
    const place = rentalPlace(unit?.name ?? null, unit?.label ?? null);
    if (resident.email) {
      await mailer.queue(trx, {
        idempotencyKey: `approved:${resident.id}`,
        companyId: resident.company_id,
        to: resident.email,
        ...residentApprovedEmail({ firstName: resident.first_name, companyName: resident.company_name, place, link: `${appUrl}/me/payments` }),
      });
    }
    if (resident.user_id) {
      await notifications.insert(trx, [
        { userId: resident.user_id, kind: 'resident_approved', title: 'You are approved', body: `${resident.company_name} approved your residency at ${place}.`, link: '/me' },
      ]);
    }
    return true;
  }

  /** Approves a pending resident with a lease; folds duplicates first so the accounting ID is free. */
  async function approveWith(resident: ResidentRow, actorId: string | null, method: string, build: LeaseBuilder) {
    const ok = await db.transaction().execute(async (trx) => {
      const { lease, duplicates } = await build(trx);
      // Take the row first: a concurrent approver waits here, then finds it no longer pending.
      const locked = await repository.lockResident(trx, resident.id);
      if (!locked || locked.deleted_at || !canTransition(locked.status, 'approve')) return false;
      const step = { from: locked.status, to: nextStatus(locked.status, 'approve') };
      for (const duplicate of duplicates) await merge.fold(trx, duplicate, resident.id, actorId, resident.company_id);
      if (lease.accountingResidentId) {
        const holder = await repository.holderOf(trx, resident.company_id, lease.accountingResidentId, [resident.id]);
        if (holder) {
          throw accountingIdTaken(lease.accountingResidentId, holder);
        }
      }
      return approveInTransaction(trx, resident, step, lease, actorId, method);
    });
    if (!ok) throw await guards.alreadyDecided(resident.id);
  }

  /** The unit a manual approval names, checked to be the company's, and the lease's order. */
  async function enteredUnit(resident: ResidentRow, input: Pick<ApprovalPreviewRequest, 'unitId' | 'leaseStart' | 'leaseEnd'>) {
    if (input.leaseEnd !== null && input.leaseEnd < input.leaseStart) throw invalid([{ path: 'leaseEnd', message: 'The lease cannot end before it starts' }]);
    const unit = await repository.findUnit(input.unitId);
    if (!unit || unit.company_id !== resident.company_id) throw invalid([{ path: 'unitId', message: "Choose one of your company's units" }]);
    return unit;
  }

  /**
   * What a manual approval with this lease should make the landlord look at twice (approval-warnings.domain.ts):
   * approving stays allowed. Checks the input as the approval would, so a preview that passes approves.
   */
  async function preview(principal: Principal, residentId: string, input: ApprovalPreviewRequest): Promise<ApprovalPreview> {
    const resident = await guards.load(principal, residentId);
    await guards.decide(resident, 'approve');
    const unit = await enteredUnit(resident, input);
    const [statedUnit, residentsOfUnit] = await Promise.all([
      resident.unit_id ? repository.findUnit(resident.unit_id) : undefined,
      repository.approvedResidentsOfUnit(unit.id, resident.id),
    ]);
    const warnings = approvalWarnings({
      entered: { unitId: unit.id, unitLabel: unit.label, rentCents: input.rentCents, leaseStart: input.leaseStart, leaseEnd: input.leaseEnd },
      stated: {
        unitId: resident.unit_id,
        unitLabel: statedUnit?.label ?? null,
        rentCents: resident.stated_rent_cents,
        leaseStart: resident.stated_lease_start,
        leaseEnd: resident.stated_lease_end,
      },
      residentsOfUnit: residentsOfUnit.map((other) => ({ id: other.id, name: `${other.first_name} ${other.last_name}`.trim(), leaseStart: other.lease_start, leaseEnd: other.lease_end })),
      today: todayIn(now(), resident.company_timezone),
    });
    return { warnings };
  }

  /** The landlord's approval: "same person" as a candidate (merge), or manually with the lease they enter. */
  async function approve(principal: Principal, residentId: string, input: ApproveResidentRequest): Promise<ResidentDetail> {
    const resident = await guards.load(principal, residentId);
    await guards.decide(resident, 'approve');
    if (input.method === 'merge') {
      await approveWith(resident, principal.userId, 'merge', (trx) => merge.leaseFromCandidate(trx, resident, input.candidateId));
      return detail(principal, residentId);
    }
    const unit = await enteredUnit(resident, input);
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
    return detail(principal, residentId);
  }

  return { approve, approveWith, preview };
}

export type ApproveResident = ReturnType<typeof createApproveResident>;
