import { describe, expect, it } from 'vitest';
import { nachaDate, nachaTime } from './index.ts';

describe('NACHA dates and times', () => {
  it('change ISO notation to YYMMDD and HHMM', () => {
    expect(nachaDate('2026-12-08')).toBe('261208');
    expect(nachaTime('19:45')).toBe('1945');
    expect(nachaTime('00:10:59.123')).toBe('0010');
  });

  it('refuse anything else', () => {
    expect(() => nachaDate('12/08/2026')).toThrow(RangeError);
    expect(() => nachaTime('7:45')).toThrow(RangeError);
  });
});
