// `npm run bench`: HTTP throughput of the API against a bare Fastify route
// measured in the same run (the machine's own ceiling), on the embedded
// PostgreSQL (the default engine, started here with the settings `npm start`
// gives it) and, when one answers, on the PostgreSQL server at
// TEST_DATABASE_URL (default 127.0.0.1:5432). Figures only; no pass/fail.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startEmbeddedPostgres } from '../apps/server/src/db/embedded-postgres.ts';
import { benchStartupAndMemory, startCommand } from './startup-memory.ts';
import { DEMO_PASSWORD, loadDemoData } from '../apps/server/src/demo/demo-data.ts';
import { assembleApp } from '../apps/server/src/test/test-app.ts';
import { rentRollCsv } from '../apps/server/src/test/rent-roll-generator.ts';
import { createTestDatabase } from '../apps/server/src/test/test-database.ts';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;

type Row = { target: string; requestsPerSecond: number; p50: number; p99: number; errors: number };

async function load(url: string, headers: Record<string, string> = {}): Promise<Omit<Row, 'target'>> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function bareBaseline(): Promise<Row> {
  const app = Fastify();
  app.get('/bare', async () => ({ status: 'ok' }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const row = { target: 'bare Fastify route (ceiling)', ...(await load(`${address}/bare`)) };
  await app.close();
  return row;
}

type Server = { kind: string; url: string };

async function benchDatabase({ kind, url }: Server): Promise<Row[]> {
  const database = await createTestDatabase({ serverUrl: url });
  await loadDemoData(database.db);
  const { app } = await assembleApp(database, { sessionCache: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@maple.demo', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const rows: Row[] = [];
  rows.push({ target: `${kind}: GET /api/health`, ...(await load(`${address}/api/health`)) });
  rows.push({ target: `${kind}: GET /api/tasks (signed in)`, ...(await load(`${address}/api/tasks`, { cookie })) });
  rows.push({ target: `${kind}: GET /api/properties (60 units)`, ...(await load(`${address}/api/properties`, { cookie })) });
  await app.close();
  await database.drop();
  return rows;
}

async function postgresAvailable(url: string): Promise<boolean> {
  try {
    const db = await createTestDatabase({ serverUrl: url });
    await db.drop();
    return true;
  } catch {
    return false;
  }
}

type ImportResult = {
  kind: string;
  rows: number;
  fileMegabytes: number;
  first: { seconds: number; rowsPerSecond: number; counts?: Record<string, number> };
  reimport: { seconds: number; rowsPerSecond: number; counts?: Record<string, number> };
  baselineRssMegabytes: number;
  peakRssMegabytes: number;
  copyRowsPerSecond: number;
  invitations: number;
  outboxEmails: number;
};

/** Each import runs in a process of its own, so its peak memory is measured alone. */
function benchImport({ kind, url }: Server, file: string, rowCount: number, nodeFlags: string[] = []): ImportResult {
  const child = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(import.meta.dirname, 'import-child.ts'), kind], {
    env: { ...process.env, BENCH_FILE: file, BENCH_ROWS: String(rowCount), BENCH_SERVER_URL: url },
    encoding: 'utf8',
    maxBuffer: 10 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`import benchmark on ${kind} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as ImportResult;
}

// First, alone on the machine: start-up and idle memory of the server as `npm start` runs it.
const startup = await benchStartupAndMemory();

const embeddedDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-bench-pg-'));
const embeddedServer = await startEmbeddedPostgres(embeddedDir);
const embedded: Server = { kind: 'embedded', url: embeddedServer.url };
const postgres: Server = { kind: 'postgres', url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' };
const hasPostgres = await postgresAvailable(postgres.url);
if (!hasPostgres) console.log('No PostgreSQL server at TEST_DATABASE_URL (or 127.0.0.1:5432): measuring the embedded one only.');

const rows: Row[] = [await bareBaseline(), ...(await benchDatabase(embedded))];
if (hasPostgres) rows.push(...(await benchDatabase(postgres)));

// Accounting import: 100 properties x 100 units, each unit's current ledger and 9 earlier ones.
const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ledgersPerUnit = 10;
const units = importRows / ledgersPerUnit;
const rentRoll = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-bench-')), 'rent-roll.csv');
await fs.writeFile(rentRoll, rentRollCsv({ properties: 100, unitsPerProperty: units / 100, ledgersPerUnit, prefix: 'bench' }));
// The same number of rows as a first import of current residents only (9 in 10 with an email): an invitation
// and an outbox email for 90% of the rows.
const invitingRoll = path.join(path.dirname(rentRoll), 'rent-roll-residents.csv');
await fs.writeFile(invitingRoll, rentRollCsv({ properties: 100, unitsPerProperty: importRows / 100, ledgersPerUnit: 1, prefix: 'bench' }));
// With npm start's heap flags (as the CLI runs), and without them: V8 lets garbage pile up while memory is plentiful.
const startFlags = (await startCommand()).filter((arg) => arg.startsWith('--max-'));
const imports = [
  { ...benchImport(embedded, rentRoll, importRows, startFlags), kind: 'embedded' },
  ...(hasPostgres
    ? [
        { ...benchImport(postgres, rentRoll, importRows, startFlags), kind: 'postgres' },
        { ...benchImport(postgres, rentRoll, importRows), kind: 'postgres, no heap flags' },
      ]
    : []),
];
const invitingImports = [
  { ...benchImport(embedded, invitingRoll, importRows, startFlags), kind: 'embedded' },
  ...(hasPostgres ? [{ ...benchImport(postgres, invitingRoll, importRows, startFlags), kind: 'postgres' }] : []),
];
await fs.rm(path.dirname(rentRoll), { recursive: true, force: true });

// Onboarding at scale: 1,000,000 units and accounting records (seeding takes a minute or two).
type ScaleResult = {
  units: number;
  accountingRecords: number;
  pendingResidents: number;
  searchMs: Record<string, number>;
  searchFoundRate: number;
  searchByNameMs: Record<string, number>;
  searchByNameFoundRate: number;
  signupMatchingMs: Record<string, number>;
  pendingListMs: Record<string, number>;
  tasks: ScaleLoad;
  bareRoute: ScaleLoad;
};
/** p95 from every response's time; p97.5 and p99 are autocannon's. */
type ScaleLoad = { requestsPerSecond: number; p50: number; p95: number; p97_5: number; p99: number; errors: number };
let scale: ScaleResult | undefined;
if (process.env.BENCH_SKIP_SCALE !== '1') {
  const server = hasPostgres ? postgres : embedded;
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'onboarding-scale.ts')], { env: { ...process.env, BENCH_SERVER_URL: server.url }, encoding: 'utf8', maxBuffer: 10 * 2 ** 20 });
  if (child.status !== 0) throw new Error(`onboarding scale benchmark failed:\n${child.stderr}`);
  scale = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as ScaleResult;
}

// A day's NACHA file of 100,000 payments, in a process of its own (npm start's heap flags), beside the same bytes written with no logic.
type AchFileResult = { payments: number; entries: number; fileMegabytes: number; seconds: number; plainWriteSeconds: number; baselineRssMegabytes: number; peakRssMegabytes: number };
const achServer = hasPostgres ? postgres : embedded;
const achChild = spawnSync(process.execPath, [...startFlags, '--import', 'tsx', path.join(import.meta.dirname, 'ach-file-child.ts')], { env: { ...process.env, BENCH_SERVER_URL: achServer.url }, encoding: 'utf8', maxBuffer: 10 * 2 ** 20 });
if (achChild.status !== 0) throw new Error(`NACHA file benchmark failed:\n${achChild.stderr}`);
const achFile = JSON.parse(achChild.stdout.trim().split('\n').at(-1) ?? '{}') as AchFileResult;

// Rent period analysis of 100,000 residents x 12 months (BENCH_RENT_RESIDENTS), and a return file of 10,000 entries
// (BENCH_RETURN_ENTRIES): each in a process of its own with npm start's heap flags.
type RentAnalysisResult = { residents: number; payments: number; marks: number; seedSeconds: number; periods: number; batches: number; statuses: Record<string, number>; analysisSeconds: number; readerSeconds: number; bareSelectSeconds: number; bareRows: number; baselineRssMegabytes: number; peakRssMegabytes: number };
type ReturnFileResult = { entries: number; fileMegabytes: number; seconds: number; summary: { returns: number; retries: number }; after: Record<string, number>; againSeconds: number; baselineRssMegabytes: number; peakRssMegabytes: number };
function benchChild<T>(file: string, what: string): T {
  const child = spawnSync(process.execPath, [...startFlags, '--import', 'tsx', path.join(import.meta.dirname, file)], { env: { ...process.env, BENCH_SERVER_URL: achServer.url }, encoding: 'utf8', maxBuffer: 10 * 2 ** 20 });
  if (child.status !== 0) throw new Error(`${what} benchmark failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as T;
}
const rentAnalysis = benchChild<RentAnalysisResult>('rent-analysis.ts', 'rent analysis');
const returnFile = benchChild<ReturnFileResult>('return-file.ts', 'return file');

await embeddedServer.stop();
await fs.rm(embeddedDir, { recursive: true, force: true });

console.log(`\nMachine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`\nCompiled server on the embedded PostgreSQL (npm start's node flags), fresh DATA_DIR:`);
console.log(`  first start to healthy (initdb, migrations, demo data)  ${startup.firstStartMs} ms`);
console.log(`  restart to healthy                                     ${startup.restartMs} ms`);
console.log(`  server process RSS, idle                               ${startup.serverRssMegabytes} MB`);
console.log(`  embedded PostgreSQL PSS, idle (${startup.embeddedPostgresProcesses} processes)          ${startup.embeddedPostgresPssMegabytes} MB`);
for (const [label, upload] of [['CSV rent roll', startup.upload], ['MITS XML file', startup.mitsUpload]] as const) {
  console.log(`  upload and import of a ${upload.fileMegabytes} MB ${label} (${upload.rows.toLocaleString('en-US')} rows)     ${upload.seconds} s`);
  console.log(`    GET /api/health meanwhile (${upload.healthChecks} checks)             max ${upload.healthMaxMs} ms, p99 ${upload.healthP99Ms} ms`);
  console.log(`    server process peak RSS during it (VmHWM)            ${upload.serverPeakRssMegabytes} MB`);
}
console.log('');
console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_SECONDS}s per target\n`);
console.log(`${'target'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)}`);
for (const row of rows) {
  console.log(
    `${row.target.padEnd(44)} ${String(row.requestsPerSecond).padStart(8)} ${String(row.p50).padStart(7)} ${String(row.p99).padStart(7)} ${String(row.errors).padStart(7)}`,
  );
}

const importTable = (title: string, results: ImportResult[]) => {
  console.log(title);
  console.log(`${'database'.padEnd(34)} ${'first rows/s'.padStart(13)} ${'re-import rows/s'.padStart(17)} ${'speed-up'.padStart(9)} ${'peak RSS MB'.padStart(12)} ${'(baseline)'.padStart(11)} ${'COPY ceiling rows/s'.padStart(20)}`);
  for (const result of results) {
    const speedUp = (result.first.seconds / result.reimport.seconds).toFixed(2);
    console.log(
      `${result.kind.padEnd(34)} ${String(result.first.rowsPerSecond).padStart(13)} ${String(result.reimport.rowsPerSecond).padStart(17)} ${`${speedUp}x`.padStart(9)} ${String(result.peakRssMegabytes).padStart(12)} ${`(${result.baselineRssMegabytes})`.padStart(11)} ${String(result.copyRowsPerSecond).padStart(20)}`,
    );
  }
};
importTable(
  `\nAccounting import (node ${startFlags.join(' ')} unless said): ${importRows.toLocaleString('en-US')} rows (${units.toLocaleString('en-US')} units in 100 properties, ${ledgersPerUnit} ledgers per unit), ${imports[0]?.fileMegabytes ?? 0} MB CSV`,
  imports,
);
const inviting = invitingImports[0];
importTable(
  `\nFirst import of current residents (node ${startFlags.join(' ')}): ${importRows.toLocaleString('en-US')} rows (one per unit), ${(inviting?.first.counts?.invited ?? 0).toLocaleString('en-US')} invited: ${(inviting?.invitations ?? 0).toLocaleString('en-US')} invitations and ${(inviting?.outboxEmails ?? 0).toLocaleString('en-US')} outbox emails, ${inviting?.fileMegabytes ?? 0} MB CSV`,
  invitingImports,
);

if (scale) {
  const ms = (m: Record<string, number>) => `p50 ${m.p50} / p95 ${m.p95} / p99 ${m.p99} ms`;
  console.log(`\nOnboarding on PostgreSQL: ${scale.units.toLocaleString('en-US')} units, ${scale.accountingRecords.toLocaleString('en-US')} accounting records, ${scale.pendingResidents.toLocaleString('en-US')} pending`);
  console.log(`  rental search (typed with typos)   ${ms(scale.searchMs)}  (intended property found ${Math.round(scale.searchFoundRate * 100)}%)`);
 console.log(`  rental search by name (typo)       ${ms(scale.searchByNameMs)}  (intended property found ${Math.round(scale.searchByNameFoundRate * 100)}%)`);
  console.log(`  sign-up matching                   ${ms(scale.signupMatchingMs)}`);
  console.log(`  pending list, 20,000 residents     ${ms(scale.pendingListMs)}`);
  const loadLine = (l: ScaleLoad) => `${String(l.requestsPerSecond).padStart(6)} req/s, p50 ${l.p50} / p95 ${l.p95} / p97.5 ${l.p97_5} / p99 ${l.p99} ms, ${l.errors} errors`;
  console.log(`  GET /api/tasks, 50 connections     ${loadLine(scale.tasks)}`);
  console.log(`  bare Fastify route, same run       ${loadLine(scale.bareRoute)}`);
}

console.log(`\nNACHA file on ${achServer.kind} (node ${startFlags.join(' ')}): ${achFile.payments.toLocaleString('en-US')} payments, ${achFile.entries.toLocaleString('en-US')} entries, ${achFile.fileMegabytes} MB`);
console.log(`  read, decrypt, write, store, mark the payments     ${achFile.seconds} s`);
console.log(`  the same bytes written with no logic               ${achFile.plainWriteSeconds} s`);
console.log(`  peak RSS of the process                            ${achFile.peakRssMegabytes} MB (${achFile.baselineRssMegabytes} MB before the file)`);

console.log(`\nRent period analysis on ${achServer.kind} (node ${startFlags.join(' ')}): ${rentAnalysis.residents.toLocaleString('en-US')} residents, ${rentAnalysis.payments.toLocaleString('en-US')} payments, ${rentAnalysis.marks.toLocaleString('en-US')} marks paid outside`);
console.log(`  analyzeResidents, every resident and month (${rentAnalysis.periods.toLocaleString('en-US')} months, ${rentAnalysis.batches} batches)  ${rentAnalysis.analysisSeconds} s (target under 30 s)`);
console.log(`  the same pages read with no analysis               ${rentAnalysis.readerSeconds} s`);
console.log(`  a bare SELECT of the same rows (${rentAnalysis.bareRows.toLocaleString('en-US')}, by cursor)    ${rentAnalysis.bareSelectSeconds} s`);
console.log(`  peak RSS of the process                            ${rentAnalysis.peakRssMegabytes} MB (${rentAnalysis.baselineRssMegabytes} MB before)`);
console.log(`  months by status                                   ${Object.entries(rentAnalysis.statuses).map(([status, count]) => `${status} ${count.toLocaleString('en-US')}`).join(', ')}`);
console.log(`\nReturn file on ${achServer.kind} (node ${startFlags.join(' ')}): ${returnFile.entries.toLocaleString('en-US')} entries, ${returnFile.fileMegabytes} MB`);
console.log(`  read and applied in one transaction                ${returnFile.seconds} s (target under 10 s); ${returnFile.summary.retries.toLocaleString('en-US')} presented again, ${(returnFile.after.outbox ?? 0).toLocaleString('en-US')} emails`);
console.log(`  the same file again (nothing changes)              ${returnFile.againSeconds} s`);
console.log(`  peak RSS of the process                            ${returnFile.peakRssMegabytes} MB (${returnFile.baselineRssMegabytes} MB before the file)`);
