import type { CreatePropertyRequest, CreateUnitRequest, Property, Unit } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { conflict, invalid, isUniqueViolation, notFound } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertCompanyAccess, companyFilterFor } from '../auth/company-access.ts';
import type { Principal } from '../auth/principal.ts';
import type { CompaniesService } from '../companies/companies.service.ts';
import { findDuplicateLabel } from './properties.domain.ts';
import type { PropertiesRepository } from './properties.repository.ts';

type Deps = { db: Kysely<Database>; repository: PropertiesRepository; companies: Pick<CompaniesService, 'exists'> };

export function createPropertiesService({ db, repository, companies }: Deps) {
  async function get(principal: Principal, propertyId: string): Promise<Property> {
    const property = await repository.find(propertyId);
    if (!property) throw notFound('Property');
    assertCompanyAccess(principal, property.companyId, 'Property');
    return property;
  }

  return {
    get,

    list(principal: Principal, requestedCompanyId: string | undefined): Promise<Property[]> {
      return repository.list({ companyId: companyFilterFor(principal, requestedCompanyId) });
    },

    async create(principal: Principal, input: Required<Omit<CreatePropertyRequest, 'accountingCode'>> & { accountingCode?: string }) {
      if (!(await companies.exists(input.companyId))) throw invalid([{ path: 'companyId', message: 'No such company' }]);
      const duplicate = findDuplicateLabel(input.units.map((unit) => unit.label));
      if (duplicate) {
        throw invalid([{ path: `units.${duplicate.index}.label`, message: `Unit ${duplicate.label} is listed twice` }]);
      }
      try {
        return await db.transaction().execute(async (trx) => {
          const propertyId = await repository.insertProperty(trx, {
            companyId: input.companyId,
            name: input.name,
            street: input.street,
            city: input.city,
            state: input.state,
            postalCode: input.postalCode,
            accountingCode: input.accountingCode ?? null,
          });
          await repository.insertUnits(
            trx,
            propertyId,
            input.units.map((unit) => ({ label: unit.label, accountingCode: unit.accountingCode ?? null })),
          );
          const property = await repository.find(propertyId, trx);
          if (!property) throw new Error('property vanished inside its own transaction');
          await recordAudit(trx, {
            actorUserId: principal.userId,
            companyId: input.companyId,
            action: 'property.created',
            entityType: 'property',
            entityId: propertyId,
            after: property,
          });
          return property;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'properties_accounting_code_unique')) {
          throw conflict('accounting_code_taken', 'Another property of this company has this accounting code', [
            { path: 'accountingCode', message: 'Already in use' },
          ]);
        }
        if (isUniqueViolation(error, 'units_accounting_code_unique')) {
          throw conflict('accounting_code_taken', 'Two units share an accounting code', [
            { path: 'units', message: 'Unit accounting codes must differ' },
          ]);
        }
        throw error;
      }
    },

    async addUnit(principal: Principal, propertyId: string, input: CreateUnitRequest): Promise<Unit> {
      const property = await get(principal, propertyId);
      try {
        return await db.transaction().execute(async (trx) => {
          const [unit] = await repository.insertUnits(trx, propertyId, [
            { label: input.label, accountingCode: input.accountingCode ?? null },
          ]);
          if (!unit) throw new Error('insert returned no unit');
          await recordAudit(trx, {
            actorUserId: principal.userId,
            companyId: property.companyId,
            action: 'unit.created',
            entityType: 'unit',
            entityId: unit.id,
            after: { ...unit, propertyName: property.name },
          });
          return unit;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'units_label_unique')) {
          throw conflict('unit_label_taken', `${property.name} already has a unit ${input.label}`, [
            { path: 'label', message: 'Already exists at this property' },
          ]);
        }
        if (isUniqueViolation(error, 'units_accounting_code_unique')) {
          throw conflict('accounting_code_taken', 'Another unit of this property has this accounting code', [
            { path: 'accountingCode', message: 'Already in use' },
          ]);
        }
        throw error;
      }
    },
  };
}

export type PropertiesService = ReturnType<typeof createPropertiesService>;
