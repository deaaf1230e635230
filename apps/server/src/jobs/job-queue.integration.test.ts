import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import { defineJob, JobPayloadError, type Logger, worker } from './job-definition.ts';
import { createInlineJobs, createJobQueue, type JobQueue } from './job-queue.ts';

const noteJob = defineJob({ name: 'test-note', payload: z.object({ note: z.string().min(1) }), options: { retryLimit: 0, expireInSeconds: 60 } });

/** Keeps what the queue logs, to read back. */
function recordingLogger() {
  const lines: { level: string; details: object; message: string }[] = [];
  const at = (level: string) => (details: object, message: string) => void lines.push({ level, details, message });
  const logger: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

describe('job queue', () => {
  let database: TestDatabase;
  let queue: JobQueue;
  const seen: string[] = [];
  const log = recordingLogger();

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = createJobQueue(database, { pollingIntervalSeconds: 0.5, logger: log.logger });
    await queue.start();
    await queue.work(noteJob, async (data) => {
      seen.push(data.note);
    });
  });
  afterAll(async () => {
    await queue.stop();
    await database.drop();
  });

  it('runs a job sent outside a transaction', async () => {
    await queue.send(noteJob, { note: 'plain' });
    await expect.poll(() => seen.includes('plain'), { timeout: 15_000, interval: 100 }).toBe(true);
  });

  it('runs a job sent in a committed transaction, and never one whose transaction rolled back', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await queue.send(noteJob, { note: 'committed' }, { trx });
    });
    await database.db
      .transaction()
      .execute(async (trx) => {
        await queue.send(noteJob, { note: 'rolled back' }, { trx });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await expect.poll(() => seen.includes('committed'), { timeout: 15_000, interval: 100 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(seen).not.toContain('rolled back');
  });

  it('refuses to send a payload its schema refuses, naming the field', async () => {
    const sending = queue.send(noteJob, { note: 42 } as never);
    await expect(sending).rejects.toBeInstanceOf(JobPayloadError);
    await expect(queue.send(noteJob, { note: '' })).rejects.toThrow(/^Job test-note has a bad payload: note: /);
  });

  it('fails a job whose payload its schema refuses when it runs, logging the field', async () => {
    // A job as an older version (or another client) of the queue might have left it.
    const strictJob = defineJob({ name: 'test-strict', payload: z.object({ count: z.number().int() }), options: { retryLimit: 0, expireInSeconds: 60 } });
    const handled: number[] = [];
    await queue.work(strictJob, async ({ count }) => void handled.push(count));
    const looseJob = defineJob({ name: 'test-strict', payload: z.object({ count: z.unknown() }), options: strictJob.options });
    await queue.send(looseJob, { count: 'three' });
    await expect.poll(() => log.lines.find((line) => line.level === 'error'), { timeout: 15_000, interval: 100 }).toMatchObject({
      details: { job: 'test-strict', fields: ['count'] },
      message: expect.stringMatching(/^Job test-strict has a bad payload: count: /),
    });
    expect(handled).toEqual([]);
  });

  it('logs a failing handler and goes on working other queues', async () => {
    const failing = defineJob({ name: 'test-failing', payload: z.object({}), options: { retryLimit: 0, expireInSeconds: 60 } });
    await queue.work(failing, async () => {
      throw new Error('the handler broke');
    });
    await queue.send(failing, {});
    await queue.send(noteJob, { note: 'after the failure' });
    await expect.poll(() => seen.includes('after the failure'), { timeout: 15_000, interval: 100 }).toBe(true);
    await expect.poll(() => log.lines.some((line) => line.message === 'Job test-failing failed'), { timeout: 15_000, interval: 100 }).toBe(true);
  });
});

describe('inline jobs (no queue)', () => {
  it('runs the handler at once, checks the payload, and logs a failure without throwing', async () => {
    const log = recordingLogger();
    const inline = createInlineJobs(log.logger);
    const seen: string[] = [];
    inline.handle(worker(noteJob, async ({ note }) => void seen.push(note)));
    await inline.run(noteJob, { note: 'inline' });
    expect(seen).toEqual(['inline']);
    await expect(inline.run(noteJob, { note: '' })).rejects.toBeInstanceOf(JobPayloadError);

    inline.handle(worker(noteJob, async () => Promise.reject(new Error('broke'))));
    await inline.run(noteJob, { note: 'again' });
    expect(log.lines).toMatchObject([{ level: 'error', details: { job: 'test-note' }, message: 'Job test-note failed' }]);
  });
});
