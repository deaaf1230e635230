import path from 'node:path';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { DEMO_PASSWORD, DEMO_SIGN_INS, isDatabaseEmpty, loadDemoData } from './demo/demo-data.ts';

const startedAt = performance.now();

async function main() {
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') },
  );
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);

  const empty = await isDatabaseEmpty(database.db);
  if (empty && config.demoData) {
    await loadDemoData(database.db);
    console.log(`Loaded demo data. Sign in with password "${DEMO_PASSWORD}" as:`);
    for (const signIn of DEMO_SIGN_INS) console.log(`  ${signIn.role.padEnd(9)} ${signIn.email.padEnd(26)} (${signIn.who})`);
  } else if (empty) {
    console.log('The database has no accounts. Create the first support user with:');
    console.log('  npm run cli -- create-support-user --email you@example.com --first-name Ada --last-name Lovelace');
  }

  const app = await buildApp({ db: database.db, databaseKind: database.kind, config });
  await app.listen({ port: config.port, host: config.host });

  const where = database.kind === 'postgres' ? 'PostgreSQL' : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  console.log(`RentLedger is ready at ${config.appUrl} on ${where} (started in ${Math.round(performance.now() - startedAt)} ms)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down`);
    await app.close();
    // PGlite writes its files on close; skipping this risks a slow recovery next start.
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('RentLedger failed to start:', error);
  process.exit(1);
});
