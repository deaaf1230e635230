import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterDirOf, EmbeddedPostgresError, makeReachable, startEmbeddedPostgres } from './embedded-postgres.ts';

const dirs: string[] = [];
async function tempDir(prefix: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    const pidFile = await fs.readFile(path.join(clusterDirOf(dir), 'postmaster.pid'), 'utf8').catch(() => null);
    if (pidFile) await (await startEmbeddedPostgres(dir)).stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
});

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const pidFileOf = (dataDir: string) => path.join(clusterDirOf(dataDir), 'postmaster.pid');
const isRunning = (dataDir: string) => fs.access(pidFileOf(dataDir)).then(() => true, () => false);

async function waitForExit(pid: number) {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process ${pid} did not exit`);
}

describe('the embedded PostgreSQL', () => {
  it('is created on first start, listens on loopback only, is joined by a second process and stopped by the last to let go', async () => {
    const dataDir = await tempDir('rentledger-embedded-');
    const first = await startEmbeddedPostgres(dataDir);
    expect(first.startedHere).toBe(true);
    expect((await fs.stat(path.join(dataDir, 'postgres.password'))).mode & 0o777).toBe(0o600);
    const [settings] = await query<{ listen: string; sockets: string; version: string; trgm: string }>(
      first.url,
      "SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets, current_setting('server_version_num') AS version, (SELECT count(*)::text FROM pg_available_extensions WHERE name = 'pg_trgm') AS trgm",
    );
    expect(settings).toEqual({ listen: '127.0.0.1', sockets: '', version: expect.stringMatching(/^18/), trgm: '1' });
    // A wrong password is refused: the server is not open to anyone on the machine.
    await expect(query(first.url.replace(/:[^:@]+@/, ':wrong@'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);

    // The CLI beside a running app: joins, and leaves it running for the app.
    const second = await startEmbeddedPostgres(dataDir);
    expect(second).toMatchObject({ startedHere: false, port: first.port, url: first.url });
    const app = new pg.Client({ connectionString: first.url });
    await app.connect();
    await second.release();
    expect(await isRunning(dataDir)).toBe(true);
    await app.query('SELECT 1');
    await app.end();

    await first.release();
    expect(await isRunning(dataDir)).toBe(false);
  });

  it('is not stopped under a process whose connections have all gone idle, when another one lets go', async () => {
    // An idle app holds no pool connection after 10 s; a second start (or a CLI command) that lets go
    // must still see it and leave the server running.
    const dataDir = await tempDir('rentledger-embedded-idle-');
    const app = await startEmbeddedPostgres(dataDir);
    const second = await startEmbeddedPostgres(dataDir);
    expect(second.startedHere).toBe(false);
    await second.release();
    expect(await isRunning(dataDir)).toBe(true);
    expect(await query(app.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await app.release();
    expect(await isRunning(dataDir)).toBe(false);
  });

  it('recovers after a crash: a killed server, and a postmaster.pid whose process id now belongs to another program', async () => {
    const dataDir = await tempDir('rentledger-embedded-crash-');
    const server = await startEmbeddedPostgres(dataDir);
    await query(server.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$committed before the crash$$)');
    const postmaster = Number((await fs.readFile(pidFileOf(dataDir), 'utf8')).split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    await waitForExit(postmaster);
    expect(await isRunning(dataDir)).toBe(true);

    const restarted = await startEmbeddedPostgres(dataDir);
    expect(restarted.startedHere).toBe(true);
    expect(await query(restarted.url, 'SELECT note FROM kept')).toEqual([{ note: 'committed before the crash' }]);
    await restarted.stop();

    // After a reboot the old process id can be anyone's: here, this test's own.
    const cluster = clusterDirOf(dataDir);
    await fs.writeFile(pidFileOf(dataDir), `${process.pid}\n${cluster}\n0\n5432\n\n127.0.0.1\n0 0\nready   \n`);
    const again = await startEmbeddedPostgres(dataDir);
    expect(again.startedHere).toBe(true);
    expect(await query(again.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1 }]);
    await again.stop();
  });

  it("as root, names a directory above DATA_DIR that the server's OS user cannot enter", async () => {
    const parent = await tempDir('rentledger-closed-');
    const dataDir = path.join(parent, 'data');
    await fs.mkdir(dataDir, { mode: 0o711 });
    await fs.chmod(parent, 0o700);
    const stranger = { uid: 4_000_000, gid: 4_000_000 };
    const attempt = makeReachable(dataDir, stranger);
    await expect(attempt).rejects.toThrow(EmbeddedPostgresError);
    await expect(makeReachable(dataDir, stranger)).rejects.toThrow(`cannot enter ${parent}`);
  });
});
