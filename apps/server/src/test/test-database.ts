import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';

/**
 * Integration tests run on PostgreSQL: the server at TEST_DATABASE_URL, or the
 * embedded one the integration tier's global setup starts for the run (it
 * sets TEST_DATABASE_URL for the test workers). Each test file gets a fresh
 * database of its own on that server.
 */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the integration tier through vitest (its global setup starts an embedded server)');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export type TestDatabase = DatabaseHandle & {
  /** Opens a second handle on the same data, as a restarted server would. */
  reopen: () => Promise<DatabaseHandle>;
  drop: () => Promise<void>;
};

async function onServer(serverUrl: string, work: (client: pg.Client) => Promise<unknown>) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/** A fresh database of its own for one test file (on the test server unless told), migrated unless told otherwise. */
export async function createTestDatabase(options: { serverUrl?: string; migrate?: boolean; poolSize?: number } = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? testServerUrl();
  const name = `rentledger_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(serverUrl, name);
  const handle = await openDatabase({ url, poolSize: options.poolSize ?? 25 });
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    ...handle,
    reopen: () => openDatabase({ url }),
    drop: async () => {
      await handle.close();
      await onServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
