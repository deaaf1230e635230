import { allForYear } from '@18f/us-federal-holidays';
import { calendarDateIn } from '../onboarding/lease-end.domain.ts';

/**
 * Banking days and the daily file's cutoff. ACH moves only on days the Federal Reserve is open: not weekends, not
 * its holidays. Its calendar differs from federal offices' in one way: a holiday on a Saturday is not observed on
 * the Friday before (the Fed stays open), while a Sunday holiday closes the Monday after.
 */

/**
 * A calendar date "YYYY-MM-DD", as the database hands dates back (`CalendarDate` in db/database.types.ts, which
 * domain code may not import). ISO dates compare correctly as strings.
 */
export type CalendarDate = string;

/** "HH:MM" on a 24-hour clock, e.g. the company's cutoff "19:45". */
export type ClockTime = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

function toUtcDate(date: CalendarDate): Date {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** Day arithmetic in UTC, where no day is 23 or 25 hours long. */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const moved = toUtcDate(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return toUtcDate(date).getUTCDay();
}

const holidaysByYear = new Map<number, ReadonlySet<CalendarDate>>();

/**
 * The Federal Reserve's closed weekdays for a year, computed once per year. With Saturday holidays left in place
 * and Sunday ones moved forward, every observed date stays in its own year (Dec 25 on a Sunday closes Dec 26), so
 * a year's list is complete on its own.
 */
export function federalReserveHolidays(year: number): ReadonlySet<CalendarDate> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = new Set(allForYear(year, { shiftSaturdayHolidays: false, shiftSundayHolidays: true }).map((holiday) => holiday.dateString));
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

export function isBankingDay(date: CalendarDate): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return false;
  return !federalReserveHolidays(Number(date.slice(0, 4))).has(date);
}

/** The first banking day strictly after `date`. */
export function nextBankingDay(date: CalendarDate): CalendarDate {
  let day = addCalendarDays(date, 1);
  while (!isBankingDay(day)) day = addCalendarDays(day, 1);
  return day;
}

/** The first banking day strictly before `date`. */
export function previousBankingDay(date: CalendarDate): CalendarDate {
  let day = addCalendarDays(date, -1);
  while (!isBankingDay(day)) day = addCalendarDays(day, -1);
  return day;
}

/** `date` itself when the banks are open, else the next banking day. */
export function bankingDayOnOrAfter(date: CalendarDate): CalendarDate {
  return isBankingDay(date) ? date : nextBankingDay(date);
}

/**
 * `n` banking days after `date` (before it when `n` is negative), counting from `date` whether or not it is a
 * banking day itself: Saturday + 1 is Monday. `n` = 0 gives `date` back unchanged.
 */
export function addBankingDays(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new Error(`A whole number of banking days, not ${n}`);
  let day = date;
  for (let step = 0; step < Math.abs(n); step += 1) day = n > 0 ? nextBankingDay(day) : previousBankingDay(day);
  return day;
}

/** The calendar date it is at `now` in `timezone` (the company's day, not the server's). */
export function localDateIn(now: Date, timezone: string): CalendarDate {
  return calendarDateIn(timezone, now);
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock time "HH:MM" at `now` in `timezone`. Intl applies the zone's offset at that instant, so daylight
 * saving is handled; `h23` keeps midnight "00:00" where some engines would write "24:00".
 */
export function localTimeIn(now: Date, timezone: string): ClockTime {
  let format = clockFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormats.set(timezone, format);
  }
  const parts = format.formatToParts(now);
  const part = (type: 'hour' | 'minute') => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}`;
}

/**
 * The banking day whose file a payment asked for at `now` goes into: today (the company's today) while it is a
 * banking day and the clock is before the cutoff, else the next banking day. At the cutoff minute itself the file
 * is being built, so it is already too late.
 */
export function fileDayFor(now: Date, timezone: string, cutoff: ClockTime): CalendarDate {
  if (!CLOCK_PATTERN.test(cutoff)) throw new Error(`A cutoff is "HH:MM", not ${cutoff}`);
  const today = localDateIn(now, timezone);
  if (isBankingDay(today) && localTimeIn(now, timezone) < cutoff) return today;
  return nextBankingDay(today);
}

/**
 * The Effective Entry Date a file asks for: the next banking day after the file goes out (a next-day debit; the
 * bank settles it that day).
 */
export function effectiveEntryDate(fileDay: CalendarDate): CalendarDate {
  return nextBankingDay(fileDay);
}
