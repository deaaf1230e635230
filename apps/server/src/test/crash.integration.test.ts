import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { rentRollCsv } from './rent-roll-generator.ts';
import { signIn, startServerProcess, stopServerProcess } from './server-process.ts';

const ROWS = 12_000;
const BATCH = 500;

async function countImported(db: DatabaseHandle) {
  const { rows } = await sql<{ records: number; residents: number }>`
    SELECT (SELECT count(*) FROM accounting_records WHERE accounting_resident_id LIKE 'crash-%') AS records,
           (SELECT count(*) FROM residents WHERE accounting_resident_id LIKE 'crash-%') AS residents
  `.execute(db.db);
  return { records: Number(rows[0]?.records), residents: Number(rows[0]?.residents) };
}

/** The app's own database as another process sees it: joins the embedded server without stopping it afterwards. */
async function inspect(dataDir: string): Promise<DatabaseHandle> {
  const server = await startEmbeddedPostgres(dataDir);
  // Closing lets go of the server too, as the app's handle does: a process that joined it holds it until then.
  return openDatabase({ url: server.url, onClose: server.release });
}

// On the default engine: the embedded PostgreSQL outlives the killed app, and the restarted app joins it.
describe('a server killed mid-sync', () => {
  it('leaves no half-applied row; the run shows as interrupted and a new run completes the work', { timeout: 240_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-crash-'));
    const env = { DATA_DIR: dataDir, DATABASE_URL: '', SYNC_BATCH_SIZE: String(BATCH), SYNC_STALE_SECONDS: '2', SYNC_BATCH_PAUSE_MS: '100' };
    const file = rentRollCsv({ properties: 12, unitsPerProperty: ROWS / 12, prefix: 'crash' });

    const first = await startServerProcess(env);
    const manager = await signIn(first.url, 'manager@maple.demo');
    const started = await manager.upload('big.csv', file);
    expect(started.status).toBe(202);
    const runId = started.body.syncRunId as string;
    for (;;) {
      const run = await manager.get(`/api/sync-runs/${runId}`);
      if (run.status === 'running' && run.progress.processed >= BATCH) break;
      expect(run.status).not.toBe('succeeded');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await stopServerProcess(first.child, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const crashed = await inspect(dataDir);
    const afterCrash = await countImported(crashed);
    await crashed.close();
    expect(afterCrash.records).toBeGreaterThan(0);
    expect(afterCrash.records).toBeLessThan(ROWS);
    expect(afterCrash.records % BATCH).toBe(0);
    expect(afterCrash.residents).toBe(afterCrash.records);

    const second = await startServerProcess(env);
    const again = await signIn(second.url, 'manager@maple.demo');
    const interrupted = await again.get(`/api/sync-runs/${runId}`);
    expect(interrupted).toMatchObject({ status: 'failed' });
    expect(interrupted.message).toMatch(/Interrupted/);

    const rerun = await again.upload('big.csv', file);
    expect(rerun.status).toBe(202);
    let finished: { status: string; counts: Record<string, number> } | undefined;
    for (let i = 0; i < 1200 && !finished; i++) {
      const run = await again.get(`/api/sync-runs/${rerun.body.syncRunId}`);
      if (run.status === 'succeeded' || run.status === 'failed') finished = run;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(finished).toMatchObject({ status: 'succeeded', counts: { created: ROWS - afterCrash.records, unchanged: afterCrash.records, errors: 0 } });
    await stopServerProcess(second.child);

    // The second server stopped the embedded PostgreSQL on its way out; it starts again for a last look.
    const server = await startEmbeddedPostgres(dataDir);
    expect(server.startedHere).toBe(true);
    const final = await openDatabase({ url: server.url });
    expect(await countImported(final)).toEqual({ records: ROWS, residents: ROWS });
    await final.close();
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});
