import { createHash } from 'node:crypto';

/**
 * Fixed-window counters per key, kept in a store: PostgreSQL in a server
 * (modules/auth/rate-limit.repository.ts, wired in composition.ts), so every
 * server process on one database counts the same attempts; memory for unit
 * tests of these rules. A window opens at a key's first hit and lasts
 * windowMs; up to `limit` hits fit in it.
 */
export type RateLimit = { limit: number; windowMs: number };

/** A key's open window: hits counted in it, and when it ends (epoch ms). */
export type RateWindow = { count: number; endsAt: number };

/**
 * Where windows live. `hit` is one atomic step (in PostgreSQL one INSERT ... ON CONFLICT DO UPDATE):
 * it counts into the open window or, when the stored one has ended, opens a new one, so concurrent
 * hits from several processes are all counted.
 */
export type RateLimitStore = {
  /** The key's window when one is open at `now`. */
  read(scope: string, key: string, now: number): Promise<RateWindow | undefined>;
  hit(scope: string, key: string, windowMs: number, now: number): Promise<RateWindow>;
  forget(scope: string, key: string): Promise<void>;
  /** Drops the windows that have ended. */
  sweep(now: number): Promise<void>;
};

export type RateLimiter = {
  /** Retry-After in seconds when the key is at its limit, else null. */
  check(key: string): Promise<number | null>;
  /**
   * Counts one attempt. Answers Retry-After when this hit went past the limit: only when
   * concurrent attempts (on this process or another) all passed `check` before any was counted,
   * so the caller may refuse the extra ones; sequential use never sees it.
   */
  hit(key: string): Promise<number | null>;
  reset(key: string): Promise<void>;
};

export type RateLimiterFactory = (scope: string, rate: RateLimit) => RateLimiter;

/** Emails and addresses are stored as hashes: the table never lists who tried to sign in. */
const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url');

const retryAfter = (window: RateWindow, now: number) => Math.max(1, Math.ceil((window.endsAt - now) / 1000));

/**
 * Limiters over one store, each under its own scope. Ended windows are swept at most once per
 * `sweepEveryMs` per process, on a hit (a failed sweep is left to the next one: it never fails a request).
 */
export function createRateLimiters(store: RateLimitStore, options: { now?: () => number; sweepEveryMs?: number } = {}): RateLimiterFactory {
  const now = options.now ?? Date.now;
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  let lastSweep = now();

  async function maybeSweep(at: number) {
    if (at - lastSweep < sweepEveryMs) return;
    lastSweep = at;
    await store.sweep(at).catch(() => undefined);
  }

  return (scope, { limit, windowMs }) => ({
    async check(key) {
      const at = now();
      const window = await store.read(scope, hashKey(key), at);
      if (!window || window.count < limit) return null;
      return retryAfter(window, at);
    },
    async hit(key) {
      const at = now();
      await maybeSweep(at);
      const window = await store.hit(scope, hashKey(key), windowMs, at);
      return window.count > limit ? retryAfter(window, at) : null;
    },
    async reset(key) {
      await store.forget(scope, hashKey(key));
    },
  });
}

/** The store in memory: one process's own counts (unit tests; nothing shares them). */
export function createMemoryRateLimitStore(): RateLimitStore & { size(): number } {
  const windows = new Map<string, RateWindow>();
  const id = (scope: string, key: string) => `${scope}\u0000${key}`;
  return {
    async read(scope, key, now) {
      const window = windows.get(id(scope, key));
      return window && window.endsAt > now ? { ...window } : undefined;
    },
    async hit(scope, key, windowMs, now) {
      const stored = windows.get(id(scope, key));
      const window = stored && stored.endsAt > now ? { count: stored.count + 1, endsAt: stored.endsAt } : { count: 1, endsAt: now + windowMs };
      windows.set(id(scope, key), window);
      return { ...window };
    },
    async forget(scope, key) {
      windows.delete(id(scope, key));
    },
    async sweep(now) {
      for (const [key, window] of windows) if (window.endsAt <= now) windows.delete(key);
    },
    size: () => windows.size,
  };
}

/** One limiter on a store of its own in memory. */
export function createRateLimiter(rate: RateLimit, options: { now?: () => number; store?: RateLimitStore; scope?: string } = {}): RateLimiter {
  return createRateLimiters(options.store ?? createMemoryRateLimitStore(), options.now ? { now: options.now } : {})(options.scope ?? 'default', rate);
}
