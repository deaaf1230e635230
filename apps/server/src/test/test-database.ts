import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';

/**
 * PGlite always; PostgreSQL when TEST_DATABASE_URL names a server. Under CI a
 * missing PostgreSQL is an error, never a silent skip.
 */
export function testDatabaseKinds(): DatabaseKind[] {
  if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.CI === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tier cannot run');
  return ['pglite'];
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
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

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(kind: DatabaseKind, options: { dataDir?: string } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dataDir = options.dataDir ?? null;
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      reopen: () => {
        if (!dataDir) throw new Error('reopen needs a PGlite dataDir');
        return openDatabase({ kind: 'pglite', dataDir });
      },
      drop: () => handle.close(),
    };
  }

  const name = `rentledger_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl(), name);
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: 25 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    reopen: () => openDatabase({ kind: 'postgres', url }),
    drop: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl() });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
