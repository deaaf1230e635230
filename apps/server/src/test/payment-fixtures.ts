import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.ts';
import { createEncryptor } from '../lib/encryption.ts';
import { TEST_SECRET_KEY } from './test-app.ts';

/** Bank settings a test gives Maple: valid routing numbers, a cutoff late enough that "now" is today's file. */
export const MAPLE_BANK = {
  immediateDestination: '011000015',
  immediateDestinationName: 'Federal Reserve Bank',
  immediateOrigin: '1234567890',
  immediateOriginName: 'Maple Property Mgmt',
  companyName: 'Maple Property',
  companyIdentification: '1234567890',
  entryDescription: 'RENT',
  settlementRoutingNumber: '011000015',
  settlementAccountNumber: '5550001234',
  settlementAccountType: 'checking',
  balancedFiles: true,
  cutoffTime: '23:59',
  paymentWindow: { kind: 'any_day' },
  maxPaymentCents: null,
  sftp: null,
} as const;

/**
 * A payer written straight into the tables: a resident user on an approved Maple residency with a verified
 * account and one scheduled payment. For walks that need a record of each kind, not for the payment rules.
 */
export async function insertPayer(db: Kysely<Database>, companyId: string, n = 0) {
  const { user, resident, account } = await insertVerifiedPayer(db, companyId, n);
  return insertScheduledPayment(db, companyId, { userId: user.id, residentId: resident.id, bankAccountId: account.id });
}

/** A resident user on an approved residency (an invited one of the company's, taken over) with a verified account. */
export async function insertVerifiedPayer(db: Kysely<Database>, companyId: string, n = 0) {
  const user = await db
    .insertInto('users')
    .values({ email: n === 0 ? 'walk-payer@example.com' : `payer-${n}@example.com`, role: 'resident', first_name: 'Walk', last_name: `Payer${n || ''}`, email_verified_at: new Date() })
    .returning(['id', 'email', 'first_name', 'last_name'])
    .executeTakeFirstOrThrow();
  const resident = await db
    .updateTable('residents')
    .set({ user_id: user.id, status: 'approved', approved_at: new Date() })
    .where('id', '=', (eb) => eb.selectFrom('residents').select('id').where('company_id', '=', companyId).where('status', '=', 'invited').where('unit_id', 'is not', null).where('rent_cents', 'is not', null).where('lease_start', 'is not', null).orderBy('accounting_resident_id').limit(1))
    .returning(['id', 'rent_cents'])
    .executeTakeFirstOrThrow();
  const accountNumber = String(4440001111 + n);
  const numbers = createEncryptor(TEST_SECRET_KEY).encrypt(JSON.stringify({ routingNumber: '021000021', accountNumber }));
  const account = await db
    .insertInto('bank_accounts')
    .values({ company_id: companyId, user_id: user.id, holder_name: 'Walk Payer', account_type: n % 2 === 0 ? 'checking' : 'savings', numbers_encrypted: numbers, fingerprint: `walk-${n}`, last4: accountNumber.slice(-4), status: 'verified', micro_credit_1_cents: 3, micro_credit_2_cents: 4, verified_at: new Date(), created_at: new Date(), updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { user, resident, account };
}

async function insertScheduledPayment(db: Kysely<Database>, companyId: string, { userId, residentId, bankAccountId }: { userId: string; residentId: string; bankAccountId: string }) {
  const user = { id: userId };
  const resident = { id: residentId };
  const account = { id: bankAccountId };
  const authorization = await db
    .insertInto('payment_authorizations')
    .values({ company_id: companyId, resident_id: resident.id, user_id: user.id, bank_account_id: account.id, kind: 'one_time', text: 'ACH DEBIT AUTHORIZATION (walk)', accepted_at: new Date(), ip: '127.0.0.1', user_agent: 'walk' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const payment = await db
    .insertInto('payments')
    .values({ company_id: companyId, resident_id: resident.id, user_id: user.id, bank_account_id: account.id, authorization_id: authorization.id, amount_cents: 1000, payment_type: 'S', scheduled_for: '2026-01-02', idempotency_key: null, created_at: new Date(), updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: user.id, residentId: resident.id, bankAccountId: account.id, paymentId: payment.id };
}
