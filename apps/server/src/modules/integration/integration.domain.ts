/** Pure rules of the accounting integration: which format a file is, and when a daily sync is due. */

/** XML (MITS) when the first meaningful character is "<", else a CSV rent roll. */
export function detectFormat(content: Buffer): 'csv' | 'mits' {
  const head = content.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<') ? 'mits' : 'csv';
}

/** The calendar date and hour now in a time zone. */
export function localDateAndHour(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** Due once a day, from the configured local hour on, until it has run that day. */
export function isScheduledSyncDue(
  company: { timezone: string; syncHour: number; lastScheduledSyncOn: string | null },
  now: Date,
): { due: boolean; localDate: string } {
  const { date, hour } = localDateAndHour(now, company.timezone);
  return { due: hour >= company.syncHour && company.lastScheduledSyncOn !== date, localDate: date };
}
