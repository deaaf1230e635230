// The rent period analysis at company scale, in a process of its own (so its peak memory is its own).
// Seeds, in SQL, one company's residents (100,000 unless BENCH_RENT_RESIDENTS says), each in a unit of their own
// (100 properties), approved before the year, with 12 months of payments: most on time, some late, some short,
// some returned, December's still processing, and a mark paid outside for one in twenty. Then times:
//   - the analysis of every resident through `rentPeriodsService.analyzeResidents` (read, analyse, visit);
//   - the same pages read with no analysis (the reader's own queries alone);
//   - one bare SELECT of the same rows (residents joined to their payments), fetched through a cursor.
// Prints one JSON line.
import { sql } from 'kysely';
import pg from 'pg';
import { loadDemoData } from '../apps/server/src/demo/demo-data.ts';
import { createRentPeriodsRepository } from '../apps/server/src/modules/payments/rent-periods.repository.ts';
import { createRentPeriodsService } from '../apps/server/src/modules/payments/rent-periods.service.ts';
import { createTestDatabase } from '../apps/server/src/test/test-database.ts';

const RESIDENTS = Number(process.env.BENCH_RENT_RESIDENTS ?? 100_000);
const PROPERTIES = Math.max(1, Math.min(100, Math.floor(RESIDENTS / 10)));
const MONTHS = 12;
// The analysis runs on 20 December 2026 (New York): January to December, December decided on the 7th.
const CLOCK = new Date('2026-12-20T17:00:00Z');

const database = await createTestDatabase({ serverUrl: process.env.BENCH_SERVER_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
await loadDemoData(database.db);
const db = database.db;
const maple = await db.selectFrom('companies').select(['id']).where('slug', '=', 'maple').executeTakeFirstOrThrow();

const seedStarted = performance.now();
await sql`
  INSERT INTO properties (company_id, name, street, city, state, postal_code)
  SELECT ${maple.id}, 'Bench Court ' || p, p || ' Bench St', 'Columbus', 'OH', '43215' FROM generate_series(1, ${PROPERTIES}) p
`.execute(db);
await sql`
  INSERT INTO units (property_id, label)
  SELECT p.id, 'U' || n FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM properties WHERE company_id = ${maple.id} AND name LIKE 'Bench Court %') p
  JOIN generate_series(0, ${RESIDENTS - 1}) n ON n % ${PROPERTIES} = p.k
`.execute(db);
await sql`
  INSERT INTO users (email, role, first_name, last_name)
  SELECT 'bench-payer' || n || '@example.com', 'resident', 'Payer', 'Number' || n FROM generate_series(1, ${RESIDENTS}) n
`.execute(db);
await sql`
  INSERT INTO residents (company_id, user_id, unit_id, property_id, first_name, last_name, email, status, source, rent_cents, due_day, lease_start, month_to_month, approved_at)
  SELECT ${maple.id}, u.id, un.id, un.property_id, 'Payer', u.last_name, u.email, 'approved', 'portal_signup', 100000 + (u.k % 50) * 1000, 1, DATE '2026-01-01', true, TIMESTAMPTZ '2025-12-15 15:00Z'
  FROM (SELECT id, last_name, email, row_number() OVER (ORDER BY id) AS k FROM users WHERE email LIKE 'bench-payer%') u
  JOIN (SELECT id, property_id, row_number() OVER (ORDER BY id) AS k FROM units WHERE label LIKE 'U%') un ON un.k = u.k
`.execute(db);
await sql`
  INSERT INTO bank_accounts (company_id, user_id, holder_name, account_type, numbers_encrypted, fingerprint, last4, status, micro_credit_1_cents, micro_credit_2_cents, verified_at)
  SELECT ${maple.id}, r.user_id, 'Payer Number', 'checking', 'not-decrypted-here', 'bench-' || r.user_id, '1234', 'verified', 1, 2, now()
  FROM residents r WHERE r.email LIKE 'bench-payer%'
`.execute(db);
await sql`
  INSERT INTO payment_authorizations (company_id, resident_id, user_id, bank_account_id, kind, text, accepted_at, ip, user_agent)
  SELECT ${maple.id}, r.id, r.user_id, a.id, 'one_time', 'bench', now(), '127.0.0.1', 'bench' FROM residents r JOIN bank_accounts a ON a.user_id = r.user_id
  WHERE r.email LIKE 'bench-payer%'
`.execute(db);
// Month m (1-12) of resident k: paid on day 1 + (k + m) % 5, or the 9th one month in 10 (late: the grace ends on the 6th),
// one payment in 40 short by $100, one in 60 returned R01 a few days later, December's processing.
await sql`
  INSERT INTO payments (company_id, resident_id, user_id, bank_account_id, authorization_id, amount_cents, payment_type, status, scheduled_for, effective_date, return_code, returned_at, settled_at)
  SELECT ${maple.id}, pa.resident_id, pa.user_id, pa.bank_account_id, pa.id,
    r.rent_cents - CASE WHEN (pa.k + m) % 40 = 0 THEN 10000 ELSE 0 END,
    'S',
    CASE WHEN m = 12 THEN 'processing' WHEN (pa.k * 7 + m) % 60 = 0 THEN 'returned' ELSE 'settled' END,
    make_date(2026, m, pay_day),
    make_date(2026, m, pay_day),
    CASE WHEN m <> 12 AND (pa.k * 7 + m) % 60 = 0 THEN 'R01' END,
    CASE WHEN m <> 12 AND (pa.k * 7 + m) % 60 = 0 THEN make_date(2026, m, pay_day) + interval '3 days 15 hours' END,
    CASE WHEN m <> 12 THEN make_date(2026, m, pay_day) + interval '1 day' END
  FROM (SELECT *, row_number() OVER (ORDER BY resident_id) AS k FROM payment_authorizations WHERE text = 'bench') pa
  JOIN residents r ON r.id = pa.resident_id
  CROSS JOIN generate_series(1, ${MONTHS}) m
  CROSS JOIN LATERAL (SELECT (CASE WHEN (pa.k + m) % 10 = 0 THEN 9 ELSE 1 + (pa.k + m) % 5 END)::int AS pay_day) d
`.execute(db);
await sql`
  INSERT INTO paid_outside_marks (company_id, resident_id, month, amount_cents, paid_on, note)
  SELECT ${maple.id}, r.id, '2026-03', r.rent_cents, DATE '2026-03-04', 'Paid by check'
  FROM (SELECT id, rent_cents, row_number() OVER (ORDER BY id) AS k FROM residents WHERE email LIKE 'bench-payer%') r WHERE r.k % 20 = 0
`.execute(db);
await sql`ANALYZE`.execute(db);
const seedSeconds = (performance.now() - seedStarted) / 1000;
const counts = await sql<{ residents: string; payments: string; marks: string }>`
  SELECT (SELECT count(*) FROM residents WHERE company_id = ${maple.id} AND status IN ('approved', 'current', 'finished')) AS residents,
         (SELECT count(*) FROM payments WHERE company_id = ${maple.id} AND status IN ('processing', 'settled', 'returned')) AS payments,
         (SELECT count(*) FROM paid_outside_marks) AS marks
`.execute(db);

const repository = createRentPeriodsRepository(db);
const service = createRentPeriodsService({ db, repository, now: () => CLOCK });

global.gc?.();
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

// 1. The analysis, as a caller gets it: every resident's months, counted by status.
const statuses: Record<string, number> = {};
let analysed = 0;
let periods = 0;
let batches = 0;
const started = performance.now();
await service.analyzeResidents({ companyId: maple.id }, (batch) => {
  batches += 1;
  for (const resident of batch) {
    analysed += 1;
    for (const period of resident.periods) {
      periods += 1;
      statuses[period.status] = (statuses[period.status] ?? 0) + 1;
    }
  }
});
const analysisSeconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const analysisPeakRss = peakRss;

// 2. The same pages, read with no analysis: the reader's three queries a page alone.
const readerStarted = performance.now();
let readerPayments = 0;
for (let after: string | null = null; ; ) {
  const residents = await repository.residentsPage({ companyId: maple.id }, after, 2000);
  if (residents.length === 0) break;
  const ids = residents.map((resident) => resident.id);
  const [payments] = await Promise.all([repository.paymentsOf(ids), repository.marksOf(ids)]);
  readerPayments += payments.length;
  after = ids[ids.length - 1] ?? null;
}
const readerSeconds = (performance.now() - readerStarted) / 1000;

// 3. One bare SELECT of the same rows (every resident's lease facts beside each of their payments), 10,000 rows
// a fetch through a cursor: what PostgreSQL and the driver take to hand the rows over, with no logic.
const client = new pg.Client({ connectionString: database.url });
await client.connect();
const bareStarted = performance.now();
let bareRows = 0;
await client.query('BEGIN');
await client.query(
  `DECLARE bare NO SCROLL CURSOR FOR
   SELECT r.id, r.lease_start, r.lease_end, r.rent_cents, r.due_day, r.approved_at, c.grace_days, c.timezone, p.amount_cents, p.status, p.effective_date, p.returned_at
   FROM residents r JOIN companies c ON c.id = r.company_id LEFT JOIN payments p ON p.resident_id = r.id AND p.status IN ('processing', 'settled', 'returned')
   WHERE r.company_id = '${maple.id}' AND r.deleted_at IS NULL AND r.status IN ('approved', 'current', 'finished')`,
);
for (;;) {
  const page = await client.query({ text: 'FETCH 10000 FROM bare', rowMode: 'array' });
  bareRows += page.rowCount ?? 0;
  if ((page.rowCount ?? 0) === 0) break;
}
await client.query('COMMIT');
const bareSeconds = (performance.now() - bareStarted) / 1000;
await client.end();

// The plans of the reader's queries on a page from the middle, for the report.
const middle = await sql<{ id: string }>`SELECT id FROM residents WHERE company_id = ${maple.id} ORDER BY id OFFSET ${Math.floor(RESIDENTS / 2)} LIMIT 1`.execute(db);
const explain = async (query: ReturnType<typeof sql>) => (await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(db)).rows.map((row) => row['QUERY PLAN'].replace(/\{[^}]{100,}\}/, '{...ids}'));
const pageIds = (await repository.residentsPage({ companyId: maple.id }, middle.rows[0]?.id ?? null, 2000)).map((resident) => resident.id);
const plans = process.env.BENCH_EXPLAIN === '1'
  ? {
      residents: await explain(sql`SELECT residents.id FROM residents JOIN companies ON companies.id = residents.company_id WHERE residents.deleted_at IS NULL AND residents.status IN ('approved', 'current', 'finished') AND residents.company_id = ${maple.id} AND residents.id > ${middle.rows[0]?.id} ORDER BY residents.id LIMIT 2000`),
      payments: await explain(sql`SELECT resident_id, amount_cents, status, effective_date, returned_at FROM payments WHERE resident_id = any(${pageIds}::uuid[]) AND status IN ('processing', 'settled', 'returned')`),
    }
  : undefined;

await database.drop();
console.log(
  JSON.stringify({
    residents: Number(counts.rows[0]?.residents),
    payments: Number(counts.rows[0]?.payments),
    marks: Number(counts.rows[0]?.marks),
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    analysed,
    periods,
    batches,
    statuses,
    analysisSeconds: Math.round(analysisSeconds * 100) / 100,
    readerSeconds: Math.round(readerSeconds * 100) / 100,
    readerPayments,
    bareSelectSeconds: Math.round(bareSeconds * 100) / 100,
    bareRows,
    baselineRssMegabytes: Math.round(baselineRss / 2 ** 20),
    peakRssMegabytes: Math.round(analysisPeakRss / 2 ** 20),
    plans,
  }),
);
process.exit(0);
