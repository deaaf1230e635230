import { describe, expect, it } from 'vitest';
import { detectFormat, isScheduledSyncDue, localDateAndHour } from './integration.domain.ts';

describe('detectFormat', () => {
  it('tells XML from CSV, past a BOM and blank lines', () => {
    expect(detectFormat(Buffer.from('\uFEFF\n  <?xml version="1.0"?><ResidentTransactions/>'))).toBe('mits');
    expect(detectFormat(Buffer.from('property_code,unit\nmc01,101\n'))).toBe('csv');
  });
});

describe('scheduled sync', () => {
  const company = { timezone: 'America/Chicago', syncHour: 2, lastScheduledSyncOn: null };

  it('reads the local date and hour of a time zone', () => {
    expect(localDateAndHour(new Date('2026-03-10T07:30:00Z'), 'America/Chicago')).toEqual({ date: '2026-03-10', hour: 2 });
    expect(localDateAndHour(new Date('2026-03-10T03:30:00Z'), 'America/Chicago')).toEqual({ date: '2026-03-09', hour: 22 });
  });

  it('is due from the local hour on, once a day', () => {
    expect(isScheduledSyncDue(company, new Date('2026-03-10T06:59:00Z')).due).toBe(false);
    expect(isScheduledSyncDue(company, new Date('2026-03-10T07:00:00Z'))).toEqual({ due: true, localDate: '2026-03-10' });
    expect(isScheduledSyncDue({ ...company, lastScheduledSyncOn: '2026-03-10' }, new Date('2026-03-10T12:00:00Z')).due).toBe(false);
  });
});
