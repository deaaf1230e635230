import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiters } from '../../lib/rate-limiter.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { createRateLimitRepository } from './rate-limit.repository.ts';

describe('rate limits in PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('counts every one of many concurrent hits from two pools, as two server processes would', async () => {
    const other = await database.reopen();
    try {
      const stores = [createRateLimitRepository(database.db), createRateLimitRepository(other.db)];
      const windows = await Promise.all(Array.from({ length: 40 }, (_, n) => (stores[n % 2] as (typeof stores)[number]).hit('race', 'key', 60_000, 1_000_000)));
      expect(windows.map((window) => window.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
      expect(new Set(windows.map((window) => window.endsAt))).toEqual(new Set([1_060_000]));
      // The limiter over either pool refuses exactly the hits past its limit.
      const limiter = createRateLimiters(stores[1] as (typeof stores)[number], { now: () => 1_000_000 })('race-limit', { limit: 10, windowMs: 60_000 });
      const answers = await Promise.all(Array.from({ length: 15 }, () => limiter.hit('k')));
      expect(answers.filter((answer) => answer === null)).toHaveLength(10);
      expect(answers.filter((answer) => answer === 60)).toHaveLength(5);
    } finally {
      await other.close();
    }
  });

  it('restarts an ended window on the next hit, reads only open ones, forgets and sweeps', async () => {
    const store = createRateLimitRepository(database.db);
    await store.hit('w', 'a', 1000, 0);
    await store.hit('w', 'a', 1000, 500);
    expect(await store.read('w', 'a', 999)).toEqual({ count: 2, endsAt: 1000 });
    expect(await store.read('w', 'a', 1000)).toBeUndefined();
    expect(await store.hit('w', 'a', 1000, 1000)).toEqual({ count: 1, endsAt: 2000 });
    await store.hit('w', 'b', 1000, 0);
    await store.hit('w', 'c', 5000, 0);
    await store.forget('w', 'c');
    expect(await store.read('w', 'c', 0)).toBeUndefined();
    await store.sweep(1500);
    const left = await database.db.selectFrom('rate_limits').select('key_hash').where('scope', '=', 'w').execute();
    expect(left.map((row) => row.key_hash)).toEqual(['a']);
  });
});
