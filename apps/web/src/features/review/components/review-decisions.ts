import type { Candidate, Property, ResidentDetail } from '@rentledger/contracts';
import { isApiError } from '../../../lib/api-client.ts';
import { formatAddress, formatCalendarDate, humanizeTimestamps, possessive } from '../../../lib/format.ts';

/** How the landlord goes on when no match is merged: choose, then synchronize or approve manually. */
export type ReviewMode = 'choose' | 'sync' | 'manual';

export const fullName = (resident: Pick<ResidentDetail, 'firstName' | 'lastName'>) => `${resident.firstName} ${resident.lastName}`.trim() || 'Unnamed resident';

/** The lease the resident stated at sign-up, in words. */
export function statedLease(resident: Pick<ResidentDetail, 'statedLeaseStart' | 'statedLeaseEnd'>): string {
  if (!resident.statedLeaseStart) return 'Not stated';
  return resident.statedLeaseEnd
    ? `${formatCalendarDate(resident.statedLeaseStart)} – ${formatCalendarDate(resident.statedLeaseEnd)}`
    : `From ${formatCalendarDate(resident.statedLeaseStart)}, month-to-month`;
}

/**
 * The candidates to show. A sync creates an invited (or waiting) resident from each accounting record:
 * the two are one person, so the record's card stands for both and the resident's card is left out.
 * `alsoInvited` holds the accounting IDs of the records that stand for such a resident.
 */
export function matchingCandidates(candidates: Candidate[]): { shown: Candidate[]; alsoInvited: Set<string> } {
  const recordIds = new Set(candidates.filter((c) => c.kind === 'accounting_record' && c.accountingResidentId).map((c) => c.accountingResidentId));
  const duplicates = candidates.filter((c) => c.kind === 'resident' && c.accountingResidentId && recordIds.has(c.accountingResidentId));
  // "Already invited" only when an invitation was actually sent: a waiting resident (no email) never was.
  const alsoInvited = new Set(duplicates.filter((c) => c.invitationSentAt !== null).map((c) => c.accountingResidentId ?? ''));
  const hidden = new Set(duplicates.map((c) => c.accountingResidentId ?? ''));
  const shown = candidates.filter((c) => !(c.kind === 'resident' && hidden.has(c.accountingResidentId ?? '')));
  return { shown, alsoInvited };
}

/** The record's card also stands for a resident the sync invited. */
export const standsForInvited = (candidate: Candidate, alsoInvited: Set<string>) =>
  alsoInvited.has(candidate.accountingResidentId ?? '') && candidate.kind === 'accounting_record';

/**
 * 409 already_decided: another staff member approved, declined or deleted first. The server's message
 * names who and when; it goes to the top of the page. Null for any other failure, which stays where it happened.
 */
export function alreadyDecidedMessage(error: unknown): string | null {
  return isApiError(error) && error.code === 'already_decided' ? humanizeTimestamps(error.message) : null;
}

/** What the approval section offers besides merging: integrated companies can refresh their books first. */
export function approvalDescription(mode: ReviewMode, companyIntegrated: boolean): string {
  if (mode === 'manual') return 'Approve manually';
  if (mode === 'sync') return 'Synchronize with accounting system';
  return companyIntegrated ? 'Refresh your books and match again, or enter the lease yourself.' : 'Enter the lease yourself.';
}

/** Said when nobody matches: where RentLedger looked, and the ways forward for this company. */
export function noMatchDescription(resident: ResidentDetail): string {
  const where = resident.companyIntegrated ? 'in your books' : 'in RentLedger';
  const at = resident.unitLabel ? `unit ${resident.unitLabel}` : 'this property';
  const next = resident.companyIntegrated ? 'Synchronize with your accounting system, or approve manually.' : 'Check the lease and approve manually.';
  return `Nobody ${where} at ${at} looks like ${fullName(resident)}. ${next}`;
}

/** Manual approval needs a unit; without one, why the option is off. */
export const manualBlockedReason = (resident: Pick<ResidentDetail, 'firstName'>, unitId: string | null) =>
  unitId ? null : `Choose ${possessive(resident.firstName)} unit above first (or ask support to add it).`;

/** The support request the landlord sends when the resident's unit, or their property, is not in RentLedger. */
export function missingUnitRequest(resident: ResidentDetail, property: Property | undefined) {
  const name = fullName(resident);
  const message = resident.propertyId
    ? `Please add unit “${resident.statedUnitText ?? '?'}” to ${resident.propertyName ?? 'our property'}${property ? ` (${formatAddress(property)})` : ''}. ${name}${resident.email ? ` (${resident.email})` : ''} signed up for it, and I cannot approve them until the unit exists.`
    : `Please add the property ${name} signed up for, so I can approve them. They told us: unit “${resident.statedUnitText ?? '?'}”.`;
  return { kind: resident.propertyId ? ('missing_unit' as const) : ('missing_property' as const), message };
}
