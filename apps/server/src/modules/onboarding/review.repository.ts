import type { Candidate, ResidentStatus } from '@rentledger/contracts';
import { type Kysely, sql, type Updateable } from 'kysely';
import type { Database, ResidentsTable } from '../../db/database.types.ts';
import type { CandidateFacts } from './matching.domain.ts';

/**
 * The SQL of the review use cases (review.service.ts and the use cases it composes): one resident
 * with who decided about them, their matching candidates, and the guarded writes of a decision.
 */
export type CandidateRow = CandidateFacts & Omit<Candidate, 'score' | 'reasons' | 'strong'>;

export type ResidentRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createReviewRepository>['findResident']>>>;

/** Lease values an approval writes. */
export type ApprovedLease = {
  unitId: string;
  propertyId: string;
  rentCents: number;
  dueDay: number;
  leaseStart: string;
  leaseEnd: string | null;
  balanceCents: number | null;
  accountingResidentId: string | null;
  accountingRecordId: string | null;
};

/** Columns an edit may change (edit-resident.service.ts builds the set from the request). */
export type ResidentEdit = Pick<
  Updateable<ResidentsTable>,
  'unit_id' | 'property_id' | 'balance_cents' | 'payment_policy' | 'accounting_resident_id' | 'accounting_record_id' | 'rent_cents' | 'lease_start' | 'lease_end' | 'month_to_month'
>;

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
  invitation_sent_at?: Date | null;
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
    invitationSentAt: row.invitation_sent_at?.toISOString() ?? null,
  };
}

export function createReviewRepository(db: Kysely<Database>) {
  return {
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
          'companies.timezone as company_timezone',
          sql<string | null>`approver.first_name || ' ' || approver.last_name`.as('approver_name'),
          sql<string | null>`remover.first_name || ' ' || remover.last_name`.as('remover_name'),
          sql<string | null>`decliner.first_name || ' ' || decliner.last_name`.as('decliner_name'),
        ])
        .where('residents.id', '=', residentId)
        .executeTakeFirst();
    },

    /** Takes the resident's row for the transaction: a concurrent decision waits here, then sees the new status. */
    lockResident(trx: Kysely<Database>, residentId: string) {
      return trx.selectFrom('residents').select(['status', 'deleted_at']).where('id', '=', residentId).forUpdate().executeTakeFirst();
    },

    findUnit(unitId: string) {
      return db
        .selectFrom('units')
        .innerJoin('properties', 'properties.id', 'units.property_id')
        .select(['units.id', 'units.label', 'units.property_id', 'properties.company_id', 'properties.name as property_name'])
        .where('units.id', '=', unitId)
        .executeTakeFirst();
    },

    /** Approved or current residents of a unit other than the given one: who may already live there (approval warnings). */
    approvedResidentsOfUnit(unitId: string, exceptId: string) {
      return db
        .selectFrom('residents')
        .select(['id', 'first_name', 'last_name', 'lease_start', 'lease_end'])
        .where('unit_id', '=', unitId)
        .where('status', 'in', ['approved', 'current'])
        .where('deleted_at', 'is', null)
        .where('id', '!=', exceptId)
        .orderBy('lease_start')
        .limit(50)
        .execute();
    },

    findProperty(propertyId: string) {
      return db.selectFrom('properties').select(['id', 'company_id', 'name']).where('id', '=', propertyId).executeTakeFirst();
    },

    /** The unit's label and its property's name, for the approval email. */
    placeOfUnit(trx: Kysely<Database>, unitId: string) {
      return trx.selectFrom('units').innerJoin('properties', 'properties.id', 'units.property_id').select(['units.label', 'properties.name']).where('units.id', '=', unitId).executeTakeFirst();
    },

    openInvitationOf(residentId: string) {
      return db
        .selectFrom('invitations')
        .select(['id', 'sent_at', 'expires_at'])
        .where('resident_id', '=', residentId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
    },

    async revokeOpenInvitations(trx: Kysely<Database>, residentId: string, now: Date) {
      await trx.updateTable('invitations').set({ revoked_at: now }).where('resident_id', '=', residentId).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
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
            // Only an invitation actually sent makes a candidate "already invited".
            (eb) =>
              eb
                .selectFrom('invitations')
                .select((inner) => inner.fn.max('invitations.sent_at').as('sent_at'))
                .whereRef('invitations.resident_id', '=', 'residents.id')
                .where('invitations.accepted_at', 'is', null)
                .where('invitations.revoked_at', 'is', null)
                .as('invitation_sent_at'),
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

    accountingRecord(trx: Kysely<Database>, companyId: string, recordId: string) {
      return trx.selectFrom('accounting_records').selectAll().where('id', '=', recordId).where('company_id', '=', companyId).executeTakeFirst();
    },

    accountingRecordWithResidentId(trx: Kysely<Database>, companyId: string, accountingResidentId: string) {
      return trx.selectFrom('accounting_records').selectAll().where('company_id', '=', companyId).where('accounting_resident_id', '=', accountingResidentId).executeTakeFirst();
    },

    /** Unclaimed residents (in one of the statuses given) made from this ledger, other than the given resident. */
    residentsOfRecord(trx: Kysely<Database>, recordId: string, statuses: ResidentStatus[], exceptId: string) {
      return trx
        .selectFrom('residents')
        .select('id')
        .where('accounting_record_id', '=', recordId)
        .where('status', 'in', statuses)
        .where('deleted_at', 'is', null)
        .where('id', '!=', exceptId)
        .execute();
    },

    liveResidentOfCompany(trx: Kysely<Database>, companyId: string, residentId: string) {
      return trx.selectFrom('residents').selectAll().where('id', '=', residentId).where('company_id', '=', companyId).where('deleted_at', 'is', null).executeTakeFirst();
    },

    /** The live resident holding an accounting ID in a company, other than the given ones. */
    holderOf(trx: Kysely<Database>, companyId: string, accountingResidentId: string, except: string[]) {
      // With the holder's unit and property: two people of the same name are told apart by where they live.
      let query = trx
        .selectFrom('residents')
        .leftJoin('units', 'units.id', 'residents.unit_id')
        .leftJoin('properties', 'properties.id', 'residents.property_id')
        .select([
          'residents.id',
          'residents.first_name',
          'residents.last_name',
          'residents.status',
          'residents.accounting_record_id',
          'units.label as unit_label',
          'residents.stated_unit_text',
          'properties.name as property_name',
        ])
        .where('residents.company_id', '=', companyId)
        .where('residents.accounting_resident_id', '=', accountingResidentId)
        .where('residents.deleted_at', 'is', null)
        .where('residents.status', 'not in', ['finished', 'declined']);
      if (except.length > 0) query = query.where('residents.id', 'not in', except);
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

    /** Soft-deletes a duplicate into the resident it is the same person as, while it is in one of `statuses`. */
    markMerged(trx: Kysely<Database>, change: { id: string; into: string; statuses: ResidentStatus[]; actorId: string | null; now: Date }) {
      return trx
        .updateTable('residents')
        .set((eb) => ({ deleted_at: change.now, deleted_by: change.actorId, merged_into: change.into, next_reminder_at: null, version: eb('version', '+', 1) }))
        .where('id', '=', change.id)
        .where('status', 'in', change.statuses)
        .where('deleted_at', 'is', null)
        .returning(['id', 'status', 'accounting_resident_id', 'email'])
        .executeTakeFirst();
    },

    /** `from` -> `to` with the lease, only while the row is still `from` and not deleted: false when another decision won. */
    async markApproved(trx: Kysely<Database>, change: { id: string; from: ResidentStatus; to: ResidentStatus; lease: ApprovedLease; actorId: string | null; now: Date }) {
      const { lease, now } = change;
      const updated = await trx
        .updateTable('residents')
        .set((eb) => ({
          status: change.to,
          unit_id: lease.unitId,
          property_id: lease.propertyId,
          rent_cents: lease.rentCents,
          due_day: lease.dueDay,
          lease_start: lease.leaseStart,
          lease_end: lease.leaseEnd,
          month_to_month: lease.leaseEnd === null,
          balance_cents: lease.balanceCents,
          accounting_resident_id: lease.accountingResidentId,
          accounting_record_id: lease.accountingRecordId,
          approved_at: now,
          approved_by: change.actorId,
          next_reminder_at: null,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', change.id)
        .where('status', '=', change.from)
        .where('deleted_at', 'is', null)
        .returning(['id'])
        .executeTakeFirst();
      return updated !== undefined;
    },

    /** `from` -> `to` with the reason, only while the row is still `from` and not deleted. */
    async markDeclined(trx: Kysely<Database>, change: { id: string; from: ResidentStatus; to: ResidentStatus; reason: string; actorId: string; now: Date }) {
      const updated = await trx
        .updateTable('residents')
        .set((eb) => ({ status: change.to, declined_reason: change.reason, declined_at: change.now, declined_by: change.actorId, next_reminder_at: null, updated_at: change.now, version: eb('version', '+', 1) }))
        .where('id', '=', change.id)
        .where('status', '=', change.from)
        .where('deleted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return updated !== undefined;
    },

    /** Soft-deletes the resident while it is in one of `statuses`. */
    async markDeleted(trx: Kysely<Database>, change: { id: string; statuses: ResidentStatus[]; actorId: string; now: Date }) {
      const deleted = await trx
        .updateTable('residents')
        .set((eb) => ({ deleted_at: change.now, deleted_by: change.actorId, next_reminder_at: null, version: eb('version', '+', 1) }))
        .where('id', '=', change.id)
        .where('status', 'in', change.statuses)
        .where('deleted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return deleted !== undefined;
    },

    async updateResident(trx: Kysely<Database>, residentId: string, set: ResidentEdit, now: Date) {
      await trx
        .updateTable('residents')
        .set((eb) => ({ ...set, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', residentId)
        .execute();
    },

    /** What an ended lease's display needs beside the resident's row: the company's time zone, who recorded the end. */
    async leaseEndContext(residentId: string) {
      return db
        .selectFrom('residents')
        .innerJoin('companies', 'companies.id', 'residents.company_id')
        .leftJoin('users as recorder', 'recorder.id', 'residents.lease_ended_by')
        .select(['companies.timezone', sql<string | null>`recorder.first_name || ' ' || recorder.last_name`.as('recorder_name')])
        .where('residents.id', '=', residentId)
        .executeTakeFirstOrThrow();
    },

    /**
     * Records the lease's end while the resident is in one of `statuses` (and not deleted): `finish` when it takes
     * effect at once, else the status is left for the lease-end-due job. False when another change won.
     */
    async markLeaseEnded(trx: Kysely<Database>, change: { id: string; statuses: ResidentStatus[]; finish: ResidentStatus | null; endDate: string; reason: string; actorId: string; now: Date }) {
      const updated = await trx
        .updateTable('residents')
        .set((eb) => ({
          ...(change.finish ? { status: change.finish } : {}),
          lease_end: change.endDate,
          month_to_month: false,
          lease_ended_on: change.endDate,
          lease_end_reason: change.reason,
          lease_ended_by: change.actorId,
          lease_end_recorded_at: change.now,
          next_reminder_at: null,
          updated_at: change.now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', change.id)
        .where('status', 'in', change.statuses)
        .where('deleted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return updated !== undefined;
    },

    /**
     * Finishes up to `limit` residents whose scheduled lease end has come in their company's time zone, and returns
     * them with the status they had. SKIP LOCKED: two processes running the job share the rows, never finish one twice.
     */
    async finishDueLeaseEnds(trx: Kysely<Database>, change: { statuses: ResidentStatus[]; to: ResidentStatus; now: Date; limit: number }) {
      const { rows } = await sql<{ id: string; company_id: string; before_status: ResidentStatus; lease_ended_on: string }>`
        WITH due AS (
          SELECT residents.id, residents.status
          FROM residents JOIN companies ON companies.id = residents.company_id
          -- The literal list repeats the partial index's predicate, so the planner can use it.
          WHERE residents.lease_ended_on IS NOT NULL
            AND residents.status IN ('approved', 'current')
            AND residents.status = ANY(${change.statuses}::text[])
            AND residents.deleted_at IS NULL
            AND residents.lease_ended_on <= (${change.now}::timestamptz AT TIME ZONE companies.timezone)::date
          ORDER BY residents.lease_ended_on
          LIMIT ${change.limit}
          FOR UPDATE OF residents SKIP LOCKED
        )
        UPDATE residents SET status = ${change.to}, next_reminder_at = NULL, updated_at = ${change.now}, version = residents.version + 1
        FROM due WHERE residents.id = due.id
        RETURNING residents.id, residents.company_id, due.status AS before_status, to_char(residents.lease_ended_on, 'YYYY-MM-DD') AS lease_ended_on
      `.execute(trx);
      return rows;
    },

    /** Pending residents of the company at a unit whose ledger this sync run created or changed. */
    pendingAtUnitsOfRun(companyId: string, syncRunId: string) {
      return db
        .selectFrom('residents')
        .select('residents.id')
        .where('residents.company_id', '=', companyId)
        .where('residents.status', '=', 'pending')
        .where('residents.deleted_at', 'is', null)
        .where((eb) =>
          eb(
            'residents.unit_id',
            'in',
            eb.selectFrom('accounting_records').select('unit_id').where('company_id', '=', companyId).where('last_sync_run_id', '=', syncRunId),
          ),
        )
        .execute();
    },

    /** Pending residents whose next reminder is due, with their place. */
    dueReminders(now: Date, limit: number) {
      return db
        .selectFrom('residents')
        .innerJoin('companies', 'companies.id', 'residents.company_id')
        .leftJoin('units', 'units.id', 'residents.unit_id')
        .leftJoin('properties', 'properties.id', 'residents.property_id')
        .select(['residents.id', 'residents.company_id', 'residents.first_name', 'residents.last_name', 'residents.reminders_sent', 'units.label', 'properties.name'])
        .where('residents.status', '=', 'pending')
        .where('residents.deleted_at', 'is', null)
        .where('residents.next_reminder_at', '<=', now)
        .limit(limit)
        .execute();
    },

    /** Counts a reminder and schedules the next one; false when another process sent this one first. */
    async claimReminder(trx: Kysely<Database>, reminder: { id: string; remindersSent: number; nextAt: Date }) {
      const claimed = await trx
        .updateTable('residents')
        .set((eb) => ({ reminders_sent: eb('reminders_sent', '+', 1), next_reminder_at: reminder.nextAt }))
        .where('id', '=', reminder.id)
        .where('reminders_sent', '=', reminder.remindersSent)
        .where('status', '=', 'pending')
        .returning('id')
        .executeTakeFirst();
      return claimed !== undefined;
    },
  };
}

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
