import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { invalid } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { canTransition, statusesAllowing } from './resident-status.domain.ts';
import type { ApprovedLease, ResidentRow, ReviewRepository } from './review.repository.ts';

type Deps = { repository: ReviewRepository; now: () => Date };

/**
 * "Same person": a duplicate (an invited or waiting resident, or when the landlord says so the live
 * holder of an accounting ID) folds into the resident who stays, and a candidate's ledger or record
 * gives the lease an approval by merge writes.
 */
export function createMergeResident({ repository, now }: Deps) {
  /** Folds a duplicate into the resident who is the same person (it disappears, audited); false when it is no longer foldable. */
  async function fold(trx: Kysely<Database>, duplicateId: string, intoId: string, actorId: string | null, companyId: string, allowLive = false) {
    const folded = await repository.markMerged(trx, { id: duplicateId, into: intoId, statuses: statusesAllowing(allowLive ? 'merge' : 'fold'), actorId, now: now() });
    if (!folded) return false;
    await repository.revokeOpenInvitations(trx, duplicateId, now());
    await recordAudit(trx, { actorUserId: actorId, companyId, action: 'resident.merged', entityType: 'resident', entityId: duplicateId, before: folded, after: { mergedInto: intoId } });
    return true;
  }

  /** The lease of a candidate (a ledger of the books, or an unclaimed resident), and the duplicates to fold with it. */
  async function leaseFromCandidate(trx: Kysely<Database>, resident: ResidentRow, candidateId: string): Promise<{ lease: ApprovedLease; duplicates: string[] }> {
    const record = await repository.accountingRecord(trx, resident.company_id, candidateId);
    if (record) {
      if (!record.unit_id || !record.property_id || record.rent_cents === null || !record.lease_start) {
        throw invalid([{ path: 'candidateId', message: 'This ledger lacks a unit, rent or lease start: approve manually instead' }]);
      }
      const duplicates = await repository.residentsOfRecord(trx, record.id, statusesAllowing('fold'), resident.id);
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
        },
        duplicates: duplicates.map((d) => d.id),
      };
    }
    const other = await repository.liveResidentOfCompany(trx, resident.company_id, candidateId);
    if (!other || !canTransition(other.status, 'fold')) throw invalid([{ path: 'candidateId', message: 'No such candidate for this resident' }]);
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
      },
      duplicates: [other.id],
    };
  }

  return { fold, leaseFromCandidate };
}

export type MergeResident = ReturnType<typeof createMergeResident>;
