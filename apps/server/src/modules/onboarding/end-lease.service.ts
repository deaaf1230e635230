import type { EndLeaseRequest, LeaseEnding, ResidentDetail } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { conflict, invalid } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { calendarDateIn, endDateProblem, endsAtOnce } from './lease-end.domain.ts';
import { FINISHED, statusesAllowing } from './resident-status.domain.ts';
import type { ReviewGuards } from './review-guards.service.ts';
import type { ResidentRow, ReviewRepository } from './review.repository.ts';

type Deps = {
  db: Kysely<Database>;
  repository: ReviewRepository;
  guards: ReviewGuards;
  detail: (principal: Principal, residentId: string) => Promise<ResidentDetail>;
  /** What else stops with the lease, in its transaction: autopay (payments, given by composition.ts). */
  leaseEnded?: LeaseEndedHook;
  now: () => Date;
};

export type LeaseEndedHook = (trx: Kysely<Database>, residentId: string, at: Date) => Promise<void>;

/** Residents finished per transaction of the lease-end-due job. */
const DUE_PER_BATCH = 500;

/**
 * "End lease" for an approved (or current) resident: the lease's last day and why. An end date of today or
 * earlier (in the company's time zone) finishes the resident at once; a later one is recorded and the
 * lease-end-due job finishes them on that day. Either way the row stays (history, payments to come, credit
 * reporting's closed account), open invitations are revoked, reminders stop, and the audit log has it.
 */
export function createEndLease({ db, repository, guards, detail, leaseEnded, now }: Deps) {
  async function endLease(principal: Principal, residentId: string, request: EndLeaseRequest): Promise<ResidentDetail> {
    const resident = await guards.load(principal, residentId);
    const finished = guards.transition(resident, 'end_lease');
    const problem = endDateProblem(request.endDate, resident.lease_start);
    if (problem) throw invalid([{ path: 'endDate', message: problem }], problem);
    const { timezone } = await repository.leaseEndContext(residentId);
    const at = now();
    const atOnce = endsAtOnce(request.endDate, calendarDateIn(timezone, at));
    const ok = await db.transaction().execute(async (trx) => {
      const change = { id: residentId, statuses: statusesAllowing('end_lease'), finish: atOnce ? finished : null, endDate: request.endDate, reason: request.reason, actorId: principal.userId, now: at };
      if (!(await repository.markLeaseEnded(trx, change))) return false;
      await repository.revokeOpenInvitations(trx, residentId, at);
      if (atOnce) await leaseEnded?.(trx, residentId, at);
      await recordAudit(trx, {
        actorUserId: principal.userId,
        companyId: resident.company_id,
        action: atOnce ? 'resident.lease_ended' : 'resident.lease_end_scheduled',
        entityType: 'resident',
        entityId: residentId,
        before: leaseSnapshot(resident),
        after: { status: atOnce ? finished : resident.status, leaseEnd: request.endDate, monthToMonth: false, leaseEndedOn: request.endDate, reason: request.reason },
      });
      return true;
    });
    if (!ok) throw await endedMeanwhile(residentId);
    return detail(principal, residentId);
  }

  /** The 409 for a lease another staff member ended (or a resident changed) between the read and the write. */
  async function endedMeanwhile(residentId: string) {
    const now = await repository.findResident(residentId);
    if (now?.status === FINISHED && now.lease_ended_on) {
      return conflict('already_decided', `This lease already ended on ${now.lease_ended_on}`, { status: FINISHED, endDate: now.lease_ended_on });
    }
    return guards.alreadyDecided(residentId);
  }

  /** The each-minute job: residents whose scheduled end has come are finished, each audited (no actor: the schedule did it). */
  async function finishDueLeaseEnds(): Promise<number> {
    let total = 0;
    for (;;) {
      const finished = await db.transaction().execute(async (trx) => {
        const rows = await repository.finishDueLeaseEnds(trx, { statuses: statusesAllowing('end_lease'), to: FINISHED, now: now(), limit: DUE_PER_BATCH });
        for (const row of rows) {
          await leaseEnded?.(trx, row.id, now());
          await recordAudit(trx, {
            actorUserId: null,
            companyId: row.company_id,
            action: 'resident.lease_ended',
            entityType: 'resident',
            entityId: row.id,
            before: { status: row.before_status },
            after: { status: FINISHED, leaseEndedOn: row.lease_ended_on, scheduled: true },
          });
        }
        return rows.length;
      });
      total += finished;
      if (finished < DUE_PER_BATCH) return total;
    }
  }

  return { endLease, finishDueLeaseEnds };
}

function leaseSnapshot(resident: ResidentRow) {
  return { status: resident.status, leaseEnd: resident.lease_end, monthToMonth: resident.month_to_month, leaseEndedOn: resident.lease_ended_on };
}

/** The detail's view of a recorded end: scheduled while the resident is not finished yet. */
export function leaseEndingOf(resident: ResidentRow, recorderName: string | null): LeaseEnding | null {
  if (!resident.lease_ended_on || !resident.lease_end_recorded_at) return null;
  return {
    endDate: resident.lease_ended_on,
    reason: resident.lease_end_reason ?? '',
    scheduled: resident.status !== FINISHED,
    recordedAt: resident.lease_end_recorded_at.toISOString(),
    recordedBy: resident.lease_ended_by ? { id: resident.lease_ended_by, name: recorderName ?? '' } : null,
  };
}
