import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { defineJob } from '../../jobs/job-definition.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';

/** Iris signs up and claims Maple Court 101 before the books know her: nothing to match yet, so she waits for review. */
async function pendingIris(ctx: TestContext) {
  const iris = { firstName: 'Iris', lastName: 'Rossi', email: 'iris.rossi@example.com', phone: '614-555-0784', password: 'resident-password-1' };
  expect((await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: iris })).statusCode).toBe(202);
  const session = await ctx.verifyEmail(iris.email);
  const { results } = (await ctx.call(session, { method: 'GET', url: '/api/rentals/search?q=maple%20court' })).json();
  const unitId = results[0].units.find((unit: { label: string }) => unit.label === '101').id;
  const created = await ctx.call(session, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: results[0].property.id, unitId, rentCents: 100000, leaseStart: '2025-08-01', leaseEnd: null } });
  expect(created.json()).toMatchObject({ status: 'pending' });
  return { session, residentId: created.json().id as string };
}

const statusOf = async (ctx: TestContext, residentId: string) =>
  (await ctx.database.db.selectFrom('residents').select('status').where('id', '=', residentId).executeTakeFirstOrThrow()).status;

describe('after a sync run, without a job queue (as the CLI runs it)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('re-matches pending residents before the run returns', async () => {
    const { residentId } = await pendingIris(ctx);
    await importDemoRentRoll(ctx.services);
    expect(await statusOf(ctx, residentId)).toBe('approved');
  });
});

describe('after a sync run, with workers', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ jobs: true });
  });
  afterAll(() => ctx.close());

  it('re-matches pending residents in the sync-run-finished job sent with the run’s end', async () => {
    const { residentId } = await pendingIris(ctx);
    await importDemoRentRoll(ctx.services);
    await expect.poll(() => statusOf(ctx, residentId), { timeout: 20_000, interval: 100 }).toBe('approved');
    const { rows } = await sql<{ state: string; data: unknown }>`SELECT state, data FROM pgboss.job WHERE name = 'sync-run-finished'`.execute(ctx.database.db);
    expect(rows).toMatchObject([{ state: 'completed', data: { succeeded: true } }]);
  });

  it('schedules stale-run cleanup, scheduled syncs, review reminders, due lease ends, the ACH cutoff, settlement and autopay each on its own', async () => {
    const { rows } = await sql<{ name: string; cron: string }>`SELECT name, cron FROM pgboss.schedule ORDER BY name`.execute(ctx.database.db);
    expect(rows).toEqual([
      { name: 'accounting-post', cron: '* * * * *' },
      { name: 'ach-cutoff', cron: '* * * * *' },
      { name: 'ach-fetch-returns', cron: '*/15 * * * *' },
      { name: 'ach-settle', cron: '*/15 * * * *' },
      { name: 'autopay-run', cron: '*/10 * * * *' },
      { name: 'lease-end-due', cron: '* * * * *' },
      { name: 'receipts-deliver', cron: '*/15 * * * *' },
      { name: 'rent-alerts', cron: '*/10 * * * *' },
      { name: 'rent-alerts-digest', cron: '0 * * * *' },
      { name: 'rent-reminders', cron: '30 * * * *' },
      { name: 'review-reminders', cron: '* * * * *' },
      { name: 'sync-fail-interrupted', cron: '* * * * *' },
      { name: 'sync-start-scheduled', cron: '* * * * *' },
    ]);
  });

  it('retires the old minute tick: its schedule and queue go', async () => {
    const jobs = ctx.services.jobs;
    if (!jobs) throw new Error('the test app has no job queue');
    // As a database from before the split holds it.
    await jobs.schedule(defineJob({ name: 'scheduled-sync-tick', payload: z.object({}), options: { retryLimit: 0, expireInSeconds: 300 }, schedule: { cron: '* * * * *' } }));
    await jobs.retire('scheduled-sync-tick');
    const schedules = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.schedule WHERE name = 'scheduled-sync-tick'`.execute(ctx.database.db);
    const queues = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.queue WHERE name = 'scheduled-sync-tick'`.execute(ctx.database.db);
    expect([schedules.rows[0]?.n, queues.rows[0]?.n]).toEqual([0, 0]);
  });
});
