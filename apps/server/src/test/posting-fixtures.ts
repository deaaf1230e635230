import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.ts';
import { createIntegrationConnections } from '../modules/integration/integration.service.ts';
import { createIntegrationRepository } from '../modules/integration/integration.repository.ts';
import type { Principal } from '../modules/auth/principal.ts';
import { localDateIn } from '../modules/payments/banking-calendar.domain.ts';
import { createPostingsRepository } from '../modules/payments/postings.repository.ts';
import { createPostingsService } from '../modules/payments/postings.service.ts';
import { createEncryptor } from '../lib/encryption.ts';
import { silentLogger } from '../jobs/job-definition.ts';
import { insertVerifiedPayer } from './payment-fixtures.ts';
import { bankReturnFile } from './return-files.ts';
import { TEST_SECRET_KEY, type TestContext } from './test-app.ts';

export type Payer = Awaited<ReturnType<typeof insertVerifiedPayer>>;

export const residentPrincipal = (payer: Payer): Principal => ({ userId: payer.user.id, email: payer.user.email, firstName: payer.user.first_name, lastName: payer.user.last_name, role: 'resident', company: null, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 's', csrfToken: 'c' });


/** The postings service as composition.ts builds it, on a clock the test moves. */
export function postingsOnClock(db: Kysely<Database>, clock: { now: Date }, batchSize?: number) {
  const connections = createIntegrationConnections({ repository: createIntegrationRepository(db), encryptor: createEncryptor(TEST_SECRET_KEY) });
  return createPostingsService({ db, repository: createPostingsRepository(db), connectionOf: connections.connectionOf, logger: silentLogger, now: () => clock.now, ...(batchSize ? { batchSize } : {}) });
}

/**
 * A payment made, put in the day's file and settled (its effective date brought to today, as the bank's
 * settlement day would): the settling transaction makes its posting.
 */
export async function settledPayment(ctx: TestContext, companyId: string, payer: Payer, amountCents: number, key: string): Promise<{ id: string; trace: string }> {
  const { payment } = await ctx.services.paymentsService.create(residentPrincipal(payer), { residentId: payer.resident.id, bankAccountId: payer.account.id, amountCents, authorizationAccepted: true }, key, { ip: '127.0.0.1', userAgent: 'test' });
  await ctx.services.achFilesService.createFile(companyId, { actorUserId: null });
  const today = localDateIn(new Date(), 'America/New_York');
  await ctx.database.db.updateTable('payments').set({ effective_date: today }).where('id', '=', payment.id).where('status', '=', 'processing').execute();
  await ctx.services.achFilesService.settleDue();
  const row = await ctx.database.db.selectFrom('payments').select(['status', 'trace_number']).where('id', '=', payment.id).executeTakeFirstOrThrow();
  if (row.status !== 'settled') throw new Error(`payment not settled: ${row.status}`);
  return { id: payment.id, trace: row.trace_number ?? '' };
}

/** The bank returns the payment (R03: no retry, so no new payment comes of it). */
export async function returned(ctx: TestContext, companyId: string, payment: { trace: string }, amountCents: number, name: string, code = 'R03') {
  return ctx.services.achReturnsService.readReturnFile({ companyId, name, content: bankReturnFile([{ kind: 'return', code, originalTrace: payment.trace, amountCents }]), source: 'cli', actorUserId: null });
}

export const postingOf = (db: Kysely<Database>, paymentId: string, kind: 'payment' | 'reversal' = 'payment') =>
  db.selectFrom('accounting_postings').selectAll().where('payment_id', '=', paymentId).where('kind', '=', kind).executeTakeFirst();
