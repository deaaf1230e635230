import { RESIDENT_STATUS_GROUPS, type Residency, type Resident, type ResidentStatus } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { calendarDateIn, leaseExpired } from '../onboarding/lease-end.domain.ts';

export type ResidentFilter = { companyId: string | undefined; status?: ResidentStatus; statusGroup?: keyof typeof RESIDENT_STATUS_GROUPS; q?: string; missingAccountingId?: 'true' | 'false'; page: number; pageSize: number };

function selectResidents(db: Kysely<Database>) {
  return db
    .selectFrom('residents')
    .leftJoin('units', 'units.id', 'residents.unit_id')
    .leftJoin('properties', 'properties.id', 'residents.property_id')
    .innerJoin('companies', 'companies.id', 'residents.company_id')
    .leftJoin('users as lease_recorder', 'lease_recorder.id', 'residents.lease_ended_by')
    .leftJoin('invitations', (join) =>
      join.onRef('invitations.resident_id', '=', 'residents.id').on('invitations.accepted_at', 'is', null).on('invitations.revoked_at', 'is', null),
    )
    .where('residents.deleted_at', 'is', null)
    .select([
      'residents.id',
      'residents.status',
      'residents.source',
      'residents.first_name',
      'residents.last_name',
      'residents.email',
      'residents.phone',
      'residents.property_id',
      'properties.name as property_name',
      'residents.unit_id',
      'units.label as unit_label',
      'residents.accounting_resident_id',
      'residents.rent_cents',
      'residents.due_day',
      'residents.lease_start',
      'residents.lease_end',
      'residents.month_to_month',
      'residents.balance_cents',
      'residents.payment_policy',
      'residents.created_at',
      'invitations.id as invitation_id',
      'invitations.sent_at as invitation_sent_at',
      'invitations.expires_at as invitation_expires_at',
      'residents.stated_rent_cents',
      'residents.stated_lease_start',
      'residents.stated_lease_end',
      'residents.lease_ended_on',
      'residents.lease_end_reason',
      'residents.lease_ended_by',
      'residents.lease_end_recorded_at',
      sql<string | null>`lease_recorder.first_name || ' ' || lease_recorder.last_name`.as('lease_recorder_name'),
      'companies.timezone',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectResidents>['executeTakeFirstOrThrow']>>;

function toResident(row: Row, now: Date): Resident {
  return {
    id: row.id,
    status: row.status,
    source: row.source,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    propertyId: row.property_id,
    propertyName: row.property_name,
    unitId: row.unit_id,
    unitLabel: row.unit_label,
    accountingResidentId: row.accounting_resident_id,
    rentCents: row.rent_cents,
    dueDay: row.due_day,
    leaseStart: row.lease_start,
    leaseEnd: row.lease_end,
    monthToMonth: row.month_to_month,
    balanceCents: row.balance_cents,
    paymentPolicy: row.payment_policy,
    invitation:
      row.invitation_id && row.invitation_expires_at
        ? {
            id: row.invitation_id,
            sentAt: row.invitation_sent_at?.toISOString() ?? null,
            expiresAt: row.invitation_expires_at.toISOString(),
            expired: row.invitation_expires_at.getTime() <= now.getTime(),
          }
        : null,
    createdAt: row.created_at.toISOString(),
    statedRentCents: row.stated_rent_cents,
    statedLeaseStart: row.stated_lease_start,
    statedLeaseEnd: row.stated_lease_end,
    leaseEnding:
      row.lease_ended_on && row.lease_end_recorded_at
        ? {
            endDate: row.lease_ended_on,
            reason: row.lease_end_reason ?? '',
            scheduled: row.status !== 'finished',
            recordedAt: row.lease_end_recorded_at.toISOString(),
            recordedBy: row.lease_ended_by ? { id: row.lease_ended_by, name: row.lease_recorder_name ?? '' } : null,
          }
        : null,
    leaseExpired: leaseExpired({ status: row.status, leaseEnd: row.lease_end, monthToMonth: row.month_to_month }, calendarDateIn(row.timezone, now)),
  };
}

export function createResidentsRepository(db: Kysely<Database>) {
  return {
    /**
     * A page of residents: the page's ids first, from the (company, status,
     * name) index, then their details; joining before the limit would join
     * every resident of a large company.
     */
    async list(filter: ResidentFilter): Promise<{ items: Resident[]; total: number; countsByStatus: Record<string, number> }> {
      let ids = db
        .selectFrom('residents')
        .leftJoin('units', 'units.id', 'residents.unit_id')
        .where('residents.deleted_at', 'is', null);
      let counts = db.selectFrom('residents').where('deleted_at', 'is', null);
      if (filter.companyId) {
        ids = ids.where('residents.company_id', '=', filter.companyId);
        counts = counts.where('company_id', '=', filter.companyId);
      }
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        ids = ids.where((eb) =>
          eb.or([
            eb(sql`residents.first_name || ' ' || residents.last_name`, 'ilike', like),
            eb('residents.email', 'ilike', like),
            eb('residents.accounting_resident_id', 'ilike', like),
            eb('units.label', 'ilike', like),
          ]),
        );
      }
      if (filter.status) ids = ids.where('residents.status', '=', filter.status);
      if (filter.statusGroup) ids = ids.where('residents.status', 'in', [...RESIDENT_STATUS_GROUPS[filter.statusGroup]]);
      if (filter.missingAccountingId === 'true') {
        ids = ids.where('residents.status', 'in', ['approved', 'current']).where('residents.accounting_resident_id', 'is', null);
      }
      const [page, total, byStatus] = await Promise.all([
        ids
          .select('residents.id')
          .orderBy('residents.last_name')
          .orderBy('residents.first_name')
          .orderBy('residents.id')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        ids.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        counts.select(['status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('status').execute(),
      ]);
      const rows = page.length > 0 ? await selectResidents(db).where('residents.id', 'in', page.map((row) => row.id)).execute() : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      const now = new Date();
      return {
        items: page.map((row) => byId.get(row.id)).filter((row) => row !== undefined).map((row) => toResident(row, now)),
        total: Number(total.total),
        countsByStatus: Object.fromEntries(byStatus.map((row) => [row.status, Number(row.count)])),
      };
    },

    /**
     * The user's residencies. Until their email is verified, nothing from the
     * landlord's books is returned (rent, lease dates, balance): only what they stated.
     */
    async residenciesOf(userId: string): Promise<Residency[]> {
      const rows = await db
        .selectFrom('residents')
        .innerJoin('companies', 'companies.id', 'residents.company_id')
        .leftJoin('units', 'units.id', 'residents.unit_id')
        .leftJoin('properties', 'properties.id', 'residents.property_id')
        .innerJoin('users as account', 'account.id', 'residents.user_id')
        .select([
          'residents.id',
          'residents.status',
          'companies.name as company_name',
          'properties.name as property_name',
          'properties.street',
          'properties.city',
          'properties.state',
          'properties.postal_code',
          'units.label as unit_label',
          'residents.rent_cents',
          'residents.due_day',
          'residents.lease_start',
          'residents.lease_end',
          'residents.month_to_month',
          'residents.balance_cents',
          'residents.declined_reason',
          'residents.stated_rent_cents',
          'residents.stated_lease_start',
          'residents.stated_lease_end',
          'residents.stated_unit_text',
          'account.email_verified_at',
        ])
        .where('residents.user_id', '=', userId)
        .where('residents.deleted_at', 'is', null)
        .orderBy('residents.created_at', 'desc')
        .execute();
      return rows.map((row) => {
        const proven = row.email_verified_at !== null;
        return {
        id: row.id,
        status: row.status,
        emailVerificationRequired: !proven,
        companyName: row.company_name,
        propertyName: row.property_name,
        street: row.street,
        city: row.city,
        state: row.state,
        postalCode: row.postal_code,
        unitLabel: row.unit_label,
        rentCents: proven ? row.rent_cents : null,
        dueDay: proven ? row.due_day : 1,
        leaseStart: proven ? row.lease_start : null,
        leaseEnd: proven ? row.lease_end : null,
        monthToMonth: proven ? row.month_to_month : false,
        balanceCents: proven ? row.balance_cents : null,
        declinedReason: row.declined_reason,
        statedRentCents: row.stated_rent_cents,
        statedLeaseStart: row.stated_lease_start,
        statedLeaseEnd: row.stated_lease_end,
        statedUnitText: row.stated_unit_text,
        };
      });
    },

    /** The user's residencies pending review (deleted ones aside). */
    pendingResidenciesOf(userId: string) {
      return db.selectFrom('residents').select('id').where('user_id', '=', userId).where('status', '=', 'pending').where('deleted_at', 'is', null).execute();
    },
  };
}

export type ResidentsRepository = ReturnType<typeof createResidentsRepository>;
