import type { Services } from '../composition.ts';
import type { Principal } from '../modules/auth/principal.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { DEMO_PASSWORD } from './demo-data.ts';

/** The demo payer: a Maple resident from the rent roll whom no test uses, approved, paying by ACH with autopay. */
export const DEMO_PAYER = { email: 'kenji.davis@example.com', accountingResidentId: 't0001060' } as const;

/** Maple's bank as the demo has it: test routing numbers with valid check digits, nothing real. */
const MAPLE_DEMO_BANK = {
  immediateDestination: '011000015',
  immediateDestinationName: 'Federal Reserve Bank',
  immediateOrigin: '1311000015',
  immediateOriginName: 'Maple Property Mgmt',
  companyName: 'Maple Property',
  companyIdentification: '1311000015',
  entryDescription: 'RENT',
  settlementRoutingNumber: '011000015',
  settlementAccountNumber: '5550001234',
  settlementAccountType: 'checking' as const,
  balancedFiles: true,
  cutoffTime: '19:45',
  paymentWindow: { kind: 'any_day' as const },
  maxPaymentCents: null,
  sftp: null,
};

function principalOf(user: { id: string; email: string; first_name: string; last_name: string; role: 'landlord' | 'resident' }, company: { id: string; name: string; slug: string } | null): Principal {
  return { userId: user.id, email: user.email, firstName: user.first_name, lastName: user.last_name, role: user.role, company, emailVerified: true, twoFactorEnabled: false, twoFactorSetupRequired: false, via: 'session', sessionId: 'demo', csrfToken: 'demo' };
}

/**
 * ACH payments as a newcomer should find them on the first start: Maple's bank settings, and Kenji Davis (unit 15)
 * approved with a verified account (its micro-entries went out in Maple's first file and were confirmed), one rent
 * payment in the day's file, and autopay on the 1st. Everything goes through the services, as a person would.
 */
export async function loadDemoPayments(services: Services): Promise<{ payer: string }> {
  const { db } = services;
  const company = await db.selectFrom('companies').select(['id', 'name', 'slug']).where('slug', '=', 'maple').executeTakeFirstOrThrow();
  const manager = await db.selectFrom('users').select(['id', 'email', 'first_name', 'last_name']).where('email', '=', 'manager@maple.demo').executeTakeFirstOrThrow();
  const landlord = principalOf({ ...manager, role: 'landlord' }, company);
  await services.paymentSettingsService.put(landlord, MAPLE_DEMO_BANK);

  const resident = await db.selectFrom('residents').select(['id', 'first_name', 'last_name', 'rent_cents']).where('company_id', '=', company.id).where('accounting_resident_id', '=', DEMO_PAYER.accountingResidentId).executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({ email: DEMO_PAYER.email, role: 'resident', first_name: resident.first_name, last_name: resident.last_name, password_hash: await hashPassword(DEMO_PASSWORD), email_verified_at: new Date() })
    .returning(['id', 'email', 'first_name', 'last_name'])
    .executeTakeFirstOrThrow();
  // As if Kenji had accepted the invitation from Maple's rent roll and the landlord had approved the lease.
  await db.updateTable('invitations').set({ accepted_at: new Date() }).where('resident_id', '=', resident.id).where('accepted_at', 'is', null).execute();
  await db.updateTable('residents').set({ user_id: user.id, status: 'approved', approved_at: new Date(), approved_by: manager.id }).where('id', '=', resident.id).execute();
  const payer = principalOf({ ...user, role: 'resident' }, null);

  const account = await services.bankAccountsService.add(payer, { residentId: resident.id, holderName: `${resident.first_name} ${resident.last_name}`, routingNumber: '021000021', accountNumber: '000123456789', accountType: 'checking' });
  await services.achFilesService.createFile(company.id, { actorUserId: manager.id });
  const sent = await db.selectFrom('bank_accounts').select(['micro_credit_1_cents', 'micro_credit_2_cents']).where('id', '=', account.id).executeTakeFirstOrThrow();
  await services.bankAccountsService.verify(payer, account.id, [sent.micro_credit_1_cents, sent.micro_credit_2_cents]);

  const meta = { ip: '127.0.0.1', userAgent: 'RentLedger demo data' };
  await services.paymentsService.create(payer, { residentId: resident.id, bankAccountId: account.id, amountCents: resident.rent_cents ?? 100000, authorizationAccepted: true }, 'demo-first-payment', meta);
  await services.achFilesService.createFile(company.id, { actorUserId: manager.id });
  await services.autopayService.put(payer, resident.id, { bankAccountId: account.id, dayOfMonth: 1, kind: 'fixed', amountCents: resident.rent_cents ?? 100000, authorizationAccepted: true }, meta);
  return { payer: DEMO_PAYER.email };
}
