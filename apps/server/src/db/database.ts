import fs from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './database.types.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The PostgreSQL URL (for pg-boss's own pool); null on PGlite. */
  url: string | null;
  /** The embedded database itself (for pg-boss's adapter); null on PostgreSQL. */
  pglite: PGlite | null;
  close: () => Promise<void>;
};

// Both drivers would turn `date` into a JS Date at local midnight, shifting a
// lease date by a day in some time zones: keep calendar dates as text. Counts
// (int8) fit in a JS number.
const DATE_OID = 1082;
const INT8_OID = 20;
const parseCalendarDate = (value: string) => value;
const parseInt8 = (value: string) => Number(value);

export type DatabaseTarget = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir: string | null };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.poolSize) : openPglite(target.dataDir);
}

async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return parseCalendarDate;
        if (oid === INT8_OID) return parseInt8;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closed (restart, failover) must not crash the process; the pool reconnects.
  pool.on('error', (error) => {
    if ((error as { code?: string }).code !== '57P01') console.error('database connection lost:', error.message);
  });
  // Fail at start-up, naming the problem, rather than on the first request.
  const client = await pool.connect().catch((error: Error) => {
    throw new Error(`Cannot connect to DATABASE_URL: ${error.message}`);
  });
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', url, pglite: null, close: () => db.destroy() };
}

export class DatabaseInUseError extends Error {}

/**
 * PGlite's files belong to one process at a time. A lock file with our pid
 * turns a second opener (the CLI while the server runs) into a clear error
 * instead of a corrupted database.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  const holder = Number(await fs.readFile(lockFile, 'utf8').catch(() => ''));
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new DatabaseInUseError(`The embedded database in ${dataDir} is in use by process ${holder}: stop that server first, or use DATABASE_URL`);
  }
  await fs.writeFile(lockFile, String(process.pid));
  return () => fs.rm(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  if (dataDir) await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => undefined;
  // Loaded only when used: the WebAssembly build costs ~50 MB a process on PostgreSQL would not need.
  const { PGlite, types: pgliteTypes } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const pglite = await PGlite.create({
    extensions: { pg_trgm },
    ...(dataDir ? { dataDir } : {}),
    parsers: { [pgliteTypes.DATE]: parseCalendarDate, [pgliteTypes.INT8]: parseInt8 },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    url: null,
    pglite,
    close: async () => {
      await db.destroy();
      await unlock();
    },
  };
}
