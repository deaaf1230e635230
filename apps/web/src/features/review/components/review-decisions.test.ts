import type { Candidate } from '@rentledger/contracts';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../lib/api-client.ts';
import { alreadyDecidedMessage, approvalDescription, manualBlockedReason, matchingCandidates, missingUnitRequest, noMatchDescription } from './review-decisions.ts';

const base = {
  score: 80,
  reasons: [],
  strong: false,
  firstName: 'Quinn',
  lastName: 'Harper',
  emails: [],
  phones: [],
  propertyName: 'Birch Street Flats',
  unitId: null,
  unitLabel: '3',
  rentCents: null,
  leaseStart: null,
  leaseEnd: null,
  balanceCents: null,
  status: 'current',
  invitationSentAt: null,
} satisfies Omit<Candidate, 'kind' | 'id' | 'accountingResidentId'>;
const record = (id: string, accountingResidentId: string | null): Candidate => ({ ...base, kind: 'accounting_record', id, accountingResidentId });
const resident = (id: string, accountingResidentId: string | null, invitationSentAt: string | null = '2026-01-05T10:00:00.000Z'): Candidate => ({
  ...base,
  kind: 'resident',
  id,
  accountingResidentId,
  invitationSentAt,
});

describe('matchingCandidates', () => {
  test('a resident a sync invited from a record is shown as that record', () => {
    const { shown, alsoInvited } = matchingCandidates([record('r1', 't1'), resident('p1', 't1'), resident('p2', 't2'), resident('p3', null)]);
    expect(shown.map((candidate) => candidate.id)).toEqual(['r1', 'p2', 'p3']);
    expect([...alsoInvited]).toEqual(['t1']);
  });

  test('a waiting resident (never sent an invitation) is folded into its record but not called invited', () => {
    const { shown, alsoInvited } = matchingCandidates([record('r1', 't1'), resident('p1', 't1', null)]);
    expect(shown.map((candidate) => candidate.id)).toEqual(['r1']);
    expect([...alsoInvited]).toEqual([]);
  });

  test('with no record, every resident shows', () => {
    expect(matchingCandidates([resident('p1', 't1')]).shown).toHaveLength(1);
  });
});

describe('what the review offers', () => {
  test('integrated companies may refresh their books; the others enter the lease', () => {
    expect(approvalDescription('choose', true)).toBe('Refresh your books and match again, or enter the lease yourself.');
    expect(approvalDescription('choose', false)).toBe('Enter the lease yourself.');
    expect(approvalDescription('sync', true)).toBe('Synchronize with accounting system');
    expect(approvalDescription('manual', false)).toBe('Approve manually');
  });

  test('manual approval needs a unit', () => {
    expect(manualBlockedReason({ firstName: 'Quinn' }, null)).toBe('Choose Quinn’s unit above first (or ask support to add it).');
    expect(manualBlockedReason({ firstName: 'Quinn' }, 'u1')).toBeNull();
  });

  test('no match: where RentLedger looked depends on the integration', () => {
    const pending = { firstName: 'Quinn', lastName: 'Harper', unitLabel: null } as Parameters<typeof noMatchDescription>[0];
    expect(noMatchDescription({ ...pending, companyIntegrated: true })).toBe(
      'Nobody in your books at this property looks like Quinn Harper. Synchronize with your accounting system, or approve manually.',
    );
    expect(noMatchDescription({ ...pending, companyIntegrated: false, unitLabel: '3' })).toBe('Nobody in RentLedger at unit 3 looks like Quinn Harper. Check the lease and approve manually.');
  });

  test('a missing property asks support for the property, a missing unit for the unit', () => {
    const signup = { firstName: 'Quinn', lastName: 'Harper', email: null, propertyName: null, statedUnitText: '3B' } as Parameters<typeof missingUnitRequest>[0];
    expect(missingUnitRequest({ ...signup, propertyId: null }, undefined)).toEqual({
      kind: 'missing_property',
      message: 'Please add the property Quinn Harper signed up for, so I can approve them. They told us: unit “3B”.',
    });
    expect(missingUnitRequest({ ...signup, propertyId: 'p1', propertyName: 'Birch Street Flats' }, undefined).kind).toBe('missing_unit');
  });
});

describe('alreadyDecidedMessage', () => {
  test('409 already_decided names who acted first, with a readable time', () => {
    const error = new ApiError({ status: 409, code: 'already_decided', message: 'Already approved by Morgan Ellis at 2026-05-05T09:30:00.000Z' });
    expect(alreadyDecidedMessage(error)).toMatch(/^Already approved by Morgan Ellis at [A-Z][a-z]{2} \d{1,2}, 2026/);
  });

  test('any other failure is not a conflict', () => {
    expect(alreadyDecidedMessage(new ApiError({ status: 409, code: 'accounting_id_taken', message: 'Taken' }))).toBeNull();
    expect(alreadyDecidedMessage(new Error('offline'))).toBeNull();
  });
});
