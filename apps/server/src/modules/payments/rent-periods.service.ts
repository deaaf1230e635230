import type { PaidOutsideRequest, RentPeriod } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { conflict, invalid, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { localDateIn } from './banking-calendar.domain.ts';
import type { CalendarDate } from './banking-calendar.domain.ts';
import { analyzeRentPeriods, onTimeRate, type RentPeriod as AnalyzedPeriod } from './rent-periods.domain.ts';
import type { RentPeriodsRepository } from './rent-periods.repository.ts';
import type { Logger } from '../../jobs/job-definition.ts';

type Deps = {
  db: Kysely<Database>;
  repository: RentPeriodsRepository;
  now?: () => Date;
  batchSize?: number;
  /** After a mark is committed: rent alerts resolve the resident's alerts at once (rent-alerts.service.ts). */
  afterPaidOutside?: (residentId: string) => Promise<unknown>;
  /** Where a failure of `afterPaidOutside` is logged (the mark stands; the rent-alerts job catches up). */
  logger?: Pick<Logger, 'error'>;
};

/** One resident's months as the analysis decides them, with what a report or an alert needs to name them. */
export type AnalyzedResident = {
  residentId: string;
  companyId: string;
  propertyId: string | null;
  unitId: string | null;
  userId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  status: 'approved' | 'current' | 'finished';
  timezone: string;
  /** The company's calendar date the analysis was made for. */
  today: CalendarDate;
  /** The day the resident joined the platform (first approval, company time); null when never approved. */
  joinedOn: CalendarDate | null;
  /** `analyzeRentPeriods`' answer; empty when the lease has no start or rent, or the resident was never approved. */
  periods: AnalyzedPeriod[];
};

export type AnalyzeResidentsFilter = { companyId?: string; residentIds?: readonly string[] };

type LeaseFacts = {
  lease_start: CalendarDate | null;
  lease_end: CalendarDate | null;
  lease_ended_on: CalendarDate | null;
  rent_cents: number | null;
  due_day: number;
  grace_days: number;
  joined_on: CalendarDate | null;
};
type PaymentFacts = { amountCents: number; status: 'processing' | 'settled' | 'returned'; effectiveDate: CalendarDate | null; returnedOn: CalendarDate | null };
type MarkFacts = { month: string; amountCents: number; paidOn: CalendarDate };

/** The analysis of one resident from the rows read for it (named as the domain takes them). */
function analyze(resident: LeaseFacts, payments: readonly PaymentFacts[], marks: readonly MarkFacts[], today: CalendarDate): AnalyzedPeriod[] {
  if (!resident.lease_start || resident.rent_cents === null || !resident.joined_on) return [];
  return analyzeRentPeriods({
    leaseStart: resident.lease_start,
    leaseEnd: resident.lease_ended_on ?? resident.lease_end,
    rentCents: resident.rent_cents,
    dueDay: resident.due_day,
    graceDays: resident.grace_days,
    joinedOn: resident.joined_on,
    today,
    payments,
    paidOutside: marks,
  });
}

function groupBy<T extends { resident_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.resident_id);
    if (group) group.push(row);
    else groups.set(row.resident_id, [row]);
  }
  return groups;
}

/**
 * "Sufficient and on time" for every month of a resident's lease, computed from what it depends on each time it
 * is asked (lease, payments, returns, marks), so nothing can go stale; and "Mark paid outside" for the landlord.
 * A landlord sees their company's residents, a resident their own residencies, support any.
 */
export function createRentPeriodsService({ db, repository, now = () => new Date(), batchSize = 2000, afterPaidOutside, logger }: Deps) {
  async function facts(residentId: string) {
    const resident = await repository.residentFacts(residentId);
    if (!resident) throw notFound('Resident', 'resident_not_found');
    return resident;
  }

  async function periodsOf(resident: Awaited<ReturnType<typeof facts>>): Promise<{ items: RentPeriod[]; onTimeRate: number | null }> {
    if (!resident.lease_start || resident.rent_cents === null || !resident.joined_on) return { items: [], onTimeRate: null };
    const [payments, marks] = await Promise.all([repository.payments(resident.id), repository.marks(resident.id)]);
    const periods = analyze(
      resident,
      payments.map((payment) => ({ amountCents: payment.amount_cents, status: payment.status as PaymentFacts['status'], effectiveDate: payment.effective_date, returnedOn: payment.returned_on })),
      marks.map((mark) => ({ month: mark.month, amountCents: mark.amount_cents, paidOn: mark.paid_on })),
      localDateIn(now(), resident.timezone),
    );
    return {
      items: periods.map((period) => ({ month: period.month, dueCents: period.dueCents, dueDate: period.dueDate, graceEndsOn: period.graceEndsOn, receivedCents: period.receivedCents, paidOutsideCents: period.paidOutsideCents, status: period.status, daysLate: period.daysLate, shortfallCents: period.shortfallCents })),
      onTimeRate: onTimeRate(periods),
    };
  }

  /**
   * The analysis for many residents (a company's, the given ids, or every company's): approved, current and
   * finished residents, not deleted, in id order, handed to `visit` a batch at a time (`batchSize`, 2,000 by
   * default), each batch read with three queries. The next batch is read while `visit` works on this one. One
   * clock reading for the whole walk, so every resident of a company is judged on the same calendar date. No
   * access check: callers decide whose residents they ask for.
   */
  async function analyzeResidents(filter: AnalyzeResidentsFilter, visit: (batch: AnalyzedResident[]) => void | Promise<void>): Promise<void> {
    if (filter.residentIds !== undefined && filter.residentIds.length === 0) return;
    const instant = now();
    const todayByZone = new Map<string, CalendarDate>();
    const todayIn = (timezone: string): CalendarDate => {
      let today = todayByZone.get(timezone);
      if (today === undefined) {
        today = localDateIn(instant, timezone);
        todayByZone.set(timezone, today);
      }
      return today;
    };
    const read = async (after: string | null) => {
      const residents = await repository.residentsPage(filter, after, batchSize);
      const ids = residents.map((resident) => resident.id);
      if (ids.length === 0) return { residents, payments: new Map<string, PaymentFacts[]>(), marks: new Map<string, MarkFacts[]>() };
      const [payments, marks] = await Promise.all([repository.paymentsOf(ids), repository.marksOf(ids)]);
      return { residents, payments: groupBy(payments), marks: groupBy(marks) };
    };
    let page = await read(null);
    while (page.residents.length > 0) {
      const last = page.residents[page.residents.length - 1]?.id ?? null;
      // Read ahead: the next page's queries run while this page is analysed and visited.
      const next = page.residents.length === batchSize ? read(last) : null;
      next?.catch(() => undefined);
      const batch = page.residents.map((resident): AnalyzedResident => {
        const today = todayIn(resident.timezone);
        return {
          residentId: resident.id,
          companyId: resident.company_id,
          propertyId: resident.property_id,
          unitId: resident.unit_id,
          userId: resident.user_id,
          firstName: resident.first_name,
          lastName: resident.last_name,
          email: resident.email,
          status: resident.status as AnalyzedResident['status'],
          timezone: resident.timezone,
          today,
          joinedOn: resident.joined_on,
          periods: analyze(resident, page.payments.get(resident.id) ?? [], page.marks.get(resident.id) ?? [], today),
        };
      });
      await visit(batch);
      if (next === null) break;
      page = await next;
    }
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
    if (request.month > today.slice(0, 7)) throw invalid([{ path: 'month', message: `${request.month} has not begun: mark a month up to ${today.slice(0, 7)}` }]);
    if (resident.lease_start && request.month < resident.lease_start.slice(0, 7)) throw invalid([{ path: 'month', message: `The lease starts ${resident.lease_start}: choose a month of the lease` }]);
    await db.transaction().execute(async (trx) => {
      const id = await repository.insertMark(trx, { company_id: resident.company_id, resident_id: resident.id, month: request.month, amount_cents: request.amountCents, paid_on: request.paidOn, note: request.note ?? null, created_by: principal.userId }, now());
      await recordAudit(trx, { actorUserId: principal.userId, companyId: resident.company_id, action: 'rent.paid_outside', entityType: 'resident', entityId: resident.id, after: { markId: id, month: request.month, amountCents: request.amountCents, paidOn: request.paidOn, note: request.note ?? null } });
    });
    try {
      await afterPaidOutside?.(resident.id);
    } catch (error) {
      // The mark is committed: answering 500 now would have it entered twice. The rent-alerts job catches up.
      logger?.error({ err: error, residentId: resident.id }, 'Rent periods: the alerts of a mark paid outside could not be updated at once');
    }
    return periodsOf(resident);
  }

  return { forStaff, forResident, markPaidOutside, analyzeResidents };
}

export type RentPeriodsService = ReturnType<typeof createRentPeriodsService>;
