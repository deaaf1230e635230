import { describe, expect, it } from 'vitest';
import {
  addBankingDays,
  addCalendarDays,
  bankingDayOnOrAfter,
  dayOfWeek,
  effectiveEntryDate,
  federalReserveHolidays,
  fileDayFor,
  isBankingDay,
  localDateIn,
  localTimeIn,
  nextBankingDay,
  previousBankingDay,
} from './banking-calendar.domain.ts';

describe('calendar days', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-03-08', 0)).toBe('2026-03-08');
  });

  it('is not moved by daylight saving (the US switch days are 23 and 25 hours long)', () => {
    expect(addCalendarDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addCalendarDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addCalendarDays('2026-11-01', 1)).toBe('2026-11-02');
  });

  it('names the weekday', () => {
    expect(dayOfWeek('2026-12-06')).toBe(0);
    expect(dayOfWeek('2026-12-07')).toBe(1);
    expect(dayOfWeek('2026-12-12')).toBe(6);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => isBankingDay('2026-1-5')).toThrow(/YYYY-MM-DD/);
    expect(() => addCalendarDays('12/07/2026', 1)).toThrow(/YYYY-MM-DD/);
  });
});

describe('banking days', () => {
  it('skips weekends', () => {
    expect(isBankingDay('2026-12-05')).toBe(false); // Saturday
    expect(isBankingDay('2026-12-06')).toBe(false); // Sunday
    expect(isBankingDay('2026-12-07')).toBe(true); // Monday
    expect(isBankingDay('2026-12-04')).toBe(true); // Friday
  });

  it('closes the Monday after a Sunday holiday: Christmas 2022', () => {
    expect(isBankingDay('2022-12-25')).toBe(false);
    expect(isBankingDay('2022-12-26')).toBe(false);
    expect(isBankingDay('2022-12-23')).toBe(true);
    expect(isBankingDay('2022-12-27')).toBe(true);
  });

  it('stays open the Friday before a Saturday holiday, unlike federal offices', () => {
    expect(isBankingDay('2021-12-31')).toBe(true); // New Year's Day 2022 was a Saturday
    expect(isBankingDay('2026-07-03')).toBe(true); // July 4 2026 is a Saturday
    expect(isBankingDay('2023-11-10')).toBe(true); // Veterans Day 2023 was a Saturday
    expect(isBankingDay('2023-11-13')).toBe(true); // and nothing moves to the Monday
  });

  it('closes on Juneteenth (since 2021), Independence Day, Thanksgiving, Columbus Day, Veterans Day', () => {
    expect(isBankingDay('2026-06-19')).toBe(false); // Friday
    expect(isBankingDay('2022-06-20')).toBe(false); // Juneteenth 2022 was a Sunday: Monday closed
    expect(isBankingDay('2020-06-19')).toBe(true); // not yet a holiday
    expect(isBankingDay('2025-07-04')).toBe(false);
    expect(isBankingDay('2026-11-26')).toBe(false); // Thanksgiving: fourth Thursday
    expect(isBankingDay('2026-11-27')).toBe(true); // the Friday after is a banking day
    expect(isBankingDay('2026-10-12')).toBe(false); // Columbus Day: second Monday of October
    expect(isBankingDay('2026-11-11')).toBe(false); // Veterans Day, a Wednesday
    expect(isBankingDay('2026-01-01')).toBe(false);
    expect(isBankingDay('2026-01-19')).toBe(false); // Martin Luther King, Jr. Day
    expect(isBankingDay('2026-02-16')).toBe(false); // Washington's Birthday
    expect(isBankingDay('2026-05-25')).toBe(false); // Memorial Day
    expect(isBankingDay('2026-09-07')).toBe(false); // Labor Day
    expect(isBankingDay('2026-12-25')).toBe(false);
  });

  it('lists eleven holidays a year and keeps one list per year', () => {
    expect(federalReserveHolidays(2026).size).toBe(11);
    expect(federalReserveHolidays(2026)).toBe(federalReserveHolidays(2026));
    expect(federalReserveHolidays(2023).has('2023-01-02')).toBe(true); // New Year's 2023 on a Sunday
  });

  it('finds the next banking day strictly after, over weekends and holidays', () => {
    expect(nextBankingDay('2026-12-07')).toBe('2026-12-08');
    expect(nextBankingDay('2026-12-04')).toBe('2026-12-07'); // Friday -> Monday
    expect(nextBankingDay('2022-12-23')).toBe('2022-12-27'); // over Christmas observed on Monday
    expect(nextBankingDay('2026-11-25')).toBe('2026-11-27'); // over Thanksgiving
    expect(nextBankingDay('2026-10-09')).toBe('2026-10-13'); // weekend + Columbus Day
    expect(nextBankingDay('2026-12-31')).toBe('2027-01-04'); // New Year's Day, then the weekend
  });

  it('finds the previous banking day strictly before', () => {
    expect(previousBankingDay('2026-12-07')).toBe('2026-12-04');
    expect(previousBankingDay('2022-12-27')).toBe('2022-12-23');
  });

  it('keeps a banking day, else moves on', () => {
    expect(bankingDayOnOrAfter('2026-12-07')).toBe('2026-12-07');
    expect(bankingDayOnOrAfter('2026-12-05')).toBe('2026-12-07');
    expect(bankingDayOnOrAfter('2026-07-03')).toBe('2026-07-03');
    expect(bankingDayOnOrAfter('2026-06-19')).toBe('2026-06-22');
  });

  it('adds banking days forward and back', () => {
    expect(addBankingDays('2026-12-07', 0)).toBe('2026-12-07');
    expect(addBankingDays('2026-12-05', 0)).toBe('2026-12-05');
    expect(addBankingDays('2026-12-05', 1)).toBe('2026-12-07'); // Saturday + 1 is Monday
    expect(addBankingDays('2026-12-03', 2)).toBe('2026-12-07');
    expect(addBankingDays('2026-12-23', 3)).toBe('2026-12-29'); // over Christmas Friday and the weekend
    expect(addBankingDays('2026-12-07', -1)).toBe('2026-12-04');
    expect(addBankingDays('2026-12-29', -3)).toBe('2026-12-23');
    expect(() => addBankingDays('2026-12-07', 1.5)).toThrow(/whole number/);
  });
});

describe('the company’s local date and time', () => {
  it('reads the date and time in the company’s zone', () => {
    const now = new Date('2027-01-01T04:30:00Z');
    expect(localDateIn(now, 'America/New_York')).toBe('2026-12-31');
    expect(localTimeIn(now, 'America/New_York')).toBe('23:30');
    expect(localDateIn(now, 'America/Los_Angeles')).toBe('2026-12-31');
    expect(localTimeIn(now, 'America/Los_Angeles')).toBe('20:30');
    expect(localDateIn(now, 'UTC')).toBe('2027-01-01');
    expect(localTimeIn(now, 'UTC')).toBe('04:30');
  });

  it('writes midnight as 00:00', () => {
    expect(localTimeIn(new Date('2026-12-07T05:00:00Z'), 'America/New_York')).toBe('00:00');
  });

  it('follows the spring-forward switch (2026-03-08, 2:00 becomes 3:00)', () => {
    // New York: EST (-5) until 07:00Z, then EDT (-4).
    expect(localTimeIn(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('01:59');
    expect(localTimeIn(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('03:00');
    // Los Angeles: PST (-8) until 10:00Z, then PDT (-7).
    expect(localTimeIn(new Date('2026-03-08T09:59:00Z'), 'America/Los_Angeles')).toBe('01:59');
    expect(localTimeIn(new Date('2026-03-08T10:00:00Z'), 'America/Los_Angeles')).toBe('03:00');
    // 19:45 in New York is 23:45Z once daylight time runs, 00:45Z the next day before.
    expect(localTimeIn(new Date('2026-03-09T23:45:00Z'), 'America/New_York')).toBe('19:45');
    expect(localTimeIn(new Date('2026-03-07T00:45:00Z'), 'America/New_York')).toBe('19:45');
  });

  it('follows the fall-back switch (2026-11-01, 2:00 becomes 1:00 again)', () => {
    expect(localTimeIn(new Date('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('01:30');
    expect(localTimeIn(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('01:30');
    expect(localTimeIn(new Date('2026-11-01T08:30:00Z'), 'America/Los_Angeles')).toBe('01:30');
    expect(localTimeIn(new Date('2026-11-01T09:30:00Z'), 'America/Los_Angeles')).toBe('01:30');
    expect(localDateIn(new Date('2026-11-02T04:59:00Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDateIn(new Date('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('2026-11-02');
  });
});

describe('file day and effective date', () => {
  const cutoff = '19:45';

  it('files today before the cutoff on a banking day', () => {
    // Monday 2026-12-07, 19:44 in New York (EST, -5) is 00:44Z on the 8th.
    expect(fileDayFor(new Date('2026-12-08T00:44:59Z'), 'America/New_York', cutoff)).toBe('2026-12-07');
  });

  it('files the next banking day from the cutoff minute on', () => {
    expect(fileDayFor(new Date('2026-12-08T00:45:00Z'), 'America/New_York', cutoff)).toBe('2026-12-08');
    // Friday 2026-12-04 after the cutoff: Monday's file.
    expect(fileDayFor(new Date('2026-12-05T01:00:00Z'), 'America/New_York', cutoff)).toBe('2026-12-07');
  });

  it('uses the company’s date, not UTC’s', () => {
    // 02:00Z Saturday is still Friday 18:00 in Los Angeles: Friday's file.
    expect(fileDayFor(new Date('2026-12-05T02:00:00Z'), 'America/Los_Angeles', cutoff)).toBe('2026-12-04');
    // The same instant is Friday 21:00 in New York: past the cutoff.
    expect(fileDayFor(new Date('2026-12-05T02:00:00Z'), 'America/New_York', cutoff)).toBe('2026-12-07');
  });

  it('files the next banking day on weekends and holidays, whatever the hour', () => {
    expect(fileDayFor(new Date('2026-12-05T15:00:00Z'), 'America/New_York', cutoff)).toBe('2026-12-07');
    expect(fileDayFor(new Date('2026-11-26T15:00:00Z'), 'America/New_York', cutoff)).toBe('2026-11-27');
    expect(fileDayFor(new Date('2022-12-26T15:00:00Z'), 'America/New_York', cutoff)).toBe('2022-12-27');
  });

  it('keeps the cutoff at 19:45 local across the spring-forward switch', () => {
    // Friday 2026-03-06, EST: the cutoff is 00:45Z.
    expect(fileDayFor(new Date('2026-03-07T00:44:00Z'), 'America/New_York', cutoff)).toBe('2026-03-06');
    // Monday 2026-03-09, EDT: the cutoff is 23:45Z, an hour earlier in UTC.
    expect(fileDayFor(new Date('2026-03-09T23:44:00Z'), 'America/New_York', cutoff)).toBe('2026-03-09');
    expect(fileDayFor(new Date('2026-03-09T23:45:00Z'), 'America/New_York', cutoff)).toBe('2026-03-10');
    // Los Angeles, PDT (-7): 19:45 is 02:45Z the next day.
    expect(fileDayFor(new Date('2026-03-10T02:44:00Z'), 'America/Los_Angeles', cutoff)).toBe('2026-03-09');
    expect(fileDayFor(new Date('2026-03-10T02:45:00Z'), 'America/Los_Angeles', cutoff)).toBe('2026-03-10');
  });

  it('keeps the cutoff at 19:45 local across the fall-back switch', () => {
    // Monday 2026-11-02, EST again: the cutoff is 00:45Z on the 3rd.
    expect(fileDayFor(new Date('2026-11-03T00:44:00Z'), 'America/New_York', cutoff)).toBe('2026-11-02');
    expect(fileDayFor(new Date('2026-11-03T00:45:00Z'), 'America/New_York', cutoff)).toBe('2026-11-03');
    // Friday 2026-10-30, still PDT: 02:45Z on the 31st.
    expect(fileDayFor(new Date('2026-10-31T02:44:00Z'), 'America/Los_Angeles', cutoff)).toBe('2026-10-30');
    expect(fileDayFor(new Date('2026-10-31T02:45:00Z'), 'America/Los_Angeles', cutoff)).toBe('2026-11-02');
  });

  it('refuses a cutoff that is not HH:MM', () => {
    expect(() => fileDayFor(new Date('2026-12-07T12:00:00Z'), 'America/New_York', '7:45')).toThrow(/HH:MM/);
    expect(() => fileDayFor(new Date('2026-12-07T12:00:00Z'), 'America/New_York', '24:00')).toThrow(/HH:MM/);
  });

  it('asks for settlement the next banking day after the file', () => {
    expect(effectiveEntryDate('2026-12-07')).toBe('2026-12-08');
    expect(effectiveEntryDate('2026-12-04')).toBe('2026-12-07');
    expect(effectiveEntryDate('2026-11-25')).toBe('2026-11-27');
    expect(effectiveEntryDate('2022-12-23')).toBe('2022-12-27');
    expect(effectiveEntryDate('2026-07-02')).toBe('2026-07-03');
  });
});
