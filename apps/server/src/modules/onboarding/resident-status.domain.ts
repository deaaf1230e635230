import type { RESIDENT_SOURCES, ResidentStatus } from '@rentledger/contracts';

type ResidentSource = (typeof RESIDENT_SOURCES)[number];

/**
 * The resident state machine over RESIDENT_STATUSES (contracts). Every change of status goes
 * through `nextStatus`, so a refused transition has one wording everywhere; a new resident's first
 * status comes from `firstStatus`.
 */
export type ResidentAction = 'invite' | 'accept' | 'accept_for_review' | 'approve' | 'decline' | 'delete' | 'finish' | 'edit' | 'fold' | 'merge' | 'end_lease';

/** Where `finish` leads from every status it allows: a set-based UPDATE of many residents writes it at once. */
export const FINISHED = 'finished' satisfies ResidentStatus;

const ALLOWED: Record<ResidentAction, Partial<Record<ResidentStatus, ResidentStatus>>> = {
  invite: { waiting: 'invited', invited: 'invited' },
  // Accepting an invitation whose ledger vouches for the lease approves it; one lacking a unit, rent or start date
  // waits for the landlord's review.
  accept: { invited: 'approved' },
  accept_for_review: { invited: 'pending' },
  approve: { pending: 'approved' },
  decline: { pending: 'declined' },
  // Delete only before the landlord has vouched for the lease: afterwards the lease is ended instead.
  delete: { invited: 'invited', pending: 'pending' },
  finish: { waiting: FINISHED, invited: FINISHED, pending: FINISHED, approved: FINISHED, current: FINISHED },
  edit: { approved: 'approved', current: 'current' },
  // An invited or waiting duplicate folded into the person who signed up.
  fold: { waiting: 'waiting', invited: 'invited' },
  // The live holder of an accounting ID merged into the resident the landlord says is the same person.
  merge: { waiting: 'waiting', invited: 'invited', pending: 'pending', approved: 'approved', current: 'current' },
  // The landlord ends a lease they vouched for ("End lease"): at once, or on its end date by the lease-end-due job.
  end_lease: { approved: FINISHED, current: FINISHED },
};

const REFUSALS: Partial<Record<ResidentAction, string>> = {
  approve: 'Only a resident pending review can be approved',
  decline: 'Only a resident pending review can be declined',
  delete: 'Only invited or pending residents can be deleted; end the lease of an approved resident instead',
  edit: 'Only approved residents can be edited',
  accept: 'This invitation is no longer open',
  accept_for_review: 'This invitation is no longer open',
  fold: 'Only an invited or waiting resident can be merged into another',
  merge: 'Only a live resident can be merged into another',
  end_lease: 'Only an approved resident’s lease can be ended; delete an invited or pending resident instead',
};

/**
 * The status a resident starts in, by how they came: a stated residency waits for review, a landlord's
 * invitation is open, a resident of the books waits for an email (and is then invited).
 */
const FIRST: Record<ResidentSource, ResidentStatus> = {
  portal_signup: 'pending',
  landlord_invite: 'invited',
  accounting_invite: 'waiting',
};

export class TransitionRefused extends Error {
  constructor(
    readonly action: ResidentAction,
    readonly from: ResidentStatus,
  ) {
    super(REFUSALS[action] ?? `A ${from} resident cannot be changed this way (${action})`);
  }
}

export function canTransition(from: ResidentStatus, action: ResidentAction): boolean {
  return ALLOWED[action][from] !== undefined;
}

export function nextStatus(from: ResidentStatus, action: ResidentAction): ResidentStatus {
  const to = ALLOWED[action][from];
  if (!to) throw new TransitionRefused(action, from);
  return to;
}

export function firstStatus(source: ResidentSource): ResidentStatus {
  return FIRST[source];
}

/** The statuses an action may start from: the guard of an UPDATE that acts on any of them. */
export function statusesAllowing(action: ResidentAction): ResidentStatus[] {
  return Object.keys(ALLOWED[action]) as ResidentStatus[];
}
