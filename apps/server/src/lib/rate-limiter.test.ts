import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore, createRateLimiter, createRateLimiters } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows up to the limit in a window, then answers the seconds until it ends', async () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 }, { now: () => now });
    expect(await limiter.check('a')).toBeNull();
    await limiter.hit('a');
    await limiter.hit('a');
    expect(await limiter.check('a')).toBe(60);
    now += 45_500;
    expect(await limiter.check('a')).toBe(15);
    expect(await limiter.check('b')).toBeNull();
    now += 15_000;
    expect(await limiter.check('a')).toBeNull();
  });

  it('forgets a key on reset', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    await limiter.hit('x');
    expect(await limiter.check('x')).not.toBeNull();
    await limiter.reset('x');
    expect(await limiter.check('x')).toBeNull();
  });

  it('is a fixed window: hits late in a window do not extend it, and the next hit after it opens a new one', async () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 10_000 }, { now: () => now });
    await limiter.hit('k');
    now = 9_000;
    await limiter.hit('k');
    await limiter.hit('k');
    expect(await limiter.check('k')).toBe(1);
    now = 10_000;
    expect(await limiter.check('k')).toBeNull();
    await limiter.hit('k');
    expect(await limiter.check('k')).toBeNull();
    now = 19_999;
    await limiter.hit('k');
    await limiter.hit('k');
    expect(await limiter.check('k')).toBe(1);
  });

  it('answers Retry-After from a hit past the limit: concurrent attempts that all passed check', async () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 }, { now: () => 0 });
    const passed = await Promise.all([1, 2, 3].map(() => limiter.check('burst')));
    expect(passed).toEqual([null, null, null]);
    expect(await Promise.all([1, 2, 3].map(() => limiter.hit('burst')))).toEqual([null, null, 60]);
  });
});

describe('createRateLimiters', () => {
  it('keeps each scope apart on one store, and stores keys hashed', async () => {
    const store = createMemoryRateLimitStore();
    const limiter = createRateLimiters(store, { now: () => 0 });
    const strict = limiter('strict', { limit: 1, windowMs: 60_000 });
    const lax = limiter('lax', { limit: 5, windowMs: 60_000 });
    await strict.hit('someone@example.com');
    await lax.hit('someone@example.com');
    expect(await strict.check('someone@example.com')).toBe(60);
    expect(await lax.check('someone@example.com')).toBeNull();
    expect(await store.read('strict', 'someone@example.com', 0)).toBeUndefined();
  });

  it('sweeps ended windows on a hit, at most once per interval', async () => {
    let now = 0;
    const store = createMemoryRateLimitStore();
    const limiter = createRateLimiters(store, { now: () => now, sweepEveryMs: 60_000 })('s', { limit: 10, windowMs: 1000 });
    for (const key of ['a', 'b', 'c']) await limiter.hit(key);
    now = 30_000;
    await limiter.hit('d');
    expect(store.size()).toBe(4);
    now = 60_000;
    await limiter.hit('e');
    expect(store.size()).toBe(1);
  });

  it('a failing sweep does not fail the hit', async () => {
    let now = 0;
    const store = { ...createMemoryRateLimitStore(), sweep: async () => Promise.reject(new Error('connection lost')) };
    const limiter = createRateLimiters(store, { now: () => now })('s', { limit: 1, windowMs: 1000 });
    now = 120_000;
    await expect(limiter.hit('a')).resolves.toBeNull();
  });
});
