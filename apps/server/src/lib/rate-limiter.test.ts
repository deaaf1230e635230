import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows up to the limit in a window, then answers the seconds until it ends', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 }, () => now);
    expect(limiter.check('a')).toBeNull();
    limiter.hit('a');
    limiter.hit('a');
    expect(limiter.check('a')).toBe(60);
    now += 45_500;
    expect(limiter.check('a')).toBe(15);
    expect(limiter.check('b')).toBeNull();
    now += 15_000;
    expect(limiter.check('a')).toBeNull();
  });

  it('forgets a key on reset', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    limiter.hit('x');
    expect(limiter.check('x')).not.toBeNull();
    limiter.reset('x');
    expect(limiter.check('x')).toBeNull();
  });
});
