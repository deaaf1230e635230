// The NACHA file benchmark in a process of its own, so its peak memory is its own.
// Seeds 100,000 scheduled payments (1,000 verified accounts) for Maple in SQL, then times the file the
// cutoff makes for them: read, decrypt, write with trace numbers, store with its entries, mark the
// payments. Beside it, the time to write the same number of bytes with no logic (repeating one line).
// Prints one JSON line.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createServices } from '../apps/server/src/composition.ts';
import { loadDemoData } from '../apps/server/src/demo/demo-data.ts';
import { createEncryptor } from '../apps/server/src/lib/encryption.ts';
import { MAPLE_BANK } from '../apps/server/src/test/payment-fixtures.ts';
import { createTestDatabase } from '../apps/server/src/test/test-database.ts';
import { TEST_SECRET_KEY } from '../apps/server/src/test/test-app.ts';

const PAYMENTS = Number(process.env.BENCH_ACH_PAYMENTS ?? 100_000);
const ACCOUNTS = 1000;

const database = await createTestDatabase({ serverUrl: process.env.BENCH_SERVER_URL });
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

// Seed: a unit, residents, users and accounts set-based; each account's numbers encrypted here, as the app would.
const unit = await db.selectFrom('units').innerJoin('properties', 'properties.id', 'units.property_id').select(['units.id', 'units.property_id']).where('properties.company_id', '=', maple.id).executeTakeFirstOrThrow();
const users = await sql<{ id: string }>`
  INSERT INTO users (email, role, first_name, last_name) SELECT 'payer' || n || '@example.com', 'resident', 'Payer', 'Number' || n FROM generate_series(1, ${ACCOUNTS}) n RETURNING id
`.execute(db);
const userIds = users.rows.map((row) => row.id);
const residents = await sql<{ id: string; user_id: string }>`
  INSERT INTO residents (company_id, user_id, unit_id, property_id, first_name, last_name, email, status, source, rent_cents, lease_start)
  SELECT ${maple.id}, u, ${unit.id}, ${unit.property_id}, 'Payer', 'Number', 'p' || ord || '@example.com', 'approved', 'portal_signup', 120000, DATE '2026-01-01'
  FROM unnest(${userIds}::uuid[]) WITH ORDINALITY AS t(u, ord) RETURNING id, user_id
`.execute(db);
const numbers = userIds.map((_, i) => encryptor.encrypt(JSON.stringify({ routingNumber: '021000021', accountNumber: String(100000000 + i) })));
const accounts = await sql<{ id: string; user_id: string }>`
  INSERT INTO bank_accounts (company_id, user_id, holder_name, account_type, numbers_encrypted, fingerprint, last4, status, micro_credit_1_cents, micro_credit_2_cents, verified_at)
  SELECT ${maple.id}, u, 'Payer Number', 'checking', enc, 'bench' || ord, right(ord::text, 4), 'verified', 1, 2, now()
  FROM unnest(${userIds}::uuid[], ${numbers}::text[]) WITH ORDINALITY AS t(u, enc, ord) RETURNING id, user_id
`.execute(db);
await sql`
  INSERT INTO payment_authorizations (company_id, resident_id, user_id, bank_account_id, kind, text, accepted_at, ip, user_agent)
  SELECT ${maple.id}, r.id, r.user_id, a.id, 'one_time', 'bench', now(), '127.0.0.1', 'bench' FROM residents r JOIN bank_accounts a ON a.user_id = r.user_id
`.execute(db);
await sql`
  INSERT INTO payments (company_id, resident_id, user_id, bank_account_id, authorization_id, amount_cents, payment_type, scheduled_for)
  SELECT ${maple.id}, pa.resident_id, pa.user_id, pa.bank_account_id, pa.id, 100000 + (n % 50000), 'S', DATE '2026-01-02'
  FROM generate_series(1, ${PAYMENTS}) n JOIN (SELECT row_number() OVER () - 1 AS k, * FROM payment_authorizations) pa ON pa.k = n % ${ACCOUNTS}
`.execute(db);
void residents;
void accounts;

global.gc?.();
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

const started = performance.now();
const file = await services.achFilesService.createFile(maple.id, { fileDay: '2026-01-05', actorUserId: null });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
if (!file || file.paymentCount !== PAYMENTS) throw new Error(`expected a file of ${PAYMENTS} payments, got ${file?.paymentCount}`);
const stored = await db.selectFrom('ach_files').select(sql<number>`octet_length(content)`.as('bytes')).where('id', '=', file.id).executeTakeFirstOrThrow();

// The same bytes with no logic: one 94-character line repeated, joined, written to a file.
const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-bench-ach-')), 'plain.txt');
const plainStarted = performance.now();
const line = `6${'2'.repeat(93)}`;
const lines = Math.ceil(Number(stored.bytes) / 95);
await fs.writeFile(out, `${Array.from({ length: lines }, () => line).join('\n')}\n`);
const plainSeconds = (performance.now() - plainStarted) / 1000;
await fs.rm(path.dirname(out), { recursive: true, force: true });

await database.drop();
console.log(
  JSON.stringify({
    payments: PAYMENTS,
    entries: file.entryCount,
    fileMegabytes: Math.round((Number(stored.bytes) / 2 ** 20) * 10) / 10,
    seconds: Math.round(seconds * 100) / 100,
    plainWriteSeconds: Math.round(plainSeconds * 1000) / 1000,
    baselineRssMegabytes: Math.round(baselineRss / 2 ** 20),
    peakRssMegabytes: Math.round(peakRss / 2 ** 20),
  }),
);
process.exit(0);
