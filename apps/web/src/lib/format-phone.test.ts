import { describe, expect, it } from 'vitest';
import { formatPhone } from './format.ts';

describe('formatPhone', () => {
  it('shows a North American number in national format', () => {
    expect(formatPhone('+16145550784')).toBe('(614) 555-0784');
    expect(formatPhone('+1 614 555 0142')).toBe('(614) 555-0142');
    expect(formatPhone('614-555-0125')).toBe('(614) 555-0125');
    expect(formatPhone('512 555 0142')).toBe('(512) 555-0142');
    expect(formatPhone('1 (614) 555-0000')).toBe('(614) 555-0000');
  });

  it('leaves another country’s number, or something unreadable, as stored', () => {
    expect(formatPhone('+442079460958')).toBe('+442079460958');
    expect(formatPhone('+4420794609')).toBe('+4420794609');
    expect(formatPhone('555-0100')).toBe('555-0100');
  });
});
