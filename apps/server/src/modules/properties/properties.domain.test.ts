import { describe, expect, it } from 'vitest';
import { findDuplicateLabel } from './properties.domain.ts';

describe('findDuplicateLabel', () => {
  it('finds the first repeat ignoring case and surrounding spaces', () => {
    expect(findDuplicateLabel(['1A', '2', ' 1a '])).toEqual({ index: 2, label: '1a' });
  });
  it('answers undefined when every label differs', () => {
    expect(findDuplicateLabel(['101', '102', '1O1'])).toBeUndefined();
    expect(findDuplicateLabel([])).toBeUndefined();
  });
});
