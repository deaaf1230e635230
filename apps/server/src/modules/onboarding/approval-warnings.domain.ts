/**
 * What a landlord should look at twice before approving a resident manually. Warnings, never refusals:
 * a lease can really start while the last tenant is moving out, be approved late, or differ from what the
 * resident remembered. The same list goes to the web form and to API users (the approval preview).
 */
export type ApprovalWarningCode = 'unit_occupied' | 'lease_ended' | 'differs_from_stated';

/** The fields a resident states at sign-up and a landlord enters on approval. */
export type StatedField = 'unitId' | 'rentCents' | 'leaseStart' | 'leaseEnd';

export type OccupyingResident = { id: string; name: string; leaseStart: string | null; leaseEnd: string | null };

export type ApprovalWarning = {
  code: ApprovalWarningCode;
  /** The entered field the warning is about. */
  field: StatedField;
  message: string;
  /** differs_from_stated: both values, for a side-by-side view (null: month-to-month, or not stated). */
  stated?: string | number | null;
  entered?: string | number | null;
  /** unit_occupied: who already lives there on overlapping dates. */
  residents?: OccupyingResident[];
};

/** The lease the landlord entered, with the entered unit's label for the messages. */
export type EnteredLease = { unitId: string; unitLabel: string; rentCents: number; leaseStart: string; leaseEnd: string | null };

/** What the resident stated at sign-up: the unit they picked (or typed), their rent and lease. */
export type StatedLease = {
  unitId: string | null;
  unitLabel: string | null;
  rentCents: number | null;
  leaseStart: string | null;
  leaseEnd: string | null;
};

export type ApprovalFacts = {
  entered: EnteredLease;
  stated: StatedLease;
  /** Approved or current residents of the entered unit, other than this one. */
  residentsOfUnit: OccupyingResident[];
  /** Today's date where the company is (YYYY-MM-DD). */
  today: string;
};

/** The calendar date (YYYY-MM-DD) it is at `now` in a time zone: a lease ends at the company's midnight, not UTC's. */
export function todayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const END_OF_TIME = '9999-12-31';

/** Two leases overlap unless one ends before the other starts; no end is month-to-month (open), no start is "always was". */
export function leasesOverlap(a: { leaseStart: string | null; leaseEnd: string | null }, b: { leaseStart: string | null; leaseEnd: string | null }): boolean {
  const aStart = a.leaseStart ?? '0000-01-01';
  const bStart = b.leaseStart ?? '0000-01-01';
  return aStart <= (b.leaseEnd ?? END_OF_TIME) && bStart <= (a.leaseEnd ?? END_OF_TIME);
}

export function formatCents(cents: number): string {
  return `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const leaseEndWords = (value: string | null) => value ?? 'month-to-month';

function occupied({ entered, residentsOfUnit }: ApprovalFacts): ApprovalWarning[] {
  const overlapping = residentsOfUnit.filter((other) => leasesOverlap(other, entered));
  if (overlapping.length === 0) return [];
  const who = overlapping.map((other) => `${other.name} (${other.leaseStart ?? '?'} to ${leaseEndWords(other.leaseEnd)})`).join(', ');
  return [{ code: 'unit_occupied', field: 'unitId', message: `Unit ${entered.unitLabel} already has an approved resident on overlapping dates: ${who}`, residents: overlapping }];
}

function ended({ entered, today }: ApprovalFacts): ApprovalWarning[] {
  if (entered.leaseEnd === null || entered.leaseEnd >= today) return [];
  return [{ code: 'lease_ended', field: 'leaseEnd', message: `This lease already ended on ${entered.leaseEnd}` }];
}

type Value = string | number | null;

/** A stated value in words: money, a unit, a date, or month-to-month. */
function inWords(field: StatedField, value: Value): string {
  if (field === 'rentCents') return typeof value === 'number' ? formatCents(value) : 'no rent';
  if (field === 'unitId') return value === null ? 'another unit' : `unit ${value}`;
  if (field === 'leaseEnd') return leaseEndWords(value === null ? null : String(value));
  return String(value);
}

const LABELS: Record<StatedField, string> = { unitId: 'Unit', rentCents: 'Monthly rent', leaseStart: 'Lease start', leaseEnd: 'Lease end' };

function differs(field: StatedField, stated: Value, entered: Value): ApprovalWarning {
  const message = `${LABELS[field]}: the resident said ${inWords(field, stated)}, you entered ${inWords(field, entered)}`;
  return { code: 'differs_from_stated', field, message, stated, entered };
}

function differences({ entered, stated }: ApprovalFacts): ApprovalWarning[] {
  const warnings: ApprovalWarning[] = [];
  // A typed, unlisted unit cannot be compared by id: choosing a unit for it is the landlord's correction.
  if (stated.unitId !== null && stated.unitId !== entered.unitId) warnings.push(differs('unitId', stated.unitLabel, entered.unitLabel));
  if (stated.rentCents !== null && stated.rentCents !== entered.rentCents) warnings.push(differs('rentCents', stated.rentCents, entered.rentCents));
  // The lease dates are compared only when the resident stated a lease at all.
  if (stated.leaseStart !== null) {
    if (stated.leaseStart !== entered.leaseStart) warnings.push(differs('leaseStart', stated.leaseStart, entered.leaseStart));
    if (stated.leaseEnd !== entered.leaseEnd) warnings.push(differs('leaseEnd', stated.leaseEnd, entered.leaseEnd));
  }
  return warnings;
}

/** Every warning for a manual approval, in the order the form shows its fields: unit, rent, lease. */
export function approvalWarnings(facts: ApprovalFacts): ApprovalWarning[] {
  const order: StatedField[] = ['unitId', 'rentCents', 'leaseStart', 'leaseEnd'];
  return [...occupied(facts), ...differences(facts), ...ended(facts)].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}
