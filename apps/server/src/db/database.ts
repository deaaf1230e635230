import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
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
  // Fail at start-up, naming the problem, rather than on the first request.
  const client = await pool.connect().catch((error: Error) => {
    throw new Error(`Cannot connect to DATABASE_URL: ${error.message}`);
  });
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', url, pglite: null, close: () => db.destroy() };
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  if (dataDir) await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [pgliteTypes.DATE]: parseCalendarDate, [pgliteTypes.INT8]: parseInt8 },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', url: null, pglite, close: () => db.destroy() };
}
