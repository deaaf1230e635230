/**
 * Maple's rent roll is written as of December 2025. Loaded as written, its leases would
 * age with the calendar: a year later every "current" lease shows as ended. So the demo
 * moves every lease date by the whole months between that month and this one, keeping
 * first-of-month starts and last-of-month ends, and the demo always looks as it was meant to.
 */
export const DEMO_RENT_ROLL_MONTH = '2025-12';

const LEASE_DATE_COLUMNS = ['lease_start', 'lease_end'];

/** Whole months from the rent roll's month to the month of `today` (YYYY-MM-DD). */
export function demoMonthShift(today: string): number {
  const [fromYear, fromMonth] = dateParts(`${DEMO_RENT_ROLL_MONTH}-01`);
  const [toYear, toMonth] = dateParts(today);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}

/** Year, month and day of a YYYY-MM-DD date. */
function dateParts(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A date `months` later; the last day of a month stays the last day, another day is kept or clamped. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = dateParts(isoDate);
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = (index % 12) + 1;
  const lastDay = daysInMonth(toYear, toMonth);
  const toDay = day === daysInMonth(year, month) ? lastDay : Math.min(day, lastDay);
  return `${pad(toYear, 4)}-${pad(toMonth)}-${pad(toDay)}`;
}

/** A date of the rent roll as the demo loaded on `today` holds it. */
export function demoLeaseDate(rentRollDate: string, today = new Date().toISOString().slice(0, 10)): string {
  return addMonths(rentRollDate, demoMonthShift(today));
}

/** The rent roll's CSV with its lease dates moved to `today`; every other byte is kept. */
export function currentDemoRentRoll(csv: string, today = new Date().toISOString().slice(0, 10)): string {
  const [headerLine = '', ...rows] = csv.split('\n');
  const header = headerLine.split(',');
  const dateColumns = LEASE_DATE_COLUMNS.map((name) => header.indexOf(name));
  if (dateColumns.includes(-1)) throw new Error(`The demo rent roll has no ${LEASE_DATE_COLUMNS.join(' or ')} column`);
  const shift = demoMonthShift(today);
  return [
    headerLine,
    ...rows.map((line) => {
      if (line.trim() === '') return line;
      if (line.includes('"')) throw new Error('The demo rent roll is read as plain comma-separated cells: no quotes');
      const cells = line.split(',');
      for (const column of dateColumns) if (cells[column]) cells[column] = addMonths(cells[column], shift);
      return cells.join(',');
    }),
  ].join('\n');
}
