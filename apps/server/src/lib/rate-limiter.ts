/**
 * Fixed-window counters in memory, per key. One process keeps its own counts;
 * behind several processes each enforces the limit on the traffic it sees.
 */
export type RateLimit = { limit: number; windowMs: number };

export type RateLimiter = {
  /** Retry-After in seconds when the key is over its limit, else null. */
  check(key: string): number | null;
  hit(key: string): void;
  reset(key: string): void;
};

export function createRateLimiter({ limit, windowMs }: RateLimit, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();

  function current(key: string) {
    const window = windows.get(key);
    if (!window || now() - window.startedAt >= windowMs) return undefined;
    return window;
  }

  function sweep() {
    if (windows.size < 10_000) return;
    for (const [key, window] of windows) if (now() - window.startedAt >= windowMs) windows.delete(key);
  }

  return {
    check(key) {
      const window = current(key);
      if (!window || window.count < limit) return null;
      return Math.max(1, Math.ceil((window.startedAt + windowMs - now()) / 1000));
    },
    hit(key) {
      sweep();
      const window = current(key);
      if (window) window.count += 1;
      else windows.set(key, { startedAt: now(), count: 1 });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
