import path from 'node:path';
import { buildApp } from './app.ts';
import { createServices, listenForAuthChanges, startWorkers } from './composition.ts';
import { ConfigError, loadConfig, SHUTDOWN_DEADLINE_MS } from './config/config.ts';
import { type DatabaseHandle, openConfiguredDatabase } from './db/database.ts';
import { EmbeddedPostgresError } from './db/embedded-postgres.ts';
import { migrateToLatest } from './db/migrator.ts';
import { DEMO_PASSWORD, DEMO_SIGN_INS, importDemoRentRoll, isDatabaseEmpty, loadDemoData } from './demo/demo-data.ts';
import { loadDemoPayments } from './demo/demo-payments.ts';
import { createLogger } from './http/logging.ts';
import { createJobQueue } from './jobs/job-queue.ts';
import { createEncryptor, resolveSecretKey } from './lib/encryption.ts';

const startedAt = performance.now();
/** How long requests in flight may take to finish once the server stops. */
const REQUEST_GRACE_MS = 5_000;
/** Kept here so a failed start still lets go of the embedded server it started. */
let openedDatabase: DatabaseHandle | undefined;

async function main() {
  const config = loadConfig();
  // Requests and background work (jobs, sync runs, the database pool) log here, pretty on a terminal or
  // LOG_FORMAT=pretty, JSON otherwise; start-up lines for the operator stay on the console.
  const logger = createLogger(config);
  const database = await openConfiguredDatabase(config, { logger, embedded: { log: (line) => console.log(line) } });
  openedDatabase = database;
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);

  const secret = resolveSecretKey(config.secretKey, config.dataDir);
  if (secret.generated) console.log(`Generated a secret key in ${path.join(config.dataDir, 'secret.key')} (set SECRET_KEY to share one between servers)`);
  const jobs = createJobQueue(database, { logger });
  await jobs.start();
  // Signed-in requests resolve their session from memory while this process hears every change to sessions and users.
  const authChanges = listenForAuthChanges(database, logger);
  const services = createServices({ db: database.db, databaseKind: database.kind, jobs, logger, encryptor: createEncryptor(secret.key), config, sessionCache: authChanges.sessionCache });

  const interrupted = await services.syncService.failInterrupted();
  if (interrupted.length > 0) console.log(`Marked ${interrupted.length} interrupted sync run(s) as failed`);

  const empty = await isDatabaseEmpty(database.db);
  if (empty && config.demoData) {
    await loadDemoData(database.db);
    const counts = await importDemoRentRoll(services);
    await loadDemoPayments(services);
    console.log(`Loaded demo data and imported Maple's rent roll (${counts.invited} invited, ${counts.waiting} waiting); Maple's bank is set up and one resident pays by ACH.`);
    console.log(`Sign in with password "${DEMO_PASSWORD}" as:`);
    for (const signIn of DEMO_SIGN_INS) console.log(`  ${signIn.role.padEnd(9)} ${signIn.email.padEnd(26)} (${signIn.who})`);
  } else if (empty) {
    console.log('The database has no accounts. Create the first support user with:');
    console.log('  npm run cli -- create-support-user --email you@example.com --first-name Ada --last-name Lovelace');
  }
  if (!config.smtpUrl) console.log('SMTP_URL is not set: emails stay in the outbox; support can read them under Dev mailbox.');

  await startWorkers(services, jobs, config);
  const app = await buildApp({ services, config, logger });
  await app.listen({ port: config.port, host: config.host });

  const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`;
  console.log(`RentLedger is ready at ${config.appUrl} on ${where} (started in ${Math.round(performance.now() - startedAt)} ms)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const stopping = performance.now();
    console.log(`${signal}: shutting down (at most ${SHUTDOWN_DEADLINE_MS / 1000} s)`);
    // Whatever hangs (a request, a batch, the database), the process is gone by the deadline.
    setTimeout(() => {
      console.error(`Shutdown did not finish in ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting now. A sync run still running is marked interrupted by the next start.`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      // Sync runs end after their batch in flight (committed whole) and are marked interrupted.
      const runsEnded = services.syncService.interrupt(`the server was stopped (${signal})`);
      // The server stops listening and answers 503 on kept-alive connections; idle ones close at once, requests
      // in flight get REQUEST_GRACE_MS, then their connections are cut (a stalled upload, a slow client).
      const cut = setTimeout(() => app.server.closeAllConnections(), REQUEST_GRACE_MS);
      await app.close();
      clearTimeout(cut);
      await runsEnded;
      await jobs.stop();
      await authChanges.stop();
      // The embedded server stops with the app, unless the CLI is still using it.
      await database.close();
      console.log(`Stopped in ${Math.round(performance.now() - stopping)} ms`);
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`Port ${(error as { port?: number }).port ?? ''} is in use: stop what runs there or set PORT`);
  else console.error('RentLedger failed to start:', error);
  await openedDatabase?.close().catch(() => undefined);
  process.exit(1);
});
