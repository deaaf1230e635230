import { describe, expect, it } from 'vitest';
import { type ApprovalFacts, approvalWarnings, leasesOverlap } from './approval-warnings.domain.ts';

const facts = (change: Partial<ApprovalFacts> = {}): ApprovalFacts => ({
  entered: { unitId: 'u1', unitLabel: '3', rentCents: 120_000, leaseStart: '2026-01-01', leaseEnd: '2026-12-31' },
  stated: { unitId: 'u1', unitLabel: '3', rentCents: 120_000, leaseStart: '2026-01-01', leaseEnd: '2026-12-31' },
  residentsOfUnit: [],
  today: '2026-06-01',
  ...change,
});

describe('approval warnings', () => {
  it('has nothing to say when the entered lease is what the resident stated, current, and the unit is free', () => {
    expect(approvalWarnings(facts())).toEqual([]);
  });

  it('warns when the unit has an approved resident on overlapping dates, naming them', () => {
    const other = { id: 'r2', name: 'Ann Lee', leaseStart: '2025-06-01', leaseEnd: '2026-02-28' };
    const [warning] = approvalWarnings(facts({ residentsOfUnit: [other] }));
    expect(warning).toMatchObject({ code: 'unit_occupied', field: 'unitId', residents: [other] });
    expect(warning?.message).toBe('Unit 3 already has an approved resident on overlapping dates: Ann Lee (2025-06-01 to 2026-02-28)');
  });

  it('says nothing of a resident whose lease ended before this one starts', () => {
    expect(approvalWarnings(facts({ residentsOfUnit: [{ id: 'r2', name: 'Ann Lee', leaseStart: '2025-01-01', leaseEnd: '2025-12-31' }] }))).toEqual([]);
  });

  it('treats month-to-month as open-ended on both sides', () => {
    expect(leasesOverlap({ leaseStart: '2020-01-01', leaseEnd: null }, { leaseStart: '2030-01-01', leaseEnd: '2030-02-01' })).toBe(true);
    expect(leasesOverlap({ leaseStart: '2031-01-01', leaseEnd: null }, { leaseStart: '2030-01-01', leaseEnd: '2030-02-01' })).toBe(false);
    expect(leasesOverlap({ leaseStart: '2030-02-01', leaseEnd: null }, { leaseStart: '2030-01-01', leaseEnd: '2030-02-01' })).toBe(true);
  });

  it('warns when the lease already ended, and not when it ends today', () => {
    expect(approvalWarnings(facts({ entered: { ...facts().entered, leaseEnd: '2026-05-31' }, stated: { ...facts().stated, leaseEnd: '2026-05-31' } }))).toEqual([
      { code: 'lease_ended', field: 'leaseEnd', message: 'This lease already ended on 2026-05-31' },
    ]);
    expect(approvalWarnings(facts({ today: '2026-12-31' }))).toEqual([]);
  });

  it('shows each stated value beside the entered one, in the order of the form', () => {
    const warnings = approvalWarnings(
      facts({ entered: { unitId: 'u2', unitLabel: '4', rentCents: 125_000, leaseStart: '2026-02-01', leaseEnd: null } }),
    );
    expect(warnings.map((w) => [w.field, w.stated, w.entered])).toEqual([
      ['unitId', '3', '4'],
      ['rentCents', 120_000, 125_000],
      ['leaseStart', '2026-01-01', '2026-02-01'],
      ['leaseEnd', '2026-12-31', null],
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      'Unit: the resident said unit 3, you entered unit 4',
      'Monthly rent: the resident said $1,200.00, you entered $1,250.00',
      'Lease start: the resident said 2026-01-01, you entered 2026-02-01',
      'Lease end: the resident said 2026-12-31, you entered month-to-month',
    ]);
  });

  it('compares nothing the resident did not state: a typed unit, no rent, no lease', () => {
    const stated = { unitId: null, unitLabel: null, rentCents: null, leaseStart: null, leaseEnd: null };
    expect(approvalWarnings(facts({ stated }))).toEqual([]);
  });
});
