import { type Kysely, sql } from 'kysely';
import type { Database, ResidentStatus } from '../../db/database.types.ts';
import { firstStatus, statusesAllowing } from '../onboarding/resident-status.domain.ts';

export type InvitationDetails = {
  id: string;
  residentId: string;
  companyId: string;
  companyName: string;
  email: string;
  firstName: string;
  lastName: string;
  residentStatus: string;
  residentDeleted: boolean;
  propertyName: string | null;
  unitLabel: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
};

export type InvitedResident = {
  companyId: string;
  propertyId: string;
  unitId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  rentCents: number;
  dueDay: number;
  leaseStart: string;
  leaseEnd: string | null;
};

export function createInvitationsRepository(db: Kysely<Database>) {
  function selectDetails(trx: Kysely<Database>) {
    return trx
      .selectFrom('invitations')
      .innerJoin('residents', 'residents.id', 'invitations.resident_id')
      .innerJoin('companies', 'companies.id', 'residents.company_id')
      .leftJoin('units', 'units.id', 'residents.unit_id')
      .leftJoin('properties', 'properties.id', 'residents.property_id')
      .select([
        'invitations.id',
        'invitations.resident_id',
        'residents.company_id',
        'companies.name as company_name',
        'invitations.email',
        'residents.first_name',
        'residents.last_name',
        'residents.status',
        'residents.deleted_at',
        'properties.name as property_name',
        'units.label as unit_label',
        'invitations.expires_at',
        'invitations.accepted_at',
        'invitations.revoked_at',
      ]);
  }

  type Row = Awaited<ReturnType<ReturnType<typeof selectDetails>['executeTakeFirstOrThrow']>>;
  const toDetails = (row: Row): InvitationDetails => ({
    id: row.id,
    residentId: row.resident_id,
    companyId: row.company_id,
    companyName: row.company_name,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    residentStatus: row.status,
    residentDeleted: row.deleted_at !== null,
    propertyName: row.property_name,
    unitLabel: row.unit_label,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
  });

  return {
    /** Inserts invitations for many residents in one statement; the caller gives their ids (its emails' idempotency keys name them). */
    async insertMany(
      trx: Kysely<Database>,
      invitations: Array<{ id: string; residentId: string; email: string; tokenHash: string; expiresAt: Date; createdBy: string | null }>,
    ): Promise<void> {
      if (invitations.length === 0) return;
      await sql`
        INSERT INTO invitations (id, resident_id, email, token_hash, expires_at, created_by, sent_at)
        SELECT t.id, t.resident_id, t.email, t.token_hash, t.expires_at, t.created_by, now()
        FROM unnest(${invitations.map((i) => i.id)}::uuid[], ${invitations.map((i) => i.residentId)}::uuid[], ${invitations.map((i) => i.email)}::text[],
          ${invitations.map((i) => i.tokenHash)}::text[], ${invitations.map((i) => i.expiresAt)}::timestamptz[],
          ${invitations.map((i) => i.createdBy)}::uuid[]) AS t(id, resident_id, email, token_hash, expires_at, created_by)
      `.execute(trx);
    },

    async findByTokenHash(tokenHash: string, trx: Kysely<Database> = db): Promise<InvitationDetails | undefined> {
      const row = await selectDetails(trx).where('invitations.token_hash', '=', tokenHash).executeTakeFirst();
      return row && toDetails(row);
    },

    async find(id: string, trx: Kysely<Database> = db): Promise<InvitationDetails | undefined> {
      const row = await selectDetails(trx).where('invitations.id', '=', id).executeTakeFirst();
      return row && toDetails(row);
    },

    /** Whether the resident was folded into one who has an account: their own sign-up, perhaps under another email. */
    async mergedIntoAccount(residentId: string, trx: Kysely<Database> = db): Promise<boolean> {
      const row = await trx
        .selectFrom('residents as folded')
        .innerJoin('residents as kept', 'kept.id', 'folded.merged_into')
        .select('kept.id')
        .where('folded.id', '=', residentId)
        .where('kept.user_id', 'is not', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The account that uses an email, if any (emails are unique ignoring case). */
    accountWithEmail(email: string, trx: Kysely<Database> = db) {
      return trx
        .selectFrom('users')
        .select(['id', 'role', 'password_hash', 'email_verified_at'])
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
    },

    /** Which of these emails belong to accounts whose owner proved the address: they sign in rather than set a password. */
    async verifiedAccountEmails(trx: Kysely<Database>, emails: string[]): Promise<Set<string>> {
      if (emails.length === 0) return new Set();
      const rows = await trx
        .selectFrom('users')
        .select(sql<string>`lower(email)`.as('email'))
        .where(sql<boolean>`lower(email) = any(${emails.map((e) => e.toLowerCase())}::text[])`)
        .where('email_verified_at', 'is not', null)
        .execute();
      return new Set(rows.map((row) => row.email));
    },

    /**
     * The invitation proved the inbox. An unverified account with this email
     * was made by someone who never proved it: the invitee's new password
     * replaces theirs and their sessions end.
     */
    async claimUnverifiedAccount(trx: Kysely<Database>, userId: string, passwordHash: string, now: Date) {
      await trx.updateTable('users').set({ password_hash: passwordHash, email_verified_at: now, updated_at: now }).where('id', '=', userId).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },

    /** Marks the invitation accepted unless someone else just did; true when this call won. */
    async markAccepted(trx: Kysely<Database>, id: string, now: Date): Promise<boolean> {
      const result = await trx
        .updateTable('invitations')
        .set({ accepted_at: now })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Invitations sent to a resident since a moment, and the oldest of them,
     * with the resident's row locked so concurrent resends count one another.
     */
    async sentSince(trx: Kysely<Database>, residentId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
      await trx.selectFrom('residents').select('id').where('id', '=', residentId).forUpdate().executeTakeFirst();
      const row = await trx
        .selectFrom('invitations')
        .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('created_at').as('oldest')])
        .where('resident_id', '=', residentId)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), oldest: row.oldest ? new Date(row.oldest as Date | string) : null };
    },

    /** A unit with its property's company, for inviting a resident to it. */
    findUnit(unitId: string, trx: Kysely<Database> = db) {
      return trx
        .selectFrom('units')
        .innerJoin('properties', 'properties.id', 'units.property_id')
        .select(['units.id', 'units.property_id', 'properties.company_id'])
        .where('units.id', '=', unitId)
        .executeTakeFirst();
    },

    async companyName(companyId: string, trx: Kysely<Database> = db): Promise<string> {
      const row = await trx.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow();
      return row.name;
    },

    /** The company's live residents (not deleted, finished or declined) with this email, whatever its case. */
    liveResidentsWithEmail(companyId: string, email: string, trx: Kysely<Database> = db) {
      return trx
        .selectFrom('residents')
        .select(['id', 'unit_id', 'first_name', 'last_name'])
        .where('company_id', '=', companyId)
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .where('deleted_at', 'is', null)
        .where('status', 'not in', ['finished', 'declined'])
        .execute();
    },

    /** A resident the landlord invites directly, waiting for the invitation to be accepted. */
    async insertInvitedResident(trx: Kysely<Database>, resident: InvitedResident): Promise<string> {
      const { id } = await trx
        .insertInto('residents')
        .values({
          company_id: resident.companyId,
          property_id: resident.propertyId,
          unit_id: resident.unitId,
          first_name: resident.firstName,
          last_name: resident.lastName,
          email: resident.email,
          phone: resident.phone,
          status: firstStatus('landlord_invite'),
          source: 'landlord_invite',
          rent_cents: resident.rentCents,
          due_day: resident.dueDay,
          lease_start: resident.leaseStart,
          lease_end: resident.leaseEnd,
          month_to_month: resident.leaseEnd === null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /** Where each unit is, for the email's "for 12 Maple Avenue, unit 101". */
    async placesOf(trx: Kysely<Database>, unitIds: string[]): Promise<Map<string, string>> {
      if (unitIds.length === 0) return new Map();
      const rows = await trx
        .selectFrom('units')
        .innerJoin('properties', 'properties.id', 'units.property_id')
        .select(['units.id', 'units.label', 'properties.street', 'properties.name'])
        .where(sql<boolean>`units.id = any(${unitIds}::uuid[])`)
        .execute();
      return new Map(rows.map((row) => [row.id, `${row.name}, unit ${row.label}`]));
    },

    /** The invitee's new account: the invitation proved the address. */
    async insertResidentUser(trx: Kysely<Database>, user: { email: string; firstName: string; lastName: string; passwordHash: string | null; now: Date }): Promise<string> {
      const { id } = await trx
        .insertInto('users')
        .values({ email: user.email, role: 'resident', company_id: null, first_name: user.firstName, last_name: user.lastName, password_hash: user.passwordHash, email_verified_at: user.now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /** What the ledger says of a resident's lease, and their unit. */
    leaseOf(trx: Kysely<Database>, residentId: string) {
      return trx.selectFrom('residents').select(['status', 'unit_id', 'rent_cents', 'lease_start']).where('id', '=', residentId).executeTakeFirst();
    },

    /** Links an invited resident to the account that accepted; true unless they stopped being invited meanwhile. */
    async linkAccepted(trx: Kysely<Database>, residentId: string, change: { userId: string; status: ResidentStatus; approvedAt: Date | null; now: Date }): Promise<boolean> {
      const updated = await trx
        .updateTable('residents')
        .set((eb) => ({ user_id: change.userId, status: change.status, approved_at: change.approvedAt, updated_at: change.now, version: eb('version', '+', 1) }))
        .where('id', '=', residentId)
        .where('status', 'in', statusesAllowing('accept'))
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    async revokeOpenFor(trx: Kysely<Database>, residentId: string, now: Date) {
      await trx
        .updateTable('invitations')
        .set({ revoked_at: now })
        .where('resident_id', '=', residentId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

export type InvitationsRepository = ReturnType<typeof createInvitationsRepository>;
