/**
 * When an ended lease takes effect. Lease dates are calendar dates in the company's time zone, so "today" is
 * the company's, not the server's: a lease ending on the 31st in Honolulu is still running when it is already
 * the 1st in UTC.
 */

/** The calendar date ("YYYY-MM-DD") it is at `now` in `timeZone`. */
export function calendarDateIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: 'year' | 'month' | 'day') => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The resident is finished from their lease's last day on: an end date of today or earlier takes effect at
 * once, a later one is scheduled. (ISO calendar dates compare as strings.)
 */
export function endsAtOnce(endDate: string, today: string): boolean {
  return endDate <= today;
}

/** Why an end date cannot be taken, or null: a lease cannot end before it started. */
export function endDateProblem(endDate: string, leaseStart: string | null): string | null {
  if (leaseStart && endDate < leaseStart) return `The end date cannot be before the lease started (${leaseStart})`;
  return null;
}

/**
 * A lease past its end date while the resident still reads as approved: shown as ended, never as a plain
 * "approved". Month-to-month leases and finished residents never expire this way.
 */
export function leaseExpired(lease: { status: string; leaseEnd: string | null; monthToMonth: boolean }, today: string): boolean {
  if (lease.status !== 'approved' && lease.status !== 'current') return false;
  return !lease.monthToMonth && lease.leaseEnd !== null && lease.leaseEnd < today;
}
