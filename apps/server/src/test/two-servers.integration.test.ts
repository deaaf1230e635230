import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rentRollCsv } from './rent-roll-generator.ts';
import { signIn, startServerProcess, stopServerProcess } from './server-process.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { startTestSmtpServer } from './test-smtp-server.ts';

/** What several servers share: one DATABASE_URL and one SECRET_KEY (README, "Several servers"); nothing on disk. */
const SECRET_KEY = 'two-servers-test-secret-key-of-32-characters-or-more';
/** The jobs pg-boss sends each minute (sync.jobs.ts, onboarding.jobs.ts). */
const MINUTE_JOBS = ['review-reminders', 'sync-fail-interrupted', 'sync-start-scheduled'];

type Server = Awaited<ReturnType<typeof startServerProcess>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  let dataDirs: string[];
  let a: Server;
  let b: Server;
  /** From here on both servers run: the minute schedules are counted from this moment. */
  let bothUp: Date;

  beforeAll(async () => {
    // Not migrated: the first server migrates and loads the demo data, as a first deployment would.
    database = await createTestDatabase({ migrate: false });
    smtp = await startTestSmtpServer();
    dataDirs = await Promise.all(['a', 'b'].map((name) => fs.mkdtemp(path.join(os.tmpdir(), `rentledger-two-${name}-`))));
    const env = (dataDir: string) => ({ DATABASE_URL: database.url, SECRET_KEY, SMTP_URL: smtp.url, DATA_DIR: dataDir });
    a = await startServerProcess(env(dataDirs[0] as string));
    b = await startServerProcess(env(dataDirs[1] as string));
    bothUp = new Date();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((server) => stopServerProcess(server.child)));
    await smtp?.close();
    await database?.drop();
    for (const dir of dataDirs ?? []) await fs.rm(dir, { recursive: true, force: true });
  });

  it('both answer on the same database', async () => {
    for (const server of [a, b]) expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({ status: 'ok', database: 'postgres' });
  });

  it('a session made on one works on the other, CSRF token and sign-out included', async () => {
    const onA = await signIn(a.url, 'manager@maple.demo');
    const onB = onA.at(b.url);
    expect(await onB.get('/api/auth/session')).toMatchObject({ user: { email: 'manager@maple.demo' } });
    const created = await onB.send('POST', '/api/api-tokens', { name: 'made on b' });
    expect(created.status).toBe(201);
    const listed = await onA.get('/api/api-tokens');
    expect(JSON.stringify(listed)).toContain('made on b');
    expect((await onB.send('POST', '/api/auth/logout')).status).toBeLessThan(300);
    // A keeps the session it resolved in memory; B's sign-out reaches it by NOTIFY, milliseconds after the commit.
    const signedOut = Date.now();
    while ((await onA.send('GET', '/api/auth/session')).status !== 401) {
      expect(Date.now() - signedOut).toBeLessThan(1_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });

  it('failed sign-ins for one email, split across both, reach 429 after the same 10 failures as on one server', async () => {
    const attempt = (server: Server, password: string) =>
      fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@birch.demo', password }) });
    const statuses = [];
    // Five failures on each: either server alone would still let this address try.
    for (let n = 0; n < 10; n++) statuses.push((await attempt(n % 2 === 0 ? a : b, `wrong-password-${n}`)).status);
    expect(statuses).toEqual(Array(10).fill(401));
    for (const server of [a, b]) {
      const limited = await attempt(server, 'wrong-password-again');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      // The right password waits as well: the limit protects the account.
      expect((await attempt(server, 'demo-password')).status).toBe(429);
    }
    const { rows } = await sql<{ count: number }>`SELECT count FROM rate_limits WHERE scope = 'sign-in:email-ip'`.execute(database.db);
    expect(rows.map((row) => row.count)).toEqual([10]);
  });

  it('sign-ups for one email, split across both, are refused after the same 5 as on one server', async () => {
    const signUp = (server: Server) =>
      fetch(`${server.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ firstName: 'Sam', lastName: 'Same', email: 'same.person@personal.test', phone: '614-555-3333', password: 'resident-password-1' }),
      });
    const statuses = [];
    for (let n = 0; n < 6; n++) statuses.push((await signUp(n % 2 === 0 ? a : b)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('a sync started on one runs once and is readable from the other', async () => {
    const onA = await signIn(a.url, 'manager@maple.demo');
    const onB = onA.at(b.url);
    const started = await onA.upload('two-servers.csv', rentRollCsv({ properties: 2, unitsPerProperty: 15, prefix: 'two' }));
    expect(started.status).toBe(202);
    const runId = started.body.syncRunId as string;
    let run: { status: string; counts: Record<string, number> } | undefined;
    for (let i = 0; i < 300; i++) {
      run = await onB.get(`/api/sync-runs/${runId}`);
      if (run?.status === 'succeeded' || run?.status === 'failed') break;
      await sleep(100);
    }
    expect(run).toMatchObject({ status: 'succeeded', counts: { created: 30, errors: 0 } });
    expect(JSON.stringify(await onB.get('/api/sync-runs'))).toContain(runId);
    const jobs = await sql<{ name: string; state: string; retry_count: number }>`
      SELECT name, state, retry_count FROM pgboss.job WHERE data->>'syncRunId' = ${runId} ORDER BY name
    `.execute(database.db);
    // The run's job, worked by one of the two; its end sent the follow-up once.
    expect(jobs.rows.filter((job) => job.name === 'sync-run')).toEqual([{ name: 'sync-run', state: 'completed', retry_count: 0 }]);
    expect(jobs.rows.filter((job) => job.name === 'sync-run-finished')).toHaveLength(1);
    const imported = await sql<{ n: number }>`SELECT count(*)::int AS n FROM residents WHERE accounting_resident_id LIKE 'two-%'`.execute(database.db);
    expect(imported.rows[0]?.n).toBe(30);
  });

  it('twenty approvals of one resident split across both: one winner, nineteen told, one email', async () => {
    const email = 'two.servers@personal.test';
    const signup = await fetch(`${b.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Tess', lastName: 'Twofold', email, phone: '614-555-2222', password: 'resident-password-1' }),
    });
    expect(signup.status).toBe(202);
    const resident = await signIn(b.url, email, 'resident-password-1');
    const { results } = await resident.at(a.url).get(`/api/rentals/search?q=${encodeURIComponent('maple court')}`);
    const unit = (results[0].units as { id: string; label: string }[]).find((candidate) => candidate.label === '202');
    const residency = await resident.at(a.url).send('POST', '/api/me/residencies', { propertyId: results[0].property.id, unitId: unit?.id, rentCents: 120000, leaseStart: '2026-01-01', leaseEnd: null });
    expect(residency.body).toMatchObject({ status: 'pending' });

    const manager = await signIn(a.url, 'manager@maple.demo');
    const approval = { method: 'manual', unitId: unit?.id, rentCents: 120000, leaseStart: '2026-01-01', leaseEnd: null };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => manager.at(n % 2 === 0 ? a.url : b.url).send('POST', `/api/residents/${residency.body.id}/approve`, approval)));
    expect(answers.filter((answer) => answer.status < 300)).toHaveLength(1);
    const losers = answers.filter((answer) => answer.status === 409);
    expect(losers).toHaveLength(19);
    expect(losers.every((answer) => /^Already approved by /.test(answer.body.error.message))).toBe(true);

    // Delivered by whichever server's worker drained the outbox, once.
    await smtp.waitFor(email);
    const approvedMail = () => smtp.received.filter((mail) => mail.to.includes(email) && mail.subject.startsWith('You are approved'));
    for (let i = 0; i < 50 && approvedMail().length === 0; i++) await sleep(100);
    await sleep(3000);
    expect(approvedMail()).toHaveLength(1);
    const outbox = await sql<{ n: number }>`SELECT count(*)::int AS n FROM email_outbox WHERE to_address = ${email} AND subject LIKE 'You are approved%'`.execute(database.db);
    expect(outbox.rows[0]?.n).toBe(1);
  }, 60_000);

  it('the minute schedules run once per minute, not once per server', { timeout: 200_000 }, async () => {
    // pg-boss files each minute's occurrence under one singleton slot (its send-it queue), then sends the job;
    // each server runs its own cron pass, so a schedule run per server would show as two jobs a minute.
    const jobsSinceBothUp = () =>
      sql<{ name: string; created_on: Date; state: string; retry_count: number }>`
        SELECT name, created_on, state, retry_count FROM pgboss.job
        WHERE name = ANY(${MINUTE_JOBS}) AND created_on >= ${bothUp} ORDER BY name, created_on
      `.execute(database.db);
    const done = (rows: { name: string; state: string }[]) => MINUTE_JOBS.every((name) => rows.filter((row) => row.name === name && row.state === 'completed').length >= 2);
    let rows = (await jobsSinceBothUp()).rows;
    while (!done(rows)) {
      expect(Date.now() - bothUp.getTime()).toBeLessThan(190_000);
      await sleep(2000);
      rows = (await jobsSinceBothUp()).rows;
    }
    for (const name of MINUTE_JOBS) {
      const runs = rows.filter((row) => row.name === name);
      // Worked once each (no retry), and a minute apart: never a second job of the same minute.
      expect(runs.filter((run) => run.state !== 'completed' || run.retry_count !== 0).length, name).toBeLessThanOrEqual(1);
      for (let n = 1; n < runs.length; n++) {
        const gap = (runs[n] as { created_on: Date }).created_on.getTime() - (runs[n - 1] as { created_on: Date }).created_on.getTime();
        expect(gap, `${name}: jobs ${Math.round(gap / 1000)} s apart`).toBeGreaterThan(20_000);
      }
    }
    const forwarded = await sql<{ name: string; slot: string; n: number }>`
      SELECT data->>'name' AS name, data->>'slot' AS slot, count(*)::int AS n FROM pgboss.job
      WHERE name = '__pgboss__send-it' AND data->>'name' = ANY(${MINUTE_JOBS}) AND created_on >= ${bothUp}
      GROUP BY 1, 2
    `.execute(database.db);
    expect(forwarded.rows.length).toBeGreaterThanOrEqual(MINUTE_JOBS.length * 2);
    expect(forwarded.rows.filter((row) => row.n !== 1)).toEqual([]);
  });
});
