import type { ResidentStatus } from '@rentledger/contracts';
import { type AppError, conflict, notFound } from '../../lib/app-error.ts';
import { assertCompanyAccess } from '../auth/company-access.ts';
import type { Principal } from '../auth/principal.ts';
import { canTransition, nextStatus, type ResidentAction, TransitionRefused } from './resident-status.domain.ts';
import type { ResidentRow, ReviewRepository } from './review.repository.ts';

/** Who holds an accounting resident ID, as `ReviewRepository.holderOf` reads them. */
type IdHolder = { id: string; first_name: string; last_name: string; unit_label: string | null; stated_unit_text: string | null; property_name: string | null };

/**
 * The 409 for an accounting resident ID another resident holds: it names the holder with their
 * property and unit, so the landlord can tell two people of the same name apart.
 */
export function accountingIdTaken(accountingResidentId: string, holder: IdHolder): AppError {
  const name = `${holder.first_name} ${holder.last_name}`.trim();
  const unitLabel = holder.unit_label ?? holder.stated_unit_text;
  const where = [holder.property_name, unitLabel ? `unit ${unitLabel}` : null].filter(Boolean).join(', ');
  return conflict('accounting_id_taken', `Accounting resident ID ${accountingResidentId} belongs to ${name}${where ? ` (${where})` : ''}`, {
    residentId: holder.id,
    name,
    propertyName: holder.property_name,
    unitLabel,
  });
}

/** Where a landlord's decision leaves a resident: deciding again answers who decided first. */
const DECIDED: ResidentStatus[] = ['approved', 'current', 'declined'];

/**
 * What every review use case starts with: the resident, if the principal may see them; the status an
 * action takes them to, from the state machine; and the 409 naming who acted first when a guarded
 * UPDATE finds the row already changed.
 */
export function createReviewGuards(repository: Pick<ReviewRepository, 'findResident'>) {
  async function load(principal: Principal, residentId: string): Promise<ResidentRow> {
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

  /** The status `action` takes the resident to; 409 invalid_transition when the state machine refuses (or the resident is deleted). */
  function transition(resident: ResidentRow, action: ResidentAction): ResidentStatus {
    try {
      if (resident.deleted_at) throw new TransitionRefused(action, resident.status);
      return nextStatus(resident.status, action);
    } catch (error) {
      if (error instanceof TransitionRefused) throw conflict('invalid_transition', error.message, { action: error.action, from: error.from });
      throw error;
    }
  }

  /**
   * `transition` for a landlord's decision (approve, decline): when the resident was already decided or
   * deleted, the 409 says by whom rather than that the move is not allowed.
   */
  async function decide(resident: ResidentRow, action: ResidentAction): Promise<ResidentStatus> {
    if (!resident.deleted_at && canTransition(resident.status, action)) return nextStatus(resident.status, action);
    if (resident.deleted_at || DECIDED.includes(resident.status)) throw await alreadyDecided(resident.id);
    return transition(resident, action);
  }

  return { load, alreadyDecided, transition, decide };
}

export type ReviewGuards = ReturnType<typeof createReviewGuards>;
