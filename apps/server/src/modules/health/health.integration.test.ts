import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { createJobQueue } from '../../jobs/job-queue.ts';
import { buildHttpTestApp } from '../../test/http-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';

/** Readiness checks the database and the job queue; liveness only that the process answers. */
describe('GET /api/health and /api/health/live', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  async function appOn(database: TestDatabase, withJobs: boolean) {
    const jobs = withJobs ? createJobQueue(database) : null;
    if (jobs) {
      await jobs.start();
      cleanups.push(() => jobs.stop());
    }
    const app: FastifyInstance = await buildHttpTestApp(database, { jobs });
    cleanups.push(() => app.close());
    return { app, jobs };
  }

  async function freshDatabase() {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    return database;
  }

  it('answers 200 when the database answers and the job queue runs', async () => {
    const { app } = await appOn(await freshDatabase(), true);
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'postgres' });
    const live = await app.inject({ method: 'GET', url: '/api/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 naming the job queue once it is stopped; liveness still 200', async () => {
    const { app, jobs } = await appOn(await freshDatabase(), true);
    await jobs?.stop();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'job_queue_stopped', message: 'The job queue is stopped', details: { check: 'jobs' } });
    expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
  });

  it('answers 503 naming the database when its pool is closed', async () => {
    const database = await freshDatabase();
    // A second handle on the same database, closed under the app.
    const handle = await openDatabase({ url: database.url });
    const { app } = await appOn({ ...database, ...handle }, false);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await handle.close();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'database_unavailable', message: 'The database does not answer', details: { check: 'database' } });
    expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
  });

  it('answers 503 naming the database when the database is dropped under a running server, queue and all', async () => {
    const database = await createTestDatabase();
    const { app } = await appOn(database, true);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    // Drops it WITH (FORCE): every connection of the app and of the queue is terminated.
    await database.drop();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('database_unavailable');
    expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
  });
});
