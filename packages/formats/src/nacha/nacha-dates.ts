// NACHA dates are YYMMDD and times HHMM, in the company's time zone: the caller converts its clock to a
// local calendar date and time (so this stays free of clocks and zones) and these only change the notation.

/** "2026-12-08" to "261208". */
export function nachaDate(isoDate: string): string {
  const match = /^\d\d(\d\d)-(\d\d)-(\d\d)$/.exec(isoDate);
  if (!match) throw new RangeError(`expected a YYYY-MM-DD date: "${isoDate}"`);
  return `${match[1]}${match[2]}${match[3]}`;
}

/** "19:45" (or "19:45:30") to "1945". */
export function nachaTime(isoTime: string): string {
  const match = /^(\d\d):(\d\d)(:\d\d(\.\d+)?)?$/.exec(isoTime);
  if (!match) throw new RangeError(`expected an HH:MM time: "${isoTime}"`);
  return `${match[1]}${match[2]}`;
}
