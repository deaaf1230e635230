import { describe, expect, it } from 'vitest';
import { planResidents, type RecordSnapshot, type ResidentSnapshot, staffEmailReason } from './sync.domain.ts';

const record: RecordSnapshot = {
  id: 'rec-1',
  accountingResidentId: 't001',
  propertyId: 'p1',
  unitId: 'u1',
  firstName: 'Ann',
  lastName: 'Lee',
  emails: ['ann@example.com'],
  phones: ['614-555-0100'],
  leaseStart: '2025-01-01',
  leaseEnd: '2025-12-31',
  rentCents: 120000,
  balanceCents: 0,
  status: 'current',
};

function resident(overrides: Partial<ResidentSnapshot>): ResidentSnapshot {
  return {
    id: 'res-1',
    status: 'invited',
    deleted: false,
    propertyId: 'p1',
    unitId: 'u1',
    firstName: 'Ann',
    lastName: 'Lee',
    email: 'ann@example.com',
    phone: '614-555-0100',
    rentCents: 120000,
    leaseStart: '2025-01-01',
    leaseEnd: '2025-12-31',
    monthToMonth: false,
    balanceCents: 0,
    ...overrides,
  };
}

describe('planResidents', () => {
  it('invites a new current resident with an email, and waits for one without', () => {
    expect(planResidents(record, [])).toMatchObject([{ kind: 'create', status: 'invited', fields: { email: 'ann@example.com' } }]);
    expect(planResidents({ ...record, emails: [] }, [])).toMatchObject([{ kind: 'create', status: 'waiting', fields: { email: null } }]);
    expect(planResidents({ ...record, status: 'future' }, [])).toMatchObject([{ kind: 'create', status: 'invited' }]);
  });

  it('changes nothing when the ledger matches', () => {
    expect(planResidents(record, [resident({})])).toEqual([]);
    expect(planResidents(record, [resident({ status: 'approved' })])).toEqual([]);
  });

  it('updates rent, dates and balance of an approved resident, with before and after', () => {
    const plans = planResidents({ ...record, rentCents: 125000, balanceCents: 5000 }, [resident({ status: 'approved' })]);
    expect(plans).toEqual([
      { kind: 'update', residentId: 'res-1', before: { rentCents: 120000, balanceCents: 0 }, after: { rentCents: 125000, balanceCents: 5000 }, invite: false },
    ]);
  });

  it('keeps a verified rent when the ledger has none, and turns an open-ended lease month-to-month', () => {
    const plans = planResidents({ ...record, rentCents: null, leaseEnd: null }, [resident({ status: 'approved' })]);
    expect(plans).toEqual([
      { kind: 'update', residentId: 'res-1', before: { leaseEnd: '2025-12-31', monthToMonth: false }, after: { leaseEnd: null, monthToMonth: true }, invite: false },
    ]);
  });

  it('invites a waiting resident once an email arrives', () => {
    const plans = planResidents(record, [resident({ status: 'waiting', email: null })]);
    expect(plans).toMatchObject([{ kind: 'update', after: { email: 'ann@example.com', status: 'invited' }, invite: true }]);
  });

  it('finishes live residents whose record turned past, revoking an open invitation', () => {
    expect(planResidents({ ...record, status: 'past' }, [resident({ status: 'approved' })])).toEqual([
      { kind: 'finish', residentId: 'res-1', before: { status: 'approved' }, revokeInvitation: false },
    ]);
    expect(planResidents({ ...record, status: 'past' }, [resident({})])).toMatchObject([{ kind: 'finish', revokeInvitation: true }]);
    expect(planResidents({ ...record, status: 'past' }, [])).toEqual([]);
  });

  it('does not bring back a deleted or finished resident', () => {
    expect(planResidents(record, [resident({ deleted: true })])).toEqual([]);
    expect(planResidents(record, [resident({ status: 'finished' })])).toEqual([]);
  });
});

describe('staff emails after a run', () => {
  const quiet = { created: 0, updated: 0, finished: 0, errors: 0 };
  const none = { pendingReview: 0, waitingForEmail: 0 };
  it('emails when the run failed or has row errors', () => {
    expect(staffEmailReason({ succeeded: false, counts: quiet, open: none })).toBe('failed');
    expect(staffEmailReason({ succeeded: true, counts: { ...quiet, errors: 2 }, open: none })).toBe('row_errors');
  });
  it('emails when the run changed residents and left some pending review or waiting for an email', () => {
    expect(staffEmailReason({ succeeded: true, counts: { ...quiet, created: 5 }, open: { pendingReview: 0, waitingForEmail: 4 } })).toBe('residents_to_handle');
    expect(staffEmailReason({ succeeded: true, counts: { ...quiet, updated: 1 }, open: { pendingReview: 2, waitingForEmail: 0 } })).toBe('residents_to_handle');
  });
  it('stays quiet for a run that changed nothing, or left nothing to do', () => {
    expect(staffEmailReason({ succeeded: true, counts: quiet, open: { pendingReview: 3, waitingForEmail: 4 } })).toBeNull();
    expect(staffEmailReason({ succeeded: true, counts: { ...quiet, created: 9, updated: 2 }, open: none })).toBeNull();
  });
});
