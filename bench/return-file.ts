// A bank's return file of 10,000 entries (BENCH_RETURN_ENTRIES) applied through the returns service, in a process
// of its own (so its peak memory is its own). Seeds, in SQL, Maple's residents each with a verified account and one
// payment in a bank file (processing, with its trace number); writes the bank's file for them with
// test/return-files.ts: 70% R01 (presented again), 20% R03 (the account disabled), 10% R10 (blocked); then times
// readReturnFile (one transaction: every return, retry, account change, notification, email and audit event).
// Prints one JSON line.
import { sql } from 'kysely';
import { createServices } from '../apps/server/src/composition.ts';
import { loadDemoData } from '../apps/server/src/demo/demo-data.ts';
import { createEncryptor } from '../apps/server/src/lib/encryption.ts';
import { MAPLE_BANK } from '../apps/server/src/test/payment-fixtures.ts';
import { type BankAnswer, bankReturnFile } from '../apps/server/src/test/return-files.ts';
import { TEST_SECRET_KEY } from '../apps/server/src/test/test-app.ts';
import { createTestDatabase } from '../apps/server/src/test/test-database.ts';

const ENTRIES = Number(process.env.BENCH_RETURN_ENTRIES ?? 10_000);

const database = await createTestDatabase({ serverUrl: process.env.BENCH_SERVER_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
await loadDemoData(database.db);
const db = database.db;
const encryptor = createEncryptor(TEST_SECRET_KEY);
const services = createServices({ db, databaseKind: database.kind, jobs: null, encryptor, config: { sessionDays: 14, appUrl: 'http://bench', smtpUrl: undefined, mailFrom: 'bench@example.com', demoData: true } });
const maple = await db.selectFrom('companies').select(['id', 'name', 'slug']).where('slug', '=', 'maple').executeTakeFirstOrThrow();
const manager = await db.selectFrom('users').select(['id', 'email', 'first_name', 'last_name']).where('email', '=', 'manager@maple.demo').executeTakeFirstOrThrow();
await services.paymentSettingsService.put(
  { userId: manager.id, email: manager.email, firstName: manager.first_name, lastName: manager.last_name, role: 'landlord', company: maple, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 'bench', csrfToken: 'bench' },
  { ...MAPLE_BANK, settlementAccountType: 'checking', paymentWindow: { kind: 'any_day' }, sftp: null, maxPaymentCents: null },
);

const seedStarted = performance.now();
const unit = await db.selectFrom('units').innerJoin('properties', 'properties.id', 'units.property_id').select(['units.id', 'units.property_id']).where('properties.company_id', '=', maple.id).executeTakeFirstOrThrow();
await sql`
  INSERT INTO users (email, role, first_name, last_name, email_verified_at) SELECT 'returned' || n || '@example.com', 'resident', 'Payer', 'Number' || n, now() FROM generate_series(1, ${ENTRIES}) n
`.execute(db);
await sql`
  INSERT INTO residents (company_id, user_id, unit_id, property_id, first_name, last_name, email, status, source, rent_cents, lease_start, approved_at)
  SELECT ${maple.id}, u.id, ${unit.id}, ${unit.property_id}, 'Payer', u.last_name, u.email, 'approved', 'portal_signup', 120000, DATE '2026-01-01', TIMESTAMPTZ '2025-12-15 15:00Z'
  FROM users u WHERE u.email LIKE 'returned%'
`.execute(db);
const numbers = encryptor.encrypt(JSON.stringify({ routingNumber: '021000021', accountNumber: '100000001' }));
await sql`
  INSERT INTO bank_accounts (company_id, user_id, holder_name, account_type, numbers_encrypted, fingerprint, last4, status, micro_credit_1_cents, micro_credit_2_cents, verified_at)
  SELECT ${maple.id}, u.id, 'Payer Number', 'checking', ${numbers}, 'bench-' || u.id, '0001', 'verified', 1, 2, now() FROM users u WHERE u.email LIKE 'returned%'
`.execute(db);
await sql`
  INSERT INTO payment_authorizations (company_id, resident_id, user_id, bank_account_id, kind, text, accepted_at, ip, user_agent)
  SELECT ${maple.id}, r.id, r.user_id, a.id, 'one_time', 'bench', now(), '127.0.0.1', 'bench' FROM residents r JOIN bank_accounts a ON a.user_id = r.user_id WHERE r.email LIKE 'returned%'
`.execute(db);
const file = await db
  .insertInto('ach_files')
  .values({ company_id: maple.id, file_date: '2026-12-07', file_id_modifier: 'A', effective_date: '2026-12-08', content: 'bench', sha256: 'bench', batch_count: 1, entry_count: ENTRIES, debit_total_cents: ENTRIES * 120000, credit_total_cents: 0 })
  .returning('id')
  .executeTakeFirstOrThrow();
// Trace numbers: Maple's ODFI (the first 8 digits of its immediate destination) and a sequence.
const traces = await sql<{ trace_number: string; amount_cents: number }>`
  INSERT INTO payments (company_id, resident_id, user_id, bank_account_id, authorization_id, amount_cents, payment_type, status, scheduled_for, effective_date, ach_file_id, trace_number)
  SELECT ${maple.id}, pa.resident_id, pa.user_id, pa.bank_account_id, pa.id, 120000, 'S', 'processing', DATE '2026-12-07', DATE '2026-12-08', ${file.id}, '01100001' || lpad(k::text, 7, '0')
  FROM (SELECT *, row_number() OVER (ORDER BY id) AS k FROM payment_authorizations WHERE text = 'bench') pa
  RETURNING trace_number, amount_cents
`.execute(db);
await sql`ANALYZE`.execute(db);
const seedSeconds = (performance.now() - seedStarted) / 1000;

const answers: BankAnswer[] = traces.rows.map((row, i) => ({ kind: 'return', code: i % 10 < 7 ? 'R01' : i % 10 < 9 ? 'R03' : 'R10', originalTrace: row.trace_number, amountCents: row.amount_cents }));
const content = bankReturnFile(answers);

global.gc?.();
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const started = performance.now();
const summary = await services.achReturnsService.readReturnFile({ companyId: maple.id, name: 'RETURNS.ACH', content, source: 'cli', actorUserId: null });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
if (summary.returns !== ENTRIES) throw new Error(`expected ${ENTRIES} returns applied, got ${JSON.stringify(summary)}`);
const after = await sql<{ returned: string; retries: string; outbox: string; notifications: string; audit: string }>`
  SELECT (SELECT count(*) FROM payments WHERE status = 'returned') AS returned,
         (SELECT count(*) FROM payments WHERE retry_of IS NOT NULL) AS retries,
         (SELECT count(*) FROM email_outbox) AS outbox,
         (SELECT count(*) FROM notifications) AS notifications,
         (SELECT count(*) FROM audit_events) AS audit
`.execute(db);

// The plans of the per-entry queries that grow with the data (BENCH_EXPLAIN=1), after the file: 7,000 retries scheduled.
let plans: Record<string, string[]> | undefined;
if (process.env.BENCH_EXPLAIN === '1') {
  const account = await db.selectFrom('payments').select(['bank_account_id', 'trace_number']).where('status', '=', 'scheduled').executeTakeFirstOrThrow();
  const explain = async (query: ReturnType<typeof sql>) => (await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(db)).rows.map((row) => row['QUERY PLAN']);
  const trace = traces.rows[5000]?.trace_number ?? '';
  plans = {
    paymentByTrace: await explain(sql`SELECT payments.id FROM payments JOIN residents ON residents.id = payments.resident_id JOIN users ON users.id = payments.user_id JOIN bank_accounts ON bank_accounts.id = payments.bank_account_id WHERE payments.company_id = ${maple.id} AND payments.trace_number = ${trace}`),
    cancelScheduledOn: await db.transaction().execute(async (trx) => {
      const plan = (await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) UPDATE payments SET status = 'cancelled' WHERE bank_account_id = ${account.bank_account_id} AND status = 'scheduled'`.execute(trx)).rows.map((row) => row['QUERY PLAN']);
      await sql`ROLLBACK`.execute(trx).catch(() => undefined);
      return plan;
    }).catch((error: unknown) => [String(error)]),
  };
}

// The same file again: nothing changes (its SHA-256 was read).
const againStarted = performance.now();
const again = await services.achReturnsService.readReturnFile({ companyId: maple.id, name: 'RETURNS.ACH', content, source: 'cli', actorUserId: null });
const againSeconds = (performance.now() - againStarted) / 1000;

await database.drop();
console.log(
  JSON.stringify({
    entries: ENTRIES,
    fileMegabytes: Math.round((Buffer.byteLength(content) / 2 ** 20) * 100) / 100,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    seconds: Math.round(seconds * 100) / 100,
    summary,
    after: Object.fromEntries(Object.entries(after.rows[0] ?? {}).map(([key, value]) => [key, Number(value)])),
    againSeconds: Math.round(againSeconds * 1000) / 1000,
    againAlreadyRead: again.alreadyRead,
    baselineRssMegabytes: Math.round(baselineRss / 2 ** 20),
    peakRssMegabytes: Math.round(peakRss / 2 ** 20),
    plans,
  }),
);
process.exit(0);
