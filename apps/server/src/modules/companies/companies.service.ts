import type { Company, CreateCompanyRequest, CreateStaffRequest, StaffUser } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { conflict, isUniqueViolation, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertCompanyAccess } from '../auth/company-access.ts';
import { hashNewPassword } from '../auth/password-policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { CompaniesRepository } from './companies.repository.ts';

export function createCompaniesService({ db, repository }: { db: Kysely<Database>; repository: CompaniesRepository }) {
  async function get(principal: Principal, companyId: string): Promise<Company> {
    assertCompanyAccess(principal, companyId);
    const company = await repository.find(companyId);
    if (!company) throw notFound('Company');
    return company;
  }

  return {
    list: () => repository.list(),
    get,
    /** For other modules' checks of a submitted company id; no access rule (the caller has applied its own). */
    /** For the CLI, which names a company by its slug; no access rule (the operator runs it). */
    bySlug: (slug: string) => repository.findBySlug(slug),
    exists: async (companyId: string) => (await repository.find(companyId)) !== undefined,

    async create(principal: Principal, input: Required<CreateCompanyRequest>): Promise<Company> {
      try {
        return await db.transaction().execute(async (trx) => {
          const id = await repository.insert(trx, input);
          const company = await repository.find(id, trx);
          if (!company) throw new Error('company vanished inside its own transaction');
          await recordAudit(trx, {
            actorUserId: principal.userId,
            companyId: id,
            action: 'company.created',
            entityType: 'company',
            entityId: id,
            after: input,
          });
          return company;
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict('slug_taken', 'Another company already uses this slug', [{ path: 'slug', message: 'Already in use' }]);
        }
        throw error;
      }
    },

    /** Staff without two-factor are asked to set it up at their next request; those with it keep it. */
    async updateSecurity(principal: Principal, companyId: string, input: { requireStaffTwoFactor: boolean }): Promise<Company> {
      const before = await get(principal, companyId);
      await db.transaction().execute(async (trx) => {
        await repository.setRequireStaffTwoFactor(trx, companyId, input.requireStaffTwoFactor);
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId,
          action: 'company.security_changed',
          entityType: 'company',
          entityId: companyId,
          before: { requireStaffTwoFactor: before.requireStaffTwoFactor },
          after: input,
        });
      });
      return get(principal, companyId);
    },

    async listStaff(principal: Principal, companyId: string): Promise<StaffUser[]> {
      await get(principal, companyId);
      return repository.listStaff(companyId);
    },

    async createStaff(principal: Principal, companyId: string, input: CreateStaffRequest): Promise<StaffUser> {
      await get(principal, companyId);
      const passwordHash = await hashNewPassword(input.password);
      try {
        return await db.transaction().execute(async (trx) => {
          const user = await repository.insertUser(trx, {
            email: input.email,
            role: 'landlord',
            companyId,
            firstName: input.firstName,
            lastName: input.lastName,
            phone: input.phone ?? null,
            passwordHash,
          });
          await recordAudit(trx, {
            actorUserId: principal.userId,
            companyId,
            action: 'staff_user.created',
            entityType: 'user',
            entityId: user.id,
            after: { email: user.email, firstName: user.firstName, lastName: user.lastName, phone: user.phone, role: 'landlord' },
          });
          return user;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_unique')) {
          throw conflict('email_taken', 'An account with this email already exists', [{ path: 'email', message: 'Already in use' }]);
        }
        throw error;
      }
    },
  };
}

export type CompaniesService = ReturnType<typeof createCompaniesService>;
