import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config/config.ts';
import type { Database } from './database.types.ts';
import { type EmbeddedPostgresOptions, startEmbeddedPostgres } from './embedded-postgres.ts';

/** Where the PostgreSQL server comes from: started by us under DATA_DIR, or DATABASE_URL. Same code either way. */
export type DatabaseKind = 'embedded' | 'postgres';

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The connection URL (pg-boss, COPY, backups open connections of their own). */
  url: string;
  close: () => Promise<void>;
};

// The driver would turn `date` into a JS Date at local midnight, shifting a
// lease date by a day in some time zones: keep calendar dates as text. Counts
// (int8) fit in a JS number.
const DATE_OID = 1082;
const INT8_OID = 20;
const parseCalendarDate = (value: string) => value;
const parseInt8 = (value: string) => Number(value);

/** Where a lost connection is told: the app's logger (main.ts); unset, nowhere. */
export type DatabaseLogger = { error(details: object, message: string): void };

export async function openDatabase(options: { url: string; kind?: DatabaseKind; poolSize?: number; onClose?: () => Promise<void>; logger?: DatabaseLogger }): Promise<DatabaseHandle> {
  const { url, kind = 'postgres', poolSize = 10 } = options;
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: 'rentledger',
    // Closing the pool leaves an idle timer behind that would keep a finished CLI command alive for 10 s.
    allowExitOnIdle: true,
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
    if ((error as { code?: string }).code !== '57P01') options.logger?.error({ err: error }, 'Database connection lost');
  });
  // Fail at start-up, naming the problem, rather than on the first request.
  const client = await pool.connect().catch((error: Error) => {
    throw new Error(`Cannot connect to ${kind === 'embedded' ? 'the embedded PostgreSQL' : 'DATABASE_URL'}: ${error.message}`);
  });
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind,
    url,
    close: async () => {
      await db.destroy();
      await options.onClose?.();
    },
  };
}

/**
 * The database the configuration names: DATABASE_URL, else the embedded
 * server under DATA_DIR (started, or joined when another process runs it).
 * Closing the handle lets go of the embedded server: the last process stops it.
 */
export async function openConfiguredDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>,
  options: { poolSize?: number; embedded?: EmbeddedPostgresOptions; logger?: DatabaseLogger } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openDatabase({ url: config.databaseUrl, kind: 'postgres', poolSize: options.poolSize, logger: options.logger });
  const server = await startEmbeddedPostgres(config.dataDir, options.embedded);
  try {
    return await openDatabase({ url: server.url, kind: 'embedded', poolSize: options.poolSize, onClose: server.release, logger: options.logger });
  } catch (error) {
    await server.release();
    throw error;
  }
}
