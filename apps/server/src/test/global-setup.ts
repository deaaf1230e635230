import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../db/embedded-postgres.ts';

/**
 * Before the integration tier: the PostgreSQL server the tests create their
 * databases on. TEST_DATABASE_URL when set; otherwise one embedded server for
 * the whole run, so a machine without PostgreSQL runs every test. Durability
 * is traded for speed there: nothing in it outlives the run.
 */
export default async function setup() {
  if (process.env.TEST_DATABASE_URL) {
    console.log('Integration tests run on PostgreSQL at TEST_DATABASE_URL');
    return undefined;
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-test-pg-'));
  const started = performance.now();
  let server: EmbeddedPostgres;
  try {
    server = await startEmbeddedPostgres(dataDir, { settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' } });
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  // Test workers are started after this and inherit the environment.
  process.env.TEST_DATABASE_URL = server.url;
  console.log(`Integration tests run on an embedded PostgreSQL started for this run (${Math.round(performance.now() - started)} ms)`);
  return async () => {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
