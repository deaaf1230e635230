/**
 * What a sync does to the residents linked to one accounting record. Pure: the
 * repository loads the snapshots and writes the plan.
 */
import type { ResidentStatus } from '@rentledger/contracts';
import { firstStatus, nextStatus } from '../onboarding/resident-status.domain.ts';

export type RecordSnapshot = {
  id: string;
  accountingResidentId: string;
  propertyId: string | null;
  unitId: string | null;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  leaseStart: string | null;
  leaseEnd: string | null;
  rentCents: number | null;
  balanceCents: number | null;
  status: 'current' | 'notice' | 'future' | 'past';
};

export type ResidentSnapshot = {
  id: string;
  status: ResidentStatus;
  deleted: boolean;
  propertyId: string | null;
  unitId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  rentCents: number | null;
  leaseStart: string | null;
  leaseEnd: string | null;
  monthToMonth: boolean;
  balanceCents: number | null;
};

/** The fields a sync may write on a resident. */
export type SyncedFields = Partial<
  Pick<
    ResidentSnapshot,
    'status' | 'propertyId' | 'unitId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'rentCents' | 'leaseStart' | 'leaseEnd' | 'monthToMonth' | 'balanceCents'
  >
>;

export type ResidentPlan =
  | { kind: 'create'; status: ResidentStatus; fields: Required<Omit<SyncedFields, 'status'>> }
  | { kind: 'update'; residentId: string; before: SyncedFields; after: SyncedFields; invite: boolean }
  | { kind: 'finish'; residentId: string; before: SyncedFields; revokeInvitation: boolean };

const LIVE_STATUSES: ResidentStatus[] = ['waiting', 'invited', 'pending', 'approved', 'current'];
/** Not yet accepted: the accounting system is still the only source of their details. */
const UNCLAIMED: ResidentStatus[] = ['waiting', 'invited'];

export function isLive(resident: ResidentSnapshot): boolean {
  return !resident.deleted && LIVE_STATUSES.includes(resident.status);
}

function leaseFields(record: RecordSnapshot) {
  return {
    leaseStart: record.leaseStart,
    leaseEnd: record.leaseEnd,
    monthToMonth: record.leaseStart !== null && record.leaseEnd === null,
    rentCents: record.rentCents,
    balanceCents: record.balanceCents,
  };
}

function contactFields(record: RecordSnapshot) {
  return {
    propertyId: record.propertyId,
    unitId: record.unitId,
    firstName: record.firstName,
    lastName: record.lastName,
    email: record.emails[0] ?? null,
    phone: record.phones[0] ?? null,
  };
}

/** Keeps only the fields whose value differs, as before/after pairs. */
function diff(resident: ResidentSnapshot, wanted: SyncedFields): { before: SyncedFields; after: SyncedFields } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted) as [keyof SyncedFields, unknown][]) {
    if (value === undefined || resident[key] === value) continue;
    before[key] = resident[key];
    after[key] = value;
  }
  return { before: before as SyncedFields, after: after as SyncedFields };
}

function planForLiveResident(record: RecordSnapshot, resident: ResidentSnapshot): ResidentPlan | null {
  if (record.status === 'past') {
    return { kind: 'finish', residentId: resident.id, before: { status: resident.status }, revokeInvitation: resident.status === 'invited' };
  }
  const lease = leaseFields(record);
  let wanted: SyncedFields;
  if (UNCLAIMED.includes(resident.status)) {
    wanted = { ...contactFields(record), ...lease };
    // An email lets a waiting resident be invited; an invited one stays invited (and is not invited again).
    if (wanted.email) wanted.status = nextStatus(resident.status, 'invite');
  } else {
    // A verified residency must keep a rent and a start date: blanks in the ledger do not erase them.
    wanted = {
      ...lease,
      rentCents: lease.rentCents ?? resident.rentCents,
      leaseStart: lease.leaseStart ?? resident.leaseStart,
      monthToMonth: (lease.leaseStart ?? resident.leaseStart) !== null && lease.leaseEnd === null,
    };
  }
  const { before, after } = diff(resident, wanted);
  if (Object.keys(after).length === 0) return null;
  return { kind: 'update', residentId: resident.id, before, after, invite: after.status === 'invited' };
}

export function planResidents(record: RecordSnapshot, residents: ResidentSnapshot[]): ResidentPlan[] {
  const live = residents.filter(isLive);
  if (live.length > 0) return live.map((resident) => planForLiveResident(record, resident)).filter((plan) => plan !== null);
  // A resident the landlord deleted, or whose lease ended, is not brought back by the next sync.
  if (residents.length > 0 || record.status === 'past') return [];
  const contact = contactFields(record);
  const waiting = firstStatus('accounting_invite');
  return [{ kind: 'create', status: contact.email ? nextStatus(waiting, 'invite') : waiting, fields: { ...contact, ...leaseFields(record) } }];
}

/** What a finished run leaves for the landlord's staff to do; see `staffEmailReason`. */
export type RunOutcome = {
  succeeded: boolean;
  counts: { created: number; updated: number; finished: number; errors: number };
  /** The company's residents after the run: pending review, and waiting for an email. */
  open: { pendingReview: number; waitingForEmail: number };
};

/**
 * Why staff get an email about a run, or null when the in-app notice is enough: a run
 * that failed, has row errors, or changed residents and left some pending review or
 * waiting for an email. A scheduled run that changed nothing stays quiet.
 */
export function staffEmailReason(outcome: RunOutcome): 'failed' | 'row_errors' | 'residents_to_handle' | null {
  if (!outcome.succeeded) return 'failed';
  if (outcome.counts.errors > 0) return 'row_errors';
  const changed = outcome.counts.created + outcome.counts.updated + outcome.counts.finished > 0;
  if (changed && outcome.open.pendingReview + outcome.open.waitingForEmail > 0) return 'residents_to_handle';
  return null;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * A finished run's summary, or null when there is nothing to say: the rows it could not import (with the problems
 * found in them, since one row may have several) and the properties and units it created.
 */
export function runMessage(
  processed: number,
  problems: { errors: number; problems: number },
  created: { propertiesCreated: number; unitsCreated: number },
): string | null {
  const parts: string[] = [];
  if (problems.problems > 0) {
    const rows = problems.errors > 0 ? `${problems.errors.toLocaleString('en-US')} of ${plural(processed, 'row', 'rows')} could not be imported` : 'The file has problems';
    parts.push(`${rows} (${plural(problems.problems, 'problem', 'problems')}); the others were applied.`);
  }
  if (created.propertiesCreated + created.unitsCreated > 0) {
    parts.push(`Created ${plural(created.propertiesCreated, 'property', 'properties')} and ${plural(created.unitsCreated, 'unit', 'units')}.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}
