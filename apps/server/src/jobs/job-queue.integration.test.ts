import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import { createJobQueue, type JobQueue } from './job-queue.ts';

describe('job queue', () => {
  let database: TestDatabase;
  let queue: JobQueue;
  const seen: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = createJobQueue(database, { pollingIntervalSeconds: 0.5 });
    await queue.start();
    await queue.work<{ note: string }>('email-delivery', async (data) => {
      seen.push(data.note);
    });
  });
  afterAll(async () => {
    await queue.stop();
    await database.drop();
  });

  it('runs a job sent outside a transaction', async () => {
    await queue.send('email-delivery', { note: 'plain' });
    await expect.poll(() => seen.includes('plain'), { timeout: 15_000, interval: 100 }).toBe(true);
  });

  it('runs a job sent in a committed transaction, and never one whose transaction rolled back', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await queue.send('email-delivery', { note: 'committed' }, { trx });
    });
    await database.db
      .transaction()
      .execute(async (trx) => {
        await queue.send('email-delivery', { note: 'rolled back' }, { trx });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await expect.poll(() => seen.includes('committed'), { timeout: 15_000, interval: 100 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(seen).not.toContain('rolled back');
  });
});
