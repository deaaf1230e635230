import type { Property, Unit } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export type NewProperty = {
  companyId: string;
  name: string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
  accountingCode: string | null;
};
export type NewUnit = { label: string; accountingCode: string | null };

function toUnit(row: { id: string; property_id: string; label: string; accounting_code: string | null }): Unit {
  return { id: row.id, propertyId: row.property_id, label: row.label, accountingCode: row.accounting_code };
}

// Natural order for labels like 2, 10, 4B: numbers by value, then text.
function compareLabels(a: Unit, b: Unit): number {
  return a.label.localeCompare(b.label, 'en', { numeric: true, sensitivity: 'base' });
}

export function createPropertiesRepository(db: Kysely<Database>) {
  async function list(filter: { companyId?: string; propertyId?: string }, trx: Kysely<Database> = db): Promise<Property[]> {
    let query = trx
      .selectFrom('properties')
      .innerJoin('companies', 'companies.id', 'properties.company_id')
      .select([
        'properties.id',
        'properties.company_id',
        'companies.name as company_name',
        'properties.name',
        'properties.street',
        'properties.city',
        'properties.state',
        'properties.postal_code',
        'properties.accounting_code',
      ]);
    if (filter.companyId) query = query.where('properties.company_id', '=', filter.companyId);
    if (filter.propertyId) query = query.where('properties.id', '=', filter.propertyId);
    const properties = await query.orderBy('companies.name').orderBy('properties.name').execute();
    if (properties.length === 0) return [];

    const units = await trx
      .selectFrom('units')
      .select(['id', 'property_id', 'label', 'accounting_code'])
      .where(
        'property_id',
        'in',
        properties.map((property) => property.id),
      )
      .execute();
    const unitsByProperty = new Map<string, Unit[]>();
    for (const unit of units) {
      const bucket = unitsByProperty.get(unit.property_id) ?? [];
      bucket.push(toUnit(unit));
      unitsByProperty.set(unit.property_id, bucket);
    }

    return properties.map((row) => ({
      id: row.id,
      companyId: row.company_id,
      companyName: row.company_name,
      name: row.name,
      street: row.street,
      city: row.city,
      state: row.state,
      postalCode: row.postal_code,
      accountingCode: row.accounting_code,
      units: (unitsByProperty.get(row.id) ?? []).sort(compareLabels),
    }));
  }

  return {
    list,

    async find(propertyId: string, trx: Kysely<Database> = db): Promise<Property | undefined> {
      const [property] = await list({ propertyId }, trx);
      return property;
    },

    async insertProperty(trx: Kysely<Database>, property: NewProperty): Promise<string> {
      const { id } = await trx
        .insertInto('properties')
        .values({
          company_id: property.companyId,
          name: property.name,
          street: property.street,
          city: property.city,
          state: property.state,
          postal_code: property.postalCode,
          accounting_code: property.accountingCode,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async insertUnits(trx: Kysely<Database>, propertyId: string, units: NewUnit[]): Promise<Unit[]> {
      if (units.length === 0) return [];
      const rows = await trx
        .insertInto('units')
        .values(units.map((unit) => ({ property_id: propertyId, label: unit.label, accounting_code: unit.accountingCode })))
        .returning(['id', 'property_id', 'label', 'accounting_code'])
        .execute();
      return rows.map(toUnit);
    },
  };
}

export type PropertiesRepository = ReturnType<typeof createPropertiesRepository>;
