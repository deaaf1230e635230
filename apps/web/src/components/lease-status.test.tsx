import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { approvedResident } from '../test/fixtures.ts';
import { renderWithProviders } from '../test/render.tsx';
import { LeaseEndNote, ResidentLeaseBadge } from './lease-status.tsx';

const ending = { endDate: '2027-01-31', reason: 'Moved out', scheduled: true, recordedAt: '2026-12-01T15:00:00.000Z', recordedBy: null };

function show(resident: ReturnType<typeof approvedResident>) {
  renderWithProviders(
    <>
      <ResidentLeaseBadge resident={resident} />
      <LeaseEndNote resident={resident} />
    </>,
  );
}

describe('a resident’s lease status', () => {
  it('shows an approved lease past its end date as ended, with the date, never as plain Approved', () => {
    show(approvedResident({ leaseEnd: '2025-12-31', leaseExpired: true }));
    expect(screen.getByTestId('resident-status')).toHaveTextContent('Lease ended');
    expect(screen.getByTestId('lease-end-note')).toHaveTextContent('Ended Dec 31, 2025; still approved: end the lease or renew it');
  });

  it('shows a finished resident’s recorded end date', () => {
    show(approvedResident({ status: 'finished', leaseEnd: '2026-11-30', leaseEnding: { ...ending, endDate: '2026-11-30', scheduled: false } }));
    expect(screen.getByTestId('resident-status')).toHaveTextContent('Lease ended');
    expect(screen.getByTestId('lease-end-note')).toHaveTextContent('Ended Nov 30, 2026');
  });

  it('keeps a scheduled end approved, saying when it ends', () => {
    show(approvedResident({ leaseEnd: '2027-01-31', leaseEnding: ending }));
    expect(screen.getByTestId('resident-status')).toHaveTextContent('Approved');
    expect(screen.getByTestId('lease-end-note')).toHaveTextContent('Lease ends Jan 31, 2027');
  });

  it('says nothing more for a running lease', () => {
    show(approvedResident({ leaseEnd: '2027-12-31' }));
    expect(screen.getByTestId('resident-status')).toHaveTextContent('Approved');
    expect(screen.queryByTestId('lease-end-note')).toBeNull();
  });
});
