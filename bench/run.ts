// `npm run bench`: HTTP throughput of the API against a bare Fastify route
// measured in the same run (the machine's own ceiling), on PGlite and, when
// PostgreSQL answers, on PostgreSQL. Figures only; no pass/fail.
import os from 'node:os';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { DatabaseKind } from '../apps/server/src/db/database.ts';
import { DEMO_PASSWORD, loadDemoData } from '../apps/server/src/demo/demo-data.ts';
import { assembleApp } from '../apps/server/src/test/test-app.ts';
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

async function benchDatabase(kind: DatabaseKind): Promise<Row[]> {
  const database = await createTestDatabase(kind);
  await loadDemoData(database.db);
  const { app } = await assembleApp(database);
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

async function postgresAvailable(): Promise<boolean> {
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  try {
    const db = await createTestDatabase('postgres');
    await db.drop();
    return true;
  } catch {
    return false;
  }
}

const rows: Row[] = [await bareBaseline(), ...(await benchDatabase('pglite'))];
if (await postgresAvailable()) rows.push(...(await benchDatabase('postgres')));
else console.log('PostgreSQL not reachable: set TEST_DATABASE_URL to include it.');

console.log(`\nMachine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_SECONDS}s per target\n`);
console.log(`${'target'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)}`);
for (const row of rows) {
  console.log(
    `${row.target.padEnd(44)} ${String(row.requestsPerSecond).padStart(8)} ${String(row.p50).padStart(7)} ${String(row.p99).padStart(7)} ${String(row.errors).padStart(7)}`,
  );
}
