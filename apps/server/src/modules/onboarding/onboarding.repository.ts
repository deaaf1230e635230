import type { Candidate, RentalSearchResponse } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import type { CandidateFacts } from './matching.domain.ts';

export type CandidateRow = CandidateFacts & Omit<Candidate, 'score' | 'reasons' | 'strong'>;

export type ResidentRow = Awaited<ReturnType<ReturnType<typeof createOnboardingRepository>['findResident']>>;

type CandidateSource = {
  id: string;
  first_name: string;
  last_name: string;
  unit_id: string | null;
  property_id: string | null;
  unit_label: string | null;
  property_name: string | null;
  accounting_resident_id: string | null;
  rent_cents: number | null;
  lease_start: string | null;
  lease_end: string | null;
  balance_cents: number | null;
  status: string;
};

function toCandidate(kind: CandidateRow['kind'], row: CandidateSource, emails: string[], phones: string[]): CandidateRow {
  return {
    kind,
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    emails,
    phones,
    unitId: row.unit_id,
    propertyId: row.property_id,
    unitLabel: row.unit_label,
    propertyName: row.property_name,
    accountingResidentId: row.accounting_resident_id,
    rentCents: row.rent_cents,
    leaseStart: row.lease_start,
    leaseEnd: row.lease_end,
    balanceCents: row.balance_cents,
    status: row.status,
  };
}

export function createOnboardingRepository(db: Kysely<Database>) {
  return {
    async searchRentals(normalised: string, limit: number): Promise<RentalSearchResponse['results']> {
      type Row = { id: string; name: string; street: string; city: string; state: string; postal_code: string };
      // A street number in the query is exact in practice: look there first, ranked by the rest.
      const numbers = normalised.split(' ').filter((word) => /^\d{1,6}$/.test(word));
      let rows: Row[] = [];
      if (numbers.length > 0) {
        ({ rows } = await sql<Row>`
          SELECT id, name, street, city, state, postal_code
          FROM properties
          WHERE street_number = ANY(${numbers}::text[]) AND word_similarity(${normalised}, search_text) >= 0.3
          ORDER BY word_similarity(${normalised}, search_text) DESC, name
          LIMIT ${limit}
        `.execute(db));
      }
      if (rows.length === 0) {
        ({ rows } = await sql<Row>`
          SELECT id, name, street, city, state, postal_code
          FROM properties
          WHERE ${normalised} <% search_text
          ORDER BY ${normalised} <<-> search_text, name
          LIMIT ${limit}
        `.execute(db));
      }
      if (rows.length === 0) return [];
      const units = await db
        .selectFrom('units')
        .select(['id', 'label', 'property_id'])
        .where('property_id', 'in', rows.map((row) => row.id))
        .execute();
      const byProperty = new Map<string, { id: string; label: string }[]>();
      for (const unit of units) byProperty.set(unit.property_id, [...(byProperty.get(unit.property_id) ?? []), { id: unit.id, label: unit.label }]);
      return rows.map((row) => ({
        property: { id: row.id, name: row.name, address: row.street, city: row.city, state: row.state, postalCode: row.postal_code },
        units: (byProperty.get(row.id) ?? []).sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true })),
      }));
    },

    findProperty(propertyId: string) {
      return db.selectFrom('properties').select(['id', 'company_id', 'name']).where('id', '=', propertyId).executeTakeFirst();
    },

    findUnit(unitId: string) {
      return db
        .selectFrom('units')
        .innerJoin('properties', 'properties.id', 'units.property_id')
        .select(['units.id', 'units.label', 'units.property_id', 'properties.company_id', 'properties.name as property_name'])
        .where('units.id', '=', unitId)
        .executeTakeFirst();
    },

    /** The company's live residents (not deleted, finished or declined) with this email, whatever its case. */
    liveResidentsWithEmail(companyId: string, email: string) {
      return db
        .selectFrom('residents')
        .select(['id', 'unit_id', 'first_name', 'last_name'])
        .where('company_id', '=', companyId)
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .where('deleted_at', 'is', null)
        .where('status', 'not in', ['finished', 'declined'])
        .execute();
    },

    findResident(residentId: string, trx: Kysely<Database> = db) {
      return trx
        .selectFrom('residents')
        .innerJoin('companies', 'companies.id', 'residents.company_id')
        .leftJoin('users as approver', 'approver.id', 'residents.approved_by')
        .leftJoin('users as remover', 'remover.id', 'residents.deleted_by')
        .leftJoin('users as decliner', 'decliner.id', 'residents.declined_by')
        .leftJoin('users as account', 'account.id', 'residents.user_id')
        .selectAll('residents')
        .select([
          'account.email_verified_at as account_email_verified_at',
          'companies.name as company_name',
          'companies.integration_kind',
          sql<string | null>`approver.first_name || ' ' || approver.last_name`.as('approver_name'),
          sql<string | null>`remover.first_name || ' ' || remover.last_name`.as('remover_name'),
          sql<string | null>`decliner.first_name || ' ' || decliner.last_name`.as('decliner_name'),
        ])
        .where('residents.id', '=', residentId)
        .executeTakeFirst();
    },

    /** Accounting records and unclaimed residents of the company at the unit, else the property. */
    async candidatesFor(resident: { id: string; company_id: string; unit_id: string | null; property_id: string | null }): Promise<CandidateRow[]> {
      if (!resident.unit_id && !resident.property_id) return [];
      const near = (table: 'accounting_records' | 'residents') =>
        sql<boolean>`(${sql.ref(`${table}.unit_id`)} = ${resident.unit_id} OR ${sql.ref(`${table}.property_id`)} = ${resident.property_id})`;
      const [records, residents] = await Promise.all([
        db
          .selectFrom('accounting_records')
          .leftJoin('units', 'units.id', 'accounting_records.unit_id')
          .leftJoin('properties', 'properties.id', 'accounting_records.property_id')
          .select([
            'accounting_records.id',
            'accounting_records.first_name',
            'accounting_records.last_name',
            'accounting_records.emails',
            'accounting_records.phones',
            'accounting_records.unit_id',
            'accounting_records.property_id',
            'accounting_records.accounting_resident_id',
            'accounting_records.rent_cents',
            'accounting_records.lease_start',
            'accounting_records.lease_end',
            'accounting_records.balance_cents',
            'accounting_records.status',
            'units.label as unit_label',
            'properties.name as property_name',
          ])
          .where('accounting_records.company_id', '=', resident.company_id)
          .where('accounting_records.status', '!=', 'past')
          .where(near('accounting_records'))
          .limit(500)
          .execute(),
        db
          .selectFrom('residents')
          .leftJoin('units', 'units.id', 'residents.unit_id')
          .leftJoin('properties', 'properties.id', 'residents.property_id')
          .select([
            'residents.id',
            'residents.first_name',
            'residents.last_name',
            'residents.email',
            'residents.phone',
            'residents.unit_id',
            'residents.property_id',
            'residents.accounting_resident_id',
            'residents.rent_cents',
            'residents.lease_start',
            'residents.lease_end',
            'residents.balance_cents',
            'residents.status',
            'units.label as unit_label',
            'properties.name as property_name',
          ])
          .where('residents.company_id', '=', resident.company_id)
          .where('residents.status', 'in', ['invited', 'waiting'])
          .where('residents.deleted_at', 'is', null)
          .where('residents.id', '!=', resident.id)
          .where(near('residents'))
          .limit(500)
          .execute(),
      ]);
      return [
        ...records.map((row) => toCandidate('accounting_record', row, row.emails, row.phones)),
        ...residents.map((row) => toCandidate('resident', row, row.email ? [row.email] : [], row.phone ? [row.phone] : [])),
      ];
    },

    /** The live resident holding an accounting ID in a company, other than the given ones. */
    holderOf(trx: Kysely<Database>, companyId: string, accountingResidentId: string, except: string[]) {
      let query = trx
        .selectFrom('residents')
        .select(['id', 'first_name', 'last_name', 'status', 'accounting_record_id'])
        .where('company_id', '=', companyId)
        .where('accounting_resident_id', '=', accountingResidentId)
        .where('deleted_at', 'is', null)
        .where('status', 'not in', ['finished', 'declined']);
      if (except.length > 0) query = query.where('id', 'not in', except);
      return query.executeTakeFirst();
    },

    staffOf(companyId: string, trx: Kysely<Database> = db) {
      return trx
        .selectFrom('users')
        .select(['id', 'email', 'first_name'])
        .where('company_id', '=', companyId)
        .where('role', '=', 'landlord')
        .where('disabled_at', 'is', null)
        .execute();
    },
  };
}

export type OnboardingRepository = ReturnType<typeof createOnboardingRepository>;
