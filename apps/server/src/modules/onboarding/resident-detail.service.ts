import type { ResidentDetail } from '@rentledger/contracts';
import { notFound } from '../../lib/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import { leaseEndingOf } from './end-lease.service.ts';
import { calendarDateIn, leaseExpired } from './lease-end.domain.ts';
import { rankCandidates } from './matching.domain.ts';
import { canTransition } from './resident-status.domain.ts';
import type { ReviewGuards } from './review-guards.service.ts';
import type { ReviewRepository } from './review.repository.ts';

type Deps = { repository: ReviewRepository; guards: ReviewGuards; now: () => Date };

/** One resident as the review page shows them: with matching candidates while they can still be approved. */
export function createResidentDetail({ repository, guards, now }: Deps) {
  return async function detail(principal: Principal, residentId: string): Promise<ResidentDetail> {
    const resident = await guards.load(principal, residentId);
    if (resident.deleted_at) throw notFound('Resident');
    const [unit, invitation, leaseEnd] = await Promise.all([
      resident.unit_id ? repository.findUnit(resident.unit_id) : undefined,
      repository.openInvitationOf(resident.id),
      repository.leaseEndContext(resident.id),
    ]);
    const property = resident.property_id ? await repository.findProperty(resident.property_id) : undefined;
    const reviewable = canTransition(resident.status, 'approve');
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
      leaseEnding: leaseEndingOf(resident, leaseEnd.recorder_name),
      leaseExpired: leaseExpired({ status: resident.status, leaseEnd: resident.lease_end, monthToMonth: resident.month_to_month }, calendarDateIn(leaseEnd.timezone, now())),
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
        invitationSentAt: c.invitationSentAt,
      })),
    };
  };
}
