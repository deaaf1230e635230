import { describe, expect, it } from 'vitest';
import type { ResidentStatus } from '../../db/database.types.ts';
import { canTransition, firstStatus, nextStatus, type ResidentAction, statusesAllowing, TransitionRefused } from './resident-status.domain.ts';

const STATUSES: ResidentStatus[] = ['waiting', 'invited', 'pending', 'approved', 'current', 'finished', 'declined'];
const ACTIONS: ResidentAction[] = ['invite', 'accept', 'accept_for_review', 'approve', 'decline', 'delete', 'finish', 'edit', 'fold', 'merge', 'end_lease'];

// Every allowed transition; everything else is refused.
const EXPECTED: Record<string, ResidentStatus> = {
  'waiting invite': 'invited',
  'invited invite': 'invited',
  'invited accept': 'approved',
  'invited accept_for_review': 'pending',
  'pending approve': 'approved',
  'pending decline': 'declined',
  'invited delete': 'invited',
  'pending delete': 'pending',
  'waiting finish': 'finished',
  'invited finish': 'finished',
  'pending finish': 'finished',
  'approved finish': 'finished',
  'current finish': 'finished',
  'approved edit': 'approved',
  'current edit': 'current',
  'waiting fold': 'waiting',
  'invited fold': 'invited',
  'waiting merge': 'waiting',
  'invited merge': 'invited',
  'pending merge': 'pending',
  'approved merge': 'approved',
  'current merge': 'current',
  'approved end_lease': 'finished',
  'current end_lease': 'finished',
};

describe('resident state machine', () => {
  for (const from of STATUSES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[`${from} ${action}`];
      it(`${action} from ${from}: ${expected ? `-> ${expected}` : 'refused'}`, () => {
        expect(canTransition(from, action)).toBe(expected !== undefined);
        if (expected) expect(nextStatus(from, action)).toBe(expected);
        else expect(() => nextStatus(from, action)).toThrow(TransitionRefused);
      });
    }
  }

  it('says why an approved resident cannot be deleted', () => {
    expect(() => nextStatus('approved', 'delete')).toThrow(/end the lease/);
  });

  it('says why a pending resident’s lease cannot be ended', () => {
    expect(() => nextStatus('pending', 'end_lease')).toThrow(/delete an invited or pending resident instead/);
  });
});

describe('resident state machine: first status and guards', () => {
  it('starts a stated residency pending, a landlord invitation invited, a resident of the books waiting', () => {
    expect(firstStatus('portal_signup')).toBe('pending');
    expect(firstStatus('landlord_invite')).toBe('invited');
    expect(firstStatus('accounting_invite')).toBe('waiting');
  });

  for (const action of ACTIONS) {
    it(`${action} may start from exactly the statuses it allows`, () => {
      const expected = STATUSES.filter((from) => EXPECTED[`${from} ${action}`] !== undefined);
      expect([...statusesAllowing(action)].sort()).toEqual([...expected].sort());
    });
  }

  it('guards a delete by the statuses before approval, and a fold by the unclaimed ones', () => {
    expect([...statusesAllowing('delete')].sort()).toEqual(['invited', 'pending']);
    expect([...statusesAllowing('fold')].sort()).toEqual(['invited', 'waiting']);
  });
});
