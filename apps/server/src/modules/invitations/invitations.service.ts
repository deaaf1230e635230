import { randomUUID } from 'node:crypto';
import type { CreateInvitationRequest } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { AppError, conflict, invalid, notFound, rateLimited, waitInWords } from '../../lib/app-error.ts';
import { randomToken, sha256 } from '../../lib/secrets.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertCompanyAccess } from '../auth/company-access.ts';
import { verifyPassword } from '../auth/password.ts';
import { hashNewPassword } from '../auth/password-policy.ts';
import type { Principal } from '../auth/principal.ts';
import { invitationEmail, signInToConfirmEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import { canTransition, nextStatus } from '../onboarding/resident-status.domain.ts';
import type { InvitationDetails, InvitationsRepository } from './invitations.repository.ts';

export const INVITATION_DAYS = 14;

/** A resident gets at most this many invitation emails an hour (the first and three resends), however often staff click. */
const MAX_INVITATIONS_PER_WINDOW = 4;
const RESEND_WINDOW_MS = 60 * 60 * 1000;

export type Invitee = { residentId: string; email: string; firstName: string; unitId: string | null };

type Deps = { db: Kysely<Database>; repository: InvitationsRepository; mailer: Mailer; appUrl: string; now?: () => Date };

function formatDay(date: Date): string {
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export function createInvitationsService({ db, repository, mailer, appUrl, now = () => new Date() }: Deps) {
  /**
   * Creates one invitation per invitee and queues its email, in the caller's
   * transaction: a handful of statements however many invitees (a sync batch
   * has thousands), never one per invitee. The link carries the token in the
   * URL fragment, which browsers never send to a server, so it stays out of
   * access logs. Ids and tokens are made here, so each statement goes out while
   * the next one's rows are built (the transaction's queries queue on its one
   * connection).
   */
  async function issue(trx: Kysely<Database>, invitees: Invitee[], context: { companyId: string; companyName: string; createdBy: string | null }) {
    if (invitees.length === 0) return;
    const unitIds = [...new Set(invitees.map((i) => i.unitId).filter((id): id is string => id !== null))];
    const lookups = Promise.all([repository.placesOf(trx, unitIds), repository.verifiedAccountEmails(trx, invitees.map((invitee) => invitee.email))]);
    lookups.catch(() => undefined);
    const expiresAt = new Date(now().getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
    const issued = invitees.map((invitee) => {
      const token = randomToken();
      return { invitee, id: randomUUID(), token, row: { residentId: invitee.residentId, email: invitee.email, tokenHash: sha256(token), expiresAt, createdBy: context.createdBy } };
    });
    const inserted = repository.insertMany(trx, issued.map(({ id, row }) => ({ id, ...row })));
    inserted.catch(() => undefined);
    const [places, hasAccount] = await lookups;
    const expiresOn = formatDay(expiresAt);
    const emails = issued.map(({ invitee, id, token }) => {
      const render = hasAccount.has(invitee.email.toLowerCase()) ? signInToConfirmEmail : invitationEmail;
      const rendered = render({
        firstName: invitee.firstName,
        companyName: context.companyName,
        place: invitee.unitId ? (places.get(invitee.unitId) ?? null) : null,
        link: `${appUrl}/invitations/accept#token=${token}`,
        expiresOn,
      });
      return { idempotencyKey: `invitation:${id}`, companyId: context.companyId, to: invitee.email, ...rendered };
    });
    await inserted;
    // Each key names an invitation inserted just now: no email can have used it.
    await mailer.queue(trx, emails, { freshKeys: true });
  }

  /** The invitee joined another way (their sign-up was merged with this record): the link says so and points to sign-in. */
  /** The invitee has an account already: under the invited email, or the sign-up their invitation was folded into. */
  async function alreadyJoined(invitation: InvitationDetails | undefined) {
    if (!invitation) return false;
    if (await repository.mergedIntoAccount(invitation.residentId)) return true;
    return Boolean(await repository.accountWithEmail(invitation.email));
  }

  async function assertUsable(invitation: InvitationDetails | undefined): Promise<InvitationDetails> {
    if ((!invitation || invitation.residentDeleted || invitation.residentStatus !== 'invited') && !invitation?.acceptedAt && (await alreadyJoined(invitation))) {
      throw conflict('already_joined', 'You already joined RentLedger with this email: sign in to see your residency');
    }
    if (!invitation || invitation.residentDeleted) throw new AppError('not_found', 'invitation_not_found', 'This invitation link is not valid');
    if (invitation.acceptedAt) throw conflict('invitation_used', 'This invitation was already used: sign in instead');
    if (invitation.revokedAt) throw new AppError('gone', 'invitation_revoked', 'This invitation was replaced or withdrawn; use the newest email');
    if (invitation.expiresAt.getTime() <= now().getTime()) {
      throw new AppError('gone', 'invitation_expired', `This invitation expired on ${formatDay(invitation.expiresAt)}; ask ${invitation.companyName} to resend it`);
    }
    if (invitation.residentStatus !== 'invited') throw new AppError('not_found', 'invitation_not_found', 'This invitation link is not valid');
    return invitation;
  }

  return {
    issue,

    /** The landlord invites a resident directly (join path 3). */
    async invite(principal: Principal, input: CreateInvitationRequest) {
      const unit = await repository.findUnit(input.unitId);
      if (!unit) throw invalid([{ path: 'unitId', message: "Choose one of your company's units" }]);
      assertCompanyAccess(principal, unit.company_id, 'Unit');
      const companyName = await repository.companyName(unit.company_id);
      const sameEmail = await repository.liveResidentsWithEmail(unit.company_id, input.email);
      const duplicate = sameEmail.find((resident) => resident.unit_id === unit.id);
      if (duplicate) throw conflict('already_resident', `${input.email} already has a residency at this unit`, { residentId: duplicate.id });
      // Family members may share an inbox, but never silently: two people's invitations would land in one place.
      const sharing = sameEmail[0];
      if (sharing && !input.allowSharedEmail) {
        const name = `${sharing.first_name} ${sharing.last_name}`;
        throw conflict('email_in_use', `${input.email} is already the email of ${name}; invite anyway only if they share this inbox`, { residentId: sharing.id, name });
      }
      return db.transaction().execute(async (trx) => {
        const id = await repository.insertInvitedResident(trx, {
          companyId: unit.company_id,
          propertyId: unit.property_id,
          unitId: unit.id,
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email,
          phone: input.phone ?? null,
          rentCents: input.rentCents,
          dueDay: input.dueDay ?? 1,
          leaseStart: input.leaseStart,
          leaseEnd: input.leaseEnd,
        });
        await issue(trx, [{ residentId: id, email: input.email, firstName: input.firstName, unitId: unit.id }], {
          companyId: unit.company_id,
          companyName,
          createdBy: principal.userId,
        });
        await recordAudit(trx, { actorUserId: principal.userId, companyId: unit.company_id, action: 'resident.invited', entityType: 'resident', entityId: id, after: { ...input } });
        return id;
      });
    },

    async lookup(token: string) {
      const invitation = await assertUsable(await repository.findByTokenHash(sha256(token)));
      const account = await repository.accountWithEmail(invitation.email);
      return {
        hasAccount: Boolean(account?.email_verified_at),
        email: invitation.email,
        firstName: invitation.firstName,
        lastName: invitation.lastName,
        companyName: invitation.companyName,
        propertyName: invitation.propertyName,
        unitLabel: invitation.unitLabel,
        expiresAt: invitation.expiresAt.toISOString(),
      };
    },

    /** Sets the password (or checks an existing account's), approves the resident, and returns the user to sign in. */
    async accept(token: string, password: string): Promise<{ userId: string }> {
      const invitation = await assertUsable(await repository.findByTokenHash(sha256(token)));
      const found = await repository.accountWithEmail(invitation.email);
      // An account nobody proved is not the invitee's yet: accepting claims it (below), with the password typed here.
      const unproven = found && found.role === 'resident' && !found.email_verified_at ? found : undefined;
      const existing = unproven ? undefined : found;
      if (existing && (existing.role !== 'resident' || !(await verifyPassword(existing.password_hash, password)))) {
        throw conflict('account_exists', `An account already uses ${invitation.email}: enter its password to link this residency`, [
          { path: 'password', message: 'Enter the password of your existing account' },
        ]);
      }
      const passwordHash = existing ? null : await hashNewPassword(password);

      return db.transaction().execute(async (trx) => {
        if (!(await repository.markAccepted(trx, invitation.id, now()))) throw conflict('invitation_used', 'This invitation was already used: sign in instead');
        if (unproven && passwordHash) {
          await repository.claimUnverifiedAccount(trx, unproven.id, passwordHash, now());
          await recordAudit(trx, { actorUserId: unproven.id, companyId: invitation.companyId, action: 'user.email_verified', entityType: 'user', entityId: unproven.id, after: { email: invitation.email, via: 'invitation', sessionsEnded: true } });
        }
        const userId =
          unproven?.id ??
          existing?.id ??
          (await repository.insertResidentUser(trx, { email: invitation.email, firstName: invitation.firstName, lastName: invitation.lastName, passwordHash, now: now() }));
        // The ledger vouches for the lease; one that lacks a unit, rent or start date still needs the landlord's review.
        const resident = await repository.leaseOf(trx, invitation.residentId);
        const notValid = new AppError('not_found', 'invitation_not_found', 'This invitation link is not valid');
        if (!resident || !canTransition(resident.status, 'accept')) throw notValid;
        const verified = Boolean(resident.unit_id && resident.rent_cents !== null && resident.lease_start);
        const status = nextStatus(resident.status, verified ? 'accept' : 'accept_for_review');
        const linked = await repository.linkAccepted(trx, invitation.residentId, { userId, status, approvedAt: verified ? now() : null, now: now() });
        if (!linked) throw notValid;
        await recordAudit(trx, {
          actorUserId: userId,
          companyId: invitation.companyId,
          action: 'invitation.accepted',
          entityType: 'resident',
          entityId: invitation.residentId,
          before: { status: resident.status },
          after: { status, userId },
        });
        return { userId };
      });
    },

    async resend(principal: Principal, invitationId: string) {
      const invitation = await repository.find(invitationId);
      if (!invitation) throw notFound('Invitation');
      assertCompanyAccess(principal, invitation.companyId, 'Invitation');
      if (invitation.residentDeleted || invitation.residentStatus !== 'invited') {
        throw conflict('not_invited', `${invitation.firstName} ${invitation.lastName} is no longer waiting for an invitation`);
      }
      await db.transaction().execute(async (trx) => {
        const sent = await repository.sentSince(trx, invitation.residentId, new Date(now().getTime() - RESEND_WINDOW_MS));
        if (sent.count >= MAX_INVITATIONS_PER_WINDOW && sent.oldest) {
          const seconds = Math.max(1, Math.ceil((sent.oldest.getTime() + RESEND_WINDOW_MS - now().getTime()) / 1000));
          throw rateLimited(`${invitation.firstName} ${invitation.lastName} was sent ${sent.count} invitations in the last hour; resend again in ${waitInWords(seconds)}`, seconds);
        }
        await repository.revokeOpenFor(trx, invitation.residentId, now());
        const lease = await repository.leaseOf(trx, invitation.residentId);
        if (!lease) throw new Error('invited resident vanished inside its own transaction');
        await issue(trx, [{ residentId: invitation.residentId, email: invitation.email, firstName: invitation.firstName, unitId: lease.unit_id }], {
          companyId: invitation.companyId,
          companyName: invitation.companyName,
          createdBy: principal.userId,
        });
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId: invitation.companyId,
          action: 'invitation.resent',
          entityType: 'resident',
          entityId: invitation.residentId,
          after: { email: invitation.email },
        });
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
