import type { PaidOutsideRequest, RentPeriod } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { conflict, invalid, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { localDateIn } from './banking-calendar.domain.ts';
import { analyzeRentPeriods, onTimeRate } from './rent-periods.domain.ts';
import type { RentPeriodsRepository } from './rent-periods.repository.ts';

type Deps = { db: Kysely<Database>; repository: RentPeriodsRepository; now?: () => Date };

/**
 * "Sufficient and on time" for every month of a resident's lease, computed from what it depends on each time it
 * is asked (lease, payments, returns, marks), so nothing can go stale; and "Mark paid outside" for the landlord.
 * A landlord sees their company's residents, a resident their own residencies, support any.
 */
export function createRentPeriodsService({ db, repository, now = () => new Date() }: Deps) {
  async function facts(residentId: string) {
    const resident = await repository.residentFacts(residentId);
    if (!resident) throw notFound('Resident', 'resident_not_found');
    return resident;
  }

  async function periodsOf(resident: Awaited<ReturnType<typeof facts>>): Promise<{ items: RentPeriod[]; onTimeRate: number | null }> {
    if (!resident.lease_start || resident.rent_cents === null || !resident.joined_on) return { items: [], onTimeRate: null };
    const [payments, marks] = await Promise.all([repository.payments(resident.id), repository.marks(resident.id)]);
    const periods = analyzeRentPeriods({
      leaseStart: resident.lease_start,
      leaseEnd: resident.lease_ended_on ?? resident.lease_end,
      rentCents: resident.rent_cents,
      dueDay: resident.due_day,
      graceDays: resident.grace_days,
      joinedOn: resident.joined_on,
      today: localDateIn(now(), resident.timezone),
      payments: payments.map((payment) => ({ amountCents: payment.amount_cents, status: payment.status as 'processing' | 'settled' | 'returned', effectiveDate: payment.effective_date, returnedOn: payment.returned_on })),
      paidOutside: marks.map((mark) => ({ month: mark.month, amountCents: mark.amount_cents, paidOn: mark.paid_on })),
    });
    return {
      items: periods.map((period) => ({ month: period.month, dueCents: period.dueCents, dueDate: period.dueDate, graceEndsOn: period.graceEndsOn, receivedCents: period.receivedCents, paidOutsideCents: period.paidOutsideCents, status: period.status, daysLate: period.daysLate, shortfallCents: period.shortfallCents })),
      onTimeRate: onTimeRate(periods),
    };
  }

  async function forStaff(principal: Principal, residentId: string) {
    const resident = await facts(residentId);
    if (principal.role !== 'support' && resident.company_id !== principal.company?.id) throw notFound('Resident', 'resident_not_found');
    return periodsOf(resident);
  }

  async function forResident(principal: Principal, residentId: string) {
    const resident = await facts(residentId);
    if (resident.user_id !== principal.userId) throw notFound('Resident', 'resident_not_found');
    return periodsOf(resident);
  }

  async function markPaidOutside(principal: Principal, residentId: string, request: PaidOutsideRequest) {
    const resident = await facts(residentId);
    if (resident.company_id !== principal.company?.id) throw notFound('Resident', 'resident_not_found');
    if (!['approved', 'current', 'finished'].includes(resident.status)) throw conflict('resident_not_approved', 'Rent is tracked for approved residents only');
    const today = localDateIn(now(), resident.timezone);
    if (request.paidOn > today) throw invalid([{ path: 'paidOn', message: 'The day it was paid cannot be in the future' }]);
    if (resident.lease_start && request.month < resident.lease_start.slice(0, 7)) throw invalid([{ path: 'month', message: `The lease starts ${resident.lease_start}: choose a month of the lease` }]);
    await db.transaction().execute(async (trx) => {
      const id = await repository.insertMark(trx, { company_id: resident.company_id, resident_id: resident.id, month: request.month, amount_cents: request.amountCents, paid_on: request.paidOn, note: request.note ?? null, created_by: principal.userId }, now());
      await recordAudit(trx, { actorUserId: principal.userId, companyId: resident.company_id, action: 'rent.paid_outside', entityType: 'resident', entityId: resident.id, after: { markId: id, month: request.month, amountCents: request.amountCents, paidOn: request.paidOn, note: request.note ?? null } });
    });
    return periodsOf(resident);
  }

  return { forStaff, forResident, markPaidOutside };
}

export type RentPeriodsService = ReturnType<typeof createRentPeriodsService>;
