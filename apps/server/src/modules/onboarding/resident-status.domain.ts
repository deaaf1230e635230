import type { ResidentStatus } from '@rentledger/contracts';

/**
 * The resident state machine over RESIDENT_STATUSES (contracts). Every change of status goes
 * through `nextStatus`, so a refused transition has one wording everywhere.
 */
export type ResidentAction = 'invite' | 'accept' | 'approve' | 'decline' | 'delete' | 'finish' | 'edit' | 'fold';

const ALLOWED: Record<ResidentAction, Partial<Record<ResidentStatus, ResidentStatus>>> = {
  invite: { waiting: 'invited', invited: 'invited' },
  accept: { invited: 'approved' },
  approve: { pending: 'approved' },
  decline: { pending: 'declined' },
  // Delete only before the landlord has vouched for the lease: afterwards the lease is ended instead.
  delete: { invited: 'invited', pending: 'pending' },
  finish: { waiting: 'finished', invited: 'finished', pending: 'finished', approved: 'finished', current: 'finished' },
  edit: { approved: 'approved', current: 'current' },
  // An invited or waiting duplicate folded into the person who signed up.
  fold: { waiting: 'waiting', invited: 'invited' },
};

const REFUSALS: Partial<Record<ResidentAction, string>> = {
  approve: 'Only a resident pending review can be approved',
  decline: 'Only a resident pending review can be declined',
  delete: 'Only invited or pending residents can be deleted; end the lease of an approved resident instead',
  edit: 'Only approved residents can be edited',
  accept: 'This invitation is no longer open',
  fold: 'Only an invited or waiting resident can be merged into another',
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
