import { describe, expect, it } from 'vitest';
import type { ResidentStatus } from '../../db/database.types.ts';
import { canTransition, nextStatus, type ResidentAction, TransitionRefused } from './resident-status.domain.ts';

const STATUSES: ResidentStatus[] = ['waiting', 'invited', 'pending', 'approved', 'current', 'finished', 'declined'];
const ACTIONS: ResidentAction[] = ['invite', 'accept', 'approve', 'decline', 'delete', 'finish', 'edit', 'fold'];

// Every allowed transition; everything else is refused.
const EXPECTED: Record<string, ResidentStatus> = {
  'waiting invite': 'invited',
  'invited invite': 'invited',
  'invited accept': 'approved',
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
});
