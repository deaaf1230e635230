import path from 'node:path';
import type { Services } from '../composition.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.ts';
import { recordAudit } from '../modules/audit/audit.repository.ts';
import fs from 'node:fs/promises';
import { uploadFromBuffer } from '../lib/upload.ts';
import { currentDemoRentRoll } from './demo-dates.ts';
import { hashPassword } from '../modules/auth/password.ts';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_SIGN_INS = [
  { role: 'landlord', email: 'manager@maple.demo', who: 'Maple Property Management' },
  { role: 'landlord', email: 'owner@birch.demo', who: 'Birch Rentals' },
  { role: 'resident', email: 'resident@demo.test', who: 'no residency yet' },
  { role: 'resident', email: 'kenji.davis@example.com', who: 'Maple resident paying rent by ACH, with autopay' },
  { role: 'support', email: 'support@rentledger.demo', who: 'RentLedger support' },
] as const;

type DemoProperty = {
  name: string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
  accountingCode: string;
  units: string[];
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

// 24 + 20 + 16 = 60 units.
const MAPLE_PROPERTIES: DemoProperty[] = [
  {
    name: 'Maple Court Apartments',
    street: '12 Maple Avenue',
    city: 'Columbus',
    state: 'OH',
    postalCode: '43215',
    accountingCode: 'mc01',
    units: [1, 2, 3].flatMap((floor) => range(1, 8).map((door) => `${floor}0${door}`)),
  },
  {
    name: 'Riverside Commons',
    street: '455 Riverside Drive',
    city: 'Columbus',
    state: 'OH',
    postalCode: '43202',
    accountingCode: 'rc02',
    units: ['A', 'B'].flatMap((building) => range(1, 10).map((door) => `${building}${door}`)),
  },
  {
    name: 'Oak Hollow Townhomes',
    street: '78 Oak Hollow Lane',
    city: 'Dublin',
    state: 'OH',
    postalCode: '43017',
    accountingCode: 'oh03',
    units: range(1, 16).map(String),
  },
];

const BIRCH_PROPERTY: DemoProperty = {
  name: 'Birch Street Flats',
  street: '310 Birch Street',
  city: 'Austin',
  state: 'TX',
  postalCode: '78704',
  accountingCode: 'BSF',
  units: range(1, 8).map(String),
};

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const [company, user] = await Promise.all([
    db.selectFrom('companies').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
  ]);
  return !company && !user;
}

async function insertProperty(trx: Kysely<Database>, companyId: string, property: DemoProperty) {
  const { id } = await trx
    .insertInto('properties')
    .values({
      company_id: companyId,
      name: property.name,
      street: property.street,
      city: property.city,
      state: property.state,
      postal_code: property.postalCode,
      accounting_code: property.accountingCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('units')
    .values(property.units.map((label) => ({ property_id: id, label, accounting_code: label })))
    .execute();
}

/** Loads the demo companies, properties and sign-ins in one transaction. */
export async function loadDemoData(db: Kysely<Database>): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const maple = await trx
      .insertInto('companies')
      // Maple's rent roll comes from its accounting system, its record of the portfolio: it lets imports create
      // the properties and units that system names (a file company's default is off).
      .values({ name: 'Maple Property Management', slug: 'maple', timezone: 'America/New_York', grace_days: 5, integration_kind: 'file', create_properties_from_accounting: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    const birch = await trx
      .insertInto('companies')
      .values({ name: 'Birch Rentals', slug: 'birch', timezone: 'America/Chicago', grace_days: 3, integration_kind: 'none' })
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const property of MAPLE_PROPERTIES) await insertProperty(trx, maple.id, property);
    await insertProperty(trx, birch.id, BIRCH_PROPERTY);

    await trx
      .insertInto('users')
      .values([
        { email: 'manager@maple.demo', role: 'landlord', company_id: maple.id, first_name: 'Morgan', last_name: 'Ellis', phone: '+1 614 555 0142', password_hash: passwordHash, email_verified_at: new Date() },
        { email: 'owner@birch.demo', role: 'landlord', company_id: birch.id, first_name: 'Riley', last_name: 'Chen', phone: '+1 512 555 0117', password_hash: passwordHash, email_verified_at: new Date() },
        { email: 'resident@demo.test', role: 'resident', company_id: null, first_name: 'Jordan', last_name: 'Rivera', phone: '+1 614 555 0199', password_hash: passwordHash, email_verified_at: new Date() },
        { email: 'support@rentledger.demo', role: 'support', company_id: null, first_name: 'Sam', last_name: 'Okafor', phone: null, password_hash: passwordHash, email_verified_at: new Date() },
      ])
      .execute();

    await recordAudit(trx, {
      actorUserId: null,
      companyId: null,
      action: 'demo_data.loaded',
      entityType: 'system',
      entityId: null,
      after: { companies: ['maple', 'birch'], users: DEMO_SIGN_INS.map((signIn) => signIn.email) },
    });
  });
}

/** Maple's rent roll, as its accounting system would export it: imported on the first start, its lease dates moved to today. */
export const DEMO_RENT_ROLL = path.join(import.meta.dirname, 'maple-rent-roll.csv');

export async function importDemoRentRoll(services: Services, today = new Date().toISOString().slice(0, 10)) {
  const maple = await services.db.selectFrom('companies').select('id').where('slug', '=', 'maple').executeTakeFirstOrThrow();
  const manager = await services.db.selectFrom('users').select('id').where('email', '=', 'manager@maple.demo').executeTakeFirstOrThrow();
  const runId = await services.syncService.startAndRun(manager.id, maple.id, {
    trigger: 'upload',
    format: 'csv',
    sourceName: 'maple-rent-roll.csv',
    upload: uploadFromBuffer(Buffer.from(currentDemoRentRoll(await fs.readFile(DEMO_RENT_ROLL, 'utf8'), today))),
  });
  const run = await services.db.selectFrom('sync_runs').select(['status', 'counts', 'message']).where('id', '=', runId).executeTakeFirstOrThrow();
  if (run.status !== 'succeeded') throw new Error(`The demo rent roll did not import: ${run.message}`);
  return run.counts as { invited: number; waiting: number };
}
