import type { Company, StaffUser } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

function selectCompanies(db: Kysely<Database>) {
  return db
    .selectFrom('companies')
    .select([
      'companies.id',
      'companies.name',
      'companies.slug',
      'companies.timezone',
      'companies.grace_days',
      'companies.integration_kind',
      'companies.created_at',
      'companies.require_staff_two_factor',
      sql<number>`(SELECT count(*) FROM properties p WHERE p.company_id = companies.id)`.as('property_count'),
      sql<number>`(SELECT count(*) FROM units u JOIN properties p ON p.id = u.property_id WHERE p.company_id = companies.id)`.as(
        'unit_count',
      ),
      sql<number>`(SELECT count(*) FROM users s WHERE s.company_id = companies.id)`.as('staff_count'),
    ]);
}

type CompanyRow = Awaited<ReturnType<ReturnType<typeof selectCompanies>['executeTakeFirstOrThrow']>>;

function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timezone: row.timezone,
    graceDays: row.grace_days,
    integrationKind: row.integration_kind,
    createdAt: row.created_at.toISOString(),
    propertyCount: Number(row.property_count),
    unitCount: Number(row.unit_count),
    staffCount: Number(row.staff_count),
    requireStaffTwoFactor: row.require_staff_two_factor,
  };
}

function toStaffUser(row: {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  company_id: string | null;
  created_at: Date;
}): StaffUser {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    companyId: row.company_id ?? '',
    createdAt: row.created_at.toISOString(),
  };
}

export type NewCompany = { name: string; slug: string; timezone: string; graceDays: number; integrationKind: Company['integrationKind'] };
export type NewUser = {
  email: string;
  role: 'landlord' | 'resident' | 'support';
  companyId: string | null;
  firstName: string;
  lastName: string;
  phone: string | null;
  passwordHash: string | null;
};

export function createCompaniesRepository(db: Kysely<Database>) {
  return {
    async list(): Promise<Company[]> {
      const rows = await selectCompanies(db).orderBy('companies.name').execute();
      return rows.map(toCompany);
    },

    async setRequireStaffTwoFactor(trx: Kysely<Database>, id: string, required: boolean) {
      await trx.updateTable('companies').set({ require_staff_two_factor: required, updated_at: new Date() }).where('id', '=', id).execute();
    },

    async find(id: string, trx: Kysely<Database> = db): Promise<Company | undefined> {
      const row = await selectCompanies(trx).where('companies.id', '=', id).executeTakeFirst();
      return row ? toCompany(row) : undefined;
    },

    async findBySlug(slug: string): Promise<Company | undefined> {
      const row = await selectCompanies(db).where('companies.slug', '=', slug).executeTakeFirst();
      return row ? toCompany(row) : undefined;
    },

    async insert(trx: Kysely<Database>, company: NewCompany): Promise<string> {
      const { id } = await trx
        .insertInto('companies')
        .values({
          name: company.name,
          slug: company.slug,
          timezone: company.timezone,
          grace_days: company.graceDays,
          integration_kind: company.integrationKind,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async listStaff(companyId: string): Promise<StaffUser[]> {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'email', 'first_name', 'last_name', 'phone', 'company_id', 'created_at'])
        .where('company_id', '=', companyId)
        .where('role', '=', 'landlord')
        .orderBy('last_name')
        .orderBy('first_name')
        .execute();
      return rows.map(toStaffUser);
    },

    async insertUser(trx: Kysely<Database>, user: NewUser): Promise<StaffUser> {
      const row = await trx
        .insertInto('users')
        .values({
          email: user.email,
          role: user.role,
          company_id: user.companyId,
          first_name: user.firstName,
          last_name: user.lastName,
          phone: user.phone,
          password_hash: user.passwordHash,
          // Staff and support accounts are made by someone who vouches for the address.
          email_verified_at: new Date(),
        })
        .returning(['id', 'email', 'first_name', 'last_name', 'phone', 'company_id', 'created_at'])
        .executeTakeFirstOrThrow();
      return toStaffUser(row);
    },
  };
}

export type CompaniesRepository = ReturnType<typeof createCompaniesRepository>;
