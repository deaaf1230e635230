/** Form checks shared by every form that states a lease: the sign-up, manual approval and direct invitation. */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type LeaseFormValues = { rent: number | string; leaseStart: string; leaseEnd: string; monthToMonth: boolean };

export function validateRent(value: number | string): string | null {
  const amount = typeof value === 'number' ? value : Number(value);
  if (value === '' || !Number.isFinite(amount) || amount <= 0) return 'Enter the monthly rent';
  if (amount > 1_000_000) return 'Enter the monthly rent in dollars';
  return null;
}

export function validateLeaseStart(value: string): string | null {
  return DAY.test(value) ? null : 'Enter the date the lease starts';
}

export function validateLeaseEnd(value: string, values: { leaseStart: string; monthToMonth: boolean }): string | null {
  if (values.monthToMonth) return null;
  if (!DAY.test(value)) return 'Enter the date the lease ends, or tick Month-to-month';
  if (DAY.test(values.leaseStart) && value < values.leaseStart) return 'The lease cannot end before it starts';
  return null;
}

export function validateDueDay(value: number | string): string | null {
  const day = Number(value);
  return Number.isInteger(day) && day >= 1 && day <= 28 ? null : 'Use a day from 1 to 28';
}

export const leaseValidators = {
  rent: validateRent,
  leaseStart: validateLeaseStart,
  leaseEnd: validateLeaseEnd,
};

/** The API's field names for errors it sends back ("rentCents" is the form's "rent"). */
export const leaseFieldMap = (path: string) => (path === 'rentCents' ? 'rent' : path);
