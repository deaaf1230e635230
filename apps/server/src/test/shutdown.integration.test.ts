import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../db/database.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rentRollCsv } from './rent-roll-generator.ts';
import { runCli, type ServerSession, signIn, startCliProcess, startServerProcess, stopServerProcess } from './server-process.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

const ROWS = 12_000;
const BATCH = 500;
const NO_STACK = /\n\s+at .+:\d+:\d+|statusCode/;

/** Signals the process and measures how long it takes to exit; its exit code. */
async function stopTimed(child: ChildProcess, signal: NodeJS.Signals): Promise<{ ms: number; code: number | null }> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const sent = performance.now();
  child.kill(signal);
  const code = await exited;
  return { ms: Math.round(performance.now() - sent), code };
}

async function waitForProgress(manager: ServerSession, runId: string, rows: number) {
  for (;;) {
    const run = await manager.get(`/api/sync-runs/${runId}`);
    if (run.status === 'running' && run.progress.processed >= rows) return;
    expect(run.status).not.toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function imported(db: TestDatabase, prefix: string) {
  const { rows } = await sql<{ records: number; residents: number }>`
    SELECT (SELECT count(*) FROM accounting_records WHERE accounting_resident_id LIKE ${`${prefix}-%`}) AS records,
           (SELECT count(*) FROM residents WHERE accounting_resident_id LIKE ${`${prefix}-%`}) AS residents
  `.execute(db.db);
  return { records: Number(rows[0]?.records), residents: Number(rows[0]?.residents) };
}

/** Real server processes on a database of their own, stopped by a signal while they work. */
describe('stopping the server', () => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  const timings: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-shutdown-'));
    env = { DATABASE_URL: database.url, DATA_DIR: dataDir, SYNC_BATCH_SIZE: String(BATCH), SYNC_BATCH_PAUSE_MS: '100', SYNC_STALE_SECONDS: '30' };
  });
  afterAll(async () => {
    console.log(`Shutdown timings: ${timings.join('; ')}`);
    await database.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('SIGTERM mid-import: the batch in flight commits whole, the run is marked interrupted, the process exits within 10 s, and the CLI can import at once', { timeout: 180_000 }, async () => {
    const server = await startServerProcess(env);
    const manager = await signIn(server.url, 'manager@maple.demo');
    const started = await manager.upload('big.csv', rentRollCsv({ properties: 12, unitsPerProperty: ROWS / 12, prefix: 'term' }));
    expect(started.status).toBe(202);
    const runId = started.body.syncRunId as string;
    await waitForProgress(manager, runId, 2 * BATCH);

    const stopped = await stopTimed(server.child, 'SIGTERM');
    timings.push(`SIGTERM mid-import ${stopped.ms} ms`);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(server.output()).toMatch(/SIGTERM: shutting down/);

    const run = await database.db.selectFrom('sync_runs').select(['status', 'message', 'counts', 'progress_processed']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/^Interrupted: the server was stopped \(SIGTERM\) during this run\. The \d+ rows applied before it stopped are kept; start a new run/);
    const counts = await imported(database, 'term');
    expect(counts.records).toBeGreaterThan(0);
    expect(counts.records).toBeLessThan(ROWS);
    expect(counts.records % BATCH).toBe(0);
    expect(counts.residents).toBe(counts.records);
    expect(Number(run.counts?.created)).toBe(counts.records);
    expect(await database.db.selectFrom('sync_run_upload_chunks').select('seq').where('sync_run_id', '=', runId).execute()).toEqual([]);

    // Nothing is left running: the CLI imports without waiting for a server to start and clean up.
    const file = path.join(dataDir, 'small.csv');
    await fs.writeFile(file, rentRollCsv({ properties: 1, unitsPerProperty: 5, prefix: 'after' }));
    const cliImport = await runCli(['import', '--company', 'maple', '--file', file], env);
    expect(cliImport.output).toMatch(/Done: created 5/);
    expect(cliImport.code, cliImport.output).toBe(0);
  });

  it('a process that is gone: the CLI refuses with a clear message while its heartbeat is fresh, then marks it interrupted by the heartbeat rule', { timeout: 180_000 }, async () => {
    const server = await startServerProcess(env);
    const manager = await signIn(server.url, 'manager@maple.demo');
    const started = await manager.upload('big.csv', rentRollCsv({ properties: 12, unitsPerProperty: ROWS / 12, prefix: 'kill' }));
    const runId = started.body.syncRunId as string;
    await waitForProgress(manager, runId, BATCH);
    await stopServerProcess(server.child, 'SIGKILL');

    const file = path.join(dataDir, 'other.csv');
    await fs.writeFile(file, rentRollCsv({ properties: 1, unitsPerProperty: 5, prefix: 'other' }));
    const refused = await runCli(['import', '--company', 'maple', '--file', file], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(
      new RegExp(`^Another import for Maple Property Management is running \\(started \\d\\d:\\d\\d, run ${runId.slice(0, 8)}\\.\\.\\.\\)\\. Wait for it, or stop the server that runs it\\.$`, 'm'),
    );
    expect(refused.output).not.toMatch(NO_STACK);

    // Its heartbeat is older than this process's SYNC_STALE_SECONDS: the run is taken as interrupted, and the import runs.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const after = await runCli(['import', '--company', 'maple', '--file', file], { ...env, SYNC_STALE_SECONDS: '2' });
    expect(after.output).toContain(`Marked run ${runId.slice(0, 8)}... as interrupted: the process running it stopped.`);
    expect(after.output).toMatch(/Done: created 5/);
    expect(after.code, after.output).toBe(0);
    const run = await database.db.selectFrom('sync_runs').select(['status', 'message']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Interrupted/) });
    expect((await imported(database, 'kill')).records % BATCH).toBe(0);
  });

  it('a request that never finishes (a stalled upload) does not hold the process: SIGINT exits within 10 s', { timeout: 120_000 }, async () => {
    const server = await startServerProcess(env);
    const { headers } = await signIn(server.url, 'manager@maple.demo');

    // A multipart upload that announces 20 MB and sends a few rows, then nothing: the route waits on its body.
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    const boundary = 'stalled-upload-boundary';
    socket.write(
      [
        'POST /api/integration/import HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        `Cookie: ${headers.cookie}`,
        `x-csrf-token: ${headers['x-csrf-token']}`,
        `Content-Type: multipart/form-data; boundary=${boundary}`,
        `Content-Length: ${20 * 1024 * 1024}`,
        '',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="stalled.csv"',
        'Content-Type: text/csv',
        '',
        rentRollCsv({ properties: 1, unitsPerProperty: 50, prefix: 'stall' }),
      ].join('\r\n'),
    );
    // The upload is in the route: its temporary folder exists.
    for (let i = 0; i < 100; i++) {
      const folders = (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith('rentledger-upload-'));
      if (folders.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    const stopped = await stopTimed(server.child, 'SIGINT');
    timings.push(`SIGINT with a stalled upload ${stopped.ms} ms`);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    await closed;
    expect(server.output()).toMatch(/SIGINT: shutting down/);
    // The stalled upload started no run.
    expect(await database.db.selectFrom('sync_runs').select('id').where('source_name', '=', 'stalled.csv').execute()).toEqual([]);
  });

  it('on the default engine: SIGTERM mid-import exits within 10 s and stops the embedded PostgreSQL, the run marked interrupted', { timeout: 240_000 }, async () => {
    const embeddedDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-shutdown-embedded-'));
    const server = await startServerProcess({ DATA_DIR: embeddedDir, DATABASE_URL: '', SYNC_BATCH_SIZE: String(BATCH), SYNC_BATCH_PAUSE_MS: '100' });
    const manager = await signIn(server.url, 'manager@maple.demo');
    const started = await manager.upload('big.csv', rentRollCsv({ properties: 12, unitsPerProperty: ROWS / 12, prefix: 'emb' }));
    const runId = started.body.syncRunId as string;
    await waitForProgress(manager, runId, BATCH);

    const stopped = await stopTimed(server.child, 'SIGTERM');
    timings.push(`SIGTERM mid-import, embedded PostgreSQL ${stopped.ms} ms`);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);

    const postgres = await startEmbeddedPostgres(embeddedDir);
    expect(postgres.startedHere).toBe(true);
    const look = await openDatabase({ url: postgres.url });
    const run = await look.db.selectFrom('sync_runs').select(['status', 'message']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Interrupted: the server was stopped \(SIGTERM\)/) });
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM accounting_records WHERE accounting_resident_id LIKE 'emb-%'`.execute(look.db);
    expect(Number(rows[0]?.n) % BATCH).toBe(0);
    await look.close();
    await postgres.stop();
    await fs.rm(embeddedDir, { recursive: true, force: true });
  });

  it('Ctrl-C during a CLI import: the batch in flight commits whole, the run is marked interrupted, exit code 1 within 10 s, no stack', { timeout: 180_000 }, async () => {
    const file = path.join(dataDir, 'cli-big.csv');
    await fs.writeFile(file, rentRollCsv({ properties: 12, unitsPerProperty: ROWS / 12, prefix: 'cli' }));
    const command = startCliProcess(['import', '--company', 'maple', '--file', file], env);
    let runId: string | undefined;
    for (let i = 0; i < 1200 && !runId; i++) {
      const run = await database.db.selectFrom('sync_runs').select(['id', 'progress_processed']).where('source_name', '=', 'cli-big.csv').where('status', '=', 'running').executeTakeFirst();
      if (run && run.progress_processed >= BATCH) runId = run.id;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(runId).toBeDefined();

    const stopped = await stopTimed(command.child, 'SIGINT');
    timings.push(`SIGINT to the CLI mid-import ${stopped.ms} ms`);
    expect(stopped.code).toBe(1);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(command.output()).toMatch(/^Interrupted: the import was stopped \(SIGINT\) during this run\. The \d+ rows applied before it stopped are kept/m);
    expect(command.output()).toMatch(/^Failed: created \d+/m);
    expect(command.output()).not.toMatch(NO_STACK);
    const run = await database.db.selectFrom('sync_runs').select(['status', 'counts']).where('id', '=', runId as string).executeTakeFirstOrThrow();
    expect(run.status).toBe('failed');
    const counts = await imported(database, 'cli');
    expect(counts.records % BATCH).toBe(0);
    expect(Number(run.counts?.created)).toBe(counts.records);
  });

  it('a batch that cannot finish (its run row locked) does not hold the process: it exits by the deadline, the batch rolls back whole, and the next server start marks the run interrupted', { timeout: 180_000 }, async () => {
    const server = await startServerProcess(env);
    const manager = await signIn(server.url, 'manager@maple.demo');
    const started = await manager.upload('big.csv', rentRollCsv({ properties: 12, unitsPerProperty: ROWS / 12, prefix: 'lock' }));
    const runId = started.body.syncRunId as string;
    await waitForProgress(manager, runId, BATCH);

    // Another session holds the run's row: the next batch waits on it, inside its transaction, at its progress update.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM sync_runs WHERE id = $1 FOR UPDATE', [runId]);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const stopped = await stopTimed(server.child, 'SIGTERM');
    timings.push(`SIGTERM with a batch stuck on a lock ${stopped.ms} ms`);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(stopped.code).toBe(1);
    expect(server.output()).toMatch(/Shutdown did not finish in \d+ s: exiting now/);
    await locker.query('ROLLBACK');
    await locker.end();

    const afterExit = await imported(database, 'lock');
    expect(afterExit.records % BATCH).toBe(0);
    expect(afterExit.residents).toBe(afterExit.records);
    const left = await database.db.selectFrom('sync_runs').select(['status', 'counts']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(left.status).toBe('running');
    expect(Number(left.counts?.created)).toBe(afterExit.records);

    // Its heartbeat is older than the next server's SYNC_STALE_SECONDS: that server marks it interrupted on start.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const next = await startServerProcess({ ...env, SYNC_STALE_SECONDS: '1' });
    expect(next.output()).toMatch(/Marked 1 interrupted sync run\(s\) as failed/);
    const run = await database.db.selectFrom('sync_runs').select(['status', 'message']).where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Interrupted: the server stopped during this run/) });
    const again = await stopTimed(next.child, 'SIGTERM');
    timings.push(`SIGTERM idle ${again.ms} ms`);
    expect(again.code).toBe(0);
  });
});
