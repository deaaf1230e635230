import { AppError } from '../../lib/app-error.ts';
import type { Principal } from '../auth/principal.ts';
import type { IntegrationService } from '../integration/integration.service.ts';
import type { ApproveResident } from './approve-resident.service.ts';
import { rankCandidates } from './matching.domain.ts';
import type { MergeResident } from './merge-resident.service.ts';
import { canTransition } from './resident-status.domain.ts';
import type { ReviewGuards } from './review-guards.service.ts';
import type { ResidentRow, ReviewRepository } from './review.repository.ts';

type Deps = {
  repository: ReviewRepository;
  guards: ReviewGuards;
  approve: Pick<ApproveResident, 'approveWith'>;
  merge: MergeResident;
  integration: () => IntegrationService;
};

/**
 * "Sync, then approve": a pending resident with exactly one strong match in the landlord's books at their
 * unit is approved with the books' lease, on stating a residency, on proving their email, and after a sync.
 */
export function createAutoApprove({ repository, guards, approve, merge, integration }: Deps) {
  async function autoApproveOne(resident: ResidentRow): Promise<boolean> {
    // An unproven email must not pull in someone's lease: the owner of the account verifies first.
    if (resident.user_id && !resident.account_email_verified_at) return false;
    const candidates = rankCandidates(
      { firstName: resident.first_name, lastName: resident.last_name, email: resident.email, phone: resident.phone, unitId: resident.unit_id, propertyId: resident.property_id },
      (await repository.candidatesFor(resident)).filter((c) => c.kind === 'accounting_record' && c.unitId === resident.unit_id && ['current', 'notice', 'future'].includes(c.status)),
    ).filter((c) => c.strong);
    const [only] = candidates;
    if (candidates.length !== 1 || !only) return false;
    try {
      await approve.approveWith(resident, null, 'automatic', (trx) => merge.leaseFromCandidate(trx, resident, only.id));
      return true;
    } catch (error) {
      // Taken by someone else, or incomplete ledger: the landlord decides.
      if (error instanceof AppError) return false;
      throw error;
    }
  }

  return {
    async autoApprovePendingOne(residentId: string): Promise<boolean> {
      const resident = await repository.findResident(residentId);
      return resident ? autoApproveOne(resident) : false;
    },

    /**
     * After the books refresh, pending residents with exactly one strong match at their unit are approved
     * on their own. Only units whose ledgers this run created or changed can have a new match, so a
     * re-import of unchanged books re-matches nobody.
     */
    async autoApprovePending(companyId: string, syncRunId: string): Promise<string[]> {
      const pending = await repository.pendingAtUnitsOfRun(companyId, syncRunId);
      const approved: string[] = [];
      for (const { id } of pending) {
        const resident = await repository.findResident(id);
        if (!resident) continue;
        if (await autoApproveOne(resident)) approved.push(id);
      }
      return approved;
    },

    /** The landlord asks for a sync from a pending resident's review; its end re-matches them (onboarding.jobs.ts). */
    async startSync(principal: Principal, residentId: string) {
      const resident = await guards.load(principal, residentId);
      if (!canTransition(resident.status, 'approve')) guards.transition(resident, 'approve');
      return integration().syncNow(principal, 'approval');
    },
  };
}
