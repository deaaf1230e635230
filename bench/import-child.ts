// One import benchmark in a process of its own, so its peak memory is its own.
// Prints one JSON line: rows/s of the first import and of an unchanged
// re-import, the invitations and outbox emails the first one left, peak RSS,
// and the COPY ceiling of the same database.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadDemoData } from '../apps/server/src/demo/demo-data.ts';
import { createServices, type Services } from '../apps/server/src/composition.ts';
import { createEncryptor } from '../apps/server/src/lib/encryption.ts';
import { type Upload, uploadFromBuffer, uploadFromFile } from '../apps/server/src/lib/upload.ts';
import { rentRollCsv } from '../apps/server/src/test/rent-roll-generator.ts';
import { createTestDatabase } from '../apps/server/src/test/test-database.ts';

const kind = process.argv[2] ?? 'postgres';
const properties = Number(process.env.BENCH_PROPERTIES ?? 100);
const unitsPerProperty = Number(process.env.BENCH_UNITS ?? 100);
const ledgersPerUnit = Number(process.env.BENCH_LEDGERS_PER_UNIT ?? 10);
const rows = Number(process.env.BENCH_ROWS ?? properties * unitsPerProperty * ledgersPerUnit);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

async function timedImport(services: Services, companyId: string, file: Upload) {
  const started = performance.now();
  const runId = await services.syncService.startAndRun(null, companyId, { trigger: 'upload', format: 'csv', sourceName: 'bench.csv', upload: file });
  const seconds = (performance.now() - started) / 1000;
  const run = await services.db.selectFrom('sync_runs').select(['status', 'counts', 'message']).where('id', '=', runId).executeTakeFirstOrThrow();
  if (run.status !== 'succeeded') throw new Error(`import failed: ${run.message}`);
  return { seconds, rowsPerSecond: Math.round(rows / seconds), counts: run.counts };
}

async function copyCeiling(database: Awaited<ReturnType<typeof createTestDatabase>>, csv: string) {
  await sql`CREATE TABLE bench_copy (property_code text, property_name text, address text, city text, state text, postal_code text, unit text,
    resident_id text, first_name text, last_name text, email text, phone text, lease_start date, lease_end date, rent numeric, balance numeric,
    status text, do_not_accept_payments text)`.execute(database.db);
  const started = performance.now();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await pipeline(Readable.from([csv]), client.query(copyFrom('COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER)')));
  await client.end();
  return Math.round(rows / ((performance.now() - started) / 1000));
}

const database = await createTestDatabase({ serverUrl: process.env.BENCH_SERVER_URL });
await loadDemoData(database.db);
// The services a server process runs the import with, without the HTTP layer.
const services = createServices({
  db: database.db,
  databaseKind: database.kind,
  jobs: null,
  encryptor: createEncryptor('bench-secret-key-that-is-long-enough-123'),
  config: { sessionDays: 14, appUrl: 'http://localhost:3000', smtpUrl: undefined, mailFrom: 'bench@localhost', syncBatchSize: Number(process.env.BENCH_BATCH ?? 2000) },
});
const maple = await database.db.selectFrom('companies').select('id').where('slug', '=', 'maple').executeTakeFirstOrThrow();
// The file as an upload arrives: streamed from disk (written by the parent process), never read whole.
const file = process.env.BENCH_FILE
  ? await uploadFromFile(process.env.BENCH_FILE)
  : uploadFromBuffer(Buffer.from(rentRollCsv({ properties, unitsPerProperty, ledgersPerUnit, prefix: 'bench' })));
const baselineRss = process.memoryUsage().rss;
peakRss = baselineRss;
const first = await timedImport(services, maple.id, file);
// What the first import issued: one invitation and one outbox email per invited resident.
const invitations = Number((await database.db.selectFrom('invitations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const outboxEmails = Number(
  (await database.db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('idempotency_key', 'like', 'invitation:%').executeTakeFirstOrThrow()).n,
);
const again = await timedImport(services, maple.id, file);
// Peak memory covers the two imports only, not the COPY below.
clearInterval(sampler);
const text: Buffer[] = [];
for await (const chunk of file.open()) text.push(chunk);
const copy = await copyCeiling(database, Buffer.concat(text).toString('utf8'));
if (process.env.BENCH_KEEP) console.error(`kept ${database.url}`);
else await database.drop();
console.log(
  JSON.stringify({
    kind,
    rows,
    fileMegabytes: Number((file.sizeBytes / 2 ** 20).toFixed(1)),
    first: { seconds: Number(first.seconds.toFixed(2)), rowsPerSecond: first.rowsPerSecond, counts: first.counts },
    reimport: { seconds: Number(again.seconds.toFixed(2)), rowsPerSecond: again.rowsPerSecond, counts: again.counts },
    invitations,
    outboxEmails,
    baselineRssMegabytes: Math.round(baselineRss / 2 ** 20),
    peakRssMegabytes: Math.round(peakRss / 2 ** 20),
    copyRowsPerSecond: copy,
  }),
);
