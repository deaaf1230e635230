import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { AppError, conflict, invalid, isUniqueViolation, notFound, rateLimited, waitInWords } from '../../lib/app-error.ts';
import type { RateLimiter } from '../../lib/rate-limiter.ts';
import { randomToken, sha256 } from '../../lib/secrets.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  confirmNewEmailEmail,
  emailAlreadyUsedEmail,
  emailChangedEmail,
  emailChangeRequestedEmail,
  emailVerifiedEmail,
  passwordChangedEmail,
  passwordResetEmail,
  sessionEndedEmail,
  verifyEmailEmail,
} from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { AccountRepository, TokenPurpose } from './account.repository.ts';
import type { AuthRepository } from './auth.repository.ts';
import type { AuthService } from './auth.service.ts';
import { verifyPassword } from './password.ts';
import { hashNewPassword } from './password-policy.ts';
import type { Principal } from './principal.ts';
import { describeDevice } from './user-agent.ts';

const HOUR_MS = 60 * 60 * 1000;
export const VERIFY_EMAIL_MS = 24 * HOUR_MS;
export const PASSWORD_RESET_MS = HOUR_MS;
/** Verification emails a user may have sent an hour (sign-up's and two resends). */
const MAX_VERIFICATION_EMAILS_PER_HOUR = 3;
/** Email changes a user may ask for an hour: each sends two emails, one of them to an address nobody has proven. */
const MAX_EMAIL_CHANGES_PER_HOUR = 3;

type Deps = {
  db: Kysely<Database>;
  repository: AccountRepository;
  users: AuthRepository;
  authService: AuthService;
  mailer: Mailer;
  appUrl: string;
  resetLimits: { perIp: RateLimiter; perEmail: RateLimiter };
  /** Runs after an email is verified, outside the transaction: pending residencies may now be matched. */
  onEmailVerified: (userId: string) => Promise<void>;
  now?: () => Date;
};

const emailTaken = (email: string) => conflict('email_taken', `Another account signs in with ${email} now, so your email was not changed. Keep your current email, or use a different one.`);

const linkInvalid = (what: string) => new AppError('invalid', 'token_invalid', `This ${what} link is not valid: it was used, replaced by a newer email, or it expired. Ask for a new one.`);

export function createAccountService({ db, repository, users, authService, mailer, appUrl, resetLimits, onEmailVerified, now = () => new Date() }: Deps) {
  /**
   * Issues a verification link in the caller's transaction and queues its
   * email. The token rides in the URL fragment, which browsers never send.
   */
  /** A new emailed link for one purpose (the older ones stop working); answers the raw token for the link and its row id. */
  async function issueLink(trx: Kysely<Database>, userId: string, purpose: TokenPurpose, email: string, lifetimeMs: number) {
    const token = randomToken();
    const tokenId = await repository.issueToken(trx, { userId, purpose, tokenHash: sha256(token), email, expiresAt: new Date(now().getTime() + lifetimeMs), now: now() });
    return { token, tokenId };
  }

  async function sendVerification(trx: Kysely<Database>, user: { id: string; email: string; firstName: string }) {
    const { token, tokenId } = await issueLink(trx, user.id, 'verify_email', user.email, VERIFY_EMAIL_MS);
    await mailer.queue(trx, {
      idempotencyKey: `verify-email:${tokenId}`,
      companyId: null,
      to: user.email,
      ...verifyEmailEmail({ firstName: user.firstName, link: `${appUrl}/verify-email#token=${token}` }),
    });
  }

  function sessionRequired(what: string) {
    return new AppError('forbidden', 'session_required', `${what} from a signed-in browser session`);
  }

  async function refuseBeyond(trx: Kysely<Database>, userId: string, purpose: TokenPurpose, max: number, say: (count: number) => string) {
    const sent = await repository.tokensSince(trx, userId, purpose, new Date(now().getTime() - HOUR_MS));
    if (sent.count >= max && sent.oldest) {
      const seconds = Math.max(1, Math.ceil((sent.oldest.getTime() + HOUR_MS - now().getTime()) / 1000));
      throw rateLimited(`${say(sent.count)} Try again in ${waitInWords(seconds)}.`, seconds);
    }
  }

  async function checkCurrentPassword(userId: string, password: string) {
    if (!(await verifyPassword(await repository.passwordHashOf(userId), password))) {
      throw invalid([{ path: 'currentPassword', message: 'This is not your current password' }]);
    }
  }

  async function notify(trx: Kysely<Database>, key: string, to: string, email: { subject: string; text: string }) {
    await mailer.queue(trx, { idempotencyKey: key, companyId: null, to, ...email });
  }

  return {
    sendVerification,

    /** Follows the emailed link: verifies, signs in, then matches pending residencies as sign-up would have. */
    async verifyEmail(token: string, meta: { ip: string; userAgent: string | null }) {
      const verified = await db.transaction().execute(async (trx) => {
        const used = await repository.consumeToken(trx, sha256(token), 'verify_email', now());
        if (!used) return undefined;
        if (!(await repository.markEmailVerified(trx, used.user_id, used.email, now()))) return undefined;
        const user = await repository.lockUser(trx, used.user_id);
        if (!user || user.disabled_at) return undefined;
        await recordAudit(trx, { actorUserId: user.id, companyId: null, action: 'user.email_verified', entityType: 'user', entityId: user.id, after: { email: used.email } });
        await notify(trx, `email-verified:${used.id}`, used.email, emailVerifiedEmail({ firstName: user.first_name }));
        return user;
      });
      if (!verified) throw linkInvalid('verification');
      await onEmailVerified(verified.id);
      const user = await authService.userById(verified.id);
      // A second factor is never skipped by an emailed link: such a user signs in as usual.
      if (user.twoFactorEnabledAt) return { session: null };
      return { session: await authService.startSession(user, meta) };
    },

    async resendVerification(principal: Principal) {
      await db.transaction().execute(async (trx) => {
        const user = await repository.lockUser(trx, principal.userId);
        if (!user) throw notFound('Account');
        if (user.email_verified_at) throw conflict('already_verified', 'Your email is already confirmed');
        await refuseBeyond(trx, user.id, 'verify_email', MAX_VERIFICATION_EMAILS_PER_HOUR, (count) => `We sent ${count} confirmation emails in the last hour. Check your spam folder.`);
        await sendVerification(trx, { id: user.id, email: user.email, firstName: user.first_name });
        await recordAudit(trx, { actorUserId: user.id, companyId: null, action: 'user.verification_resent', entityType: 'user', entityId: user.id, after: { email: user.email } });
      });
    },

    /** The same answer whether or not the email has an account; the limits apply to both alike. */
    async requestPasswordReset(email: string, meta: { ip: string }) {
      const key = email.toLowerCase();
      const tooMany = (seconds: number) => rateLimited(`Too many reset requests. Try again in ${waitInWords(seconds)}.`, seconds);
      const [byIp, byEmail] = await Promise.all([resetLimits.perIp.check(meta.ip), resetLimits.perEmail.check(key)]);
      const retry = byIp ?? byEmail;
      if (retry !== null) throw tooMany(retry);
      // Requests that passed the check together, past the limit (on any server), are refused here.
      const [overIp, overEmail] = await Promise.all([resetLimits.perIp.hit(meta.ip), resetLimits.perEmail.hit(key)]);
      const over = overIp ?? overEmail;
      if (over !== null) throw tooMany(over);
      const user = await users.findUserByEmail(email);
      if (!user || user.disabledAt) return;
      await db.transaction().execute(async (trx) => {
        await repository.lockUser(trx, user.id);
        const { token, tokenId } = await issueLink(trx, user.id, 'password_reset', user.email, PASSWORD_RESET_MS);
        await notify(trx, `password-reset:${tokenId}`, user.email, passwordResetEmail({ firstName: user.firstName, link: `${appUrl}/reset-password#token=${token}` }));
        await recordAudit(trx, { actorUserId: null, companyId: user.company?.id ?? null, action: 'user.password_reset_requested', entityType: 'user', entityId: user.id, after: { ip: meta.ip } });
      });
    },

    /** Sets the new password, proves the email, and signs out every session; the user then signs in (with two-factor if on). */
    async confirmPasswordReset(token: string, password: string, meta: { ip: string }) {
      const passwordHash = await hashNewPassword(password, 'password');
      const user = await db.transaction().execute(async (trx) => {
        const used = await repository.consumeToken(trx, sha256(token), 'password_reset', now());
        if (!used) return undefined;
        const locked = await repository.lockUser(trx, used.user_id);
        if (!locked || locked.disabled_at || locked.email.toLowerCase() !== used.email.toLowerCase()) return undefined;
        await repository.setPassword(trx, locked.id, passwordHash, now());
        // Whoever asked to move the account elsewhere may be the reason for the reset.
        await repository.revokeTokens(trx, locked.id, 'change_email', now());
        await repository.markEmailVerified(trx, locked.id, used.email, now());
        const ended = await repository.deleteSessionsOf(trx, locked.id);
        await recordAudit(trx, { actorUserId: locked.id, companyId: null, action: 'user.password_reset', entityType: 'user', entityId: locked.id, after: { endedSessions: ended, ip: meta.ip } });
        await notify(trx, `password-reset-done:${used.id}`, locked.email, passwordChangedEmail({ firstName: locked.first_name, how: 'reset', endedSessions: ended }));
        return locked;
      });
      if (!user) throw linkInvalid('reset');
      // The owner proved the inbox: guesses against the account no longer hold them back.
      await authService.forgetFailedSignIns(user.email, meta.ip);
      await onEmailVerified(user.id);
    },

    async changePassword(principal: Principal, input: { currentPassword: string; newPassword: string }) {
      if (principal.via !== 'session') throw sessionRequired('Change the password');
      await checkCurrentPassword(principal.userId, input.currentPassword);
      if (input.currentPassword === input.newPassword) throw invalid([{ path: 'newPassword', message: 'Choose a password different from the current one' }]);
      const passwordHash = await hashNewPassword(input.newPassword, 'newPassword');
      return db.transaction().execute(async (trx) => {
        await repository.setPassword(trx, principal.userId, passwordHash, now());
        await repository.revokeTokens(trx, principal.userId, 'change_email', now());
        const ended = await repository.deleteSessionsOf(trx, principal.userId, principal.sessionId);
        await recordAudit(trx, { actorUserId: principal.userId, companyId: principal.company?.id ?? null, action: 'user.password_changed', entityType: 'user', entityId: principal.userId, after: { endedSessions: ended } });
        await notify(trx, `password-changed:${principal.sessionId}:${now().getTime()}`, principal.email, passwordChangedEmail({ firstName: principal.firstName, how: 'changed', endedSessions: ended }));
        return { endedSessions: ended };
      });
    },

    /**
     * Sends a link to the new address and a notice to the current one; the
     * email changes only when the link is opened. The answer is the same when
     * another account owns the new address (that address is told instead), so
     * this cannot be used to learn who has an account.
     */
    async requestEmailChange(principal: Principal, input: { newEmail: string; currentPassword: string }) {
      if (principal.via !== 'session') throw sessionRequired('Change the email');
      if (input.newEmail.toLowerCase() === principal.email.toLowerCase()) throw invalid([{ path: 'newEmail', message: 'This is already your email' }]);
      await checkCurrentPassword(principal.userId, input.currentPassword);
      await db.transaction().execute(async (trx) => {
        const user = await repository.lockUser(trx, principal.userId);
        if (!user) throw notFound('Account');
        await refuseBeyond(trx, user.id, 'change_email', MAX_EMAIL_CHANGES_PER_HOUR, (count) => `You asked to change your email ${count} times in the last hour.`);
        const { token, tokenId } = await issueLink(trx, user.id, 'change_email', input.newEmail, VERIFY_EMAIL_MS);
        const taken = await repository.emailTakenByOther(trx, user.id, input.newEmail);
        await notify(
          trx,
          `email-change-link:${tokenId}`,
          input.newEmail,
          taken ? emailAlreadyUsedEmail({ signInLink: `${appUrl}/sign-in` }) : confirmNewEmailEmail({ firstName: user.first_name, link: `${appUrl}/confirm-email-change#token=${token}` }),
        );
        await notify(trx, `email-change-requested:${tokenId}`, user.email, emailChangeRequestedEmail({ firstName: user.first_name, newEmail: input.newEmail }));
        await recordAudit(trx, { actorUserId: user.id, companyId: principal.company?.id ?? null, action: 'user.email_change_requested', entityType: 'user', entityId: user.id, after: { newEmail: input.newEmail } });
      });
    },

    /** Follows the link sent to the new address: the account signs in with it from now on, and the old address is told. */
    async confirmEmailChange(token: string) {
      const changed = await db
        .transaction()
        .execute(async (trx) => {
          const used = await repository.consumeToken(trx, sha256(token), 'change_email', now());
          if (!used) return undefined;
          const user = await repository.lockUser(trx, used.user_id);
          if (!user || user.disabled_at) return undefined;
          if (await repository.emailTakenByOther(trx, user.id, used.email)) throw emailTaken(used.email);
          await repository.changeEmail(trx, user.id, used.email, now());
          await repository.moveEmailOfPendingResidencies(trx, user.id, user.email, used.email, now());
          await recordAudit(trx, { actorUserId: user.id, companyId: null, action: 'user.email_changed', entityType: 'user', entityId: user.id, before: { email: user.email }, after: { email: used.email } });
          await notify(trx, `email-changed:${used.id}`, user.email, emailChangedEmail({ firstName: user.first_name, newEmail: used.email }));
          return { userId: user.id, email: used.email };
        })
        .catch((error: unknown) => {
          // Two accounts moving to one address at once: the unique index decides, the loser is told.
          if (isUniqueViolation(error, 'users_email_unique')) throw emailTaken('that address');
          throw error;
        });
      if (!changed) throw linkInvalid('email change');
      // The new address is proven: pending residencies are matched with it, as after verifying.
      await onEmailVerified(changed.userId);
      return { email: changed.email };
    },

    async sessions(principal: Principal) {
      const rows = await repository.liveSessionsOf(principal.userId, now());
      return rows.map((row) => ({
        id: row.id,
        device: describeDevice(row.user_agent),
        ip: row.ip,
        createdAt: row.created_at.toISOString(),
        lastSeenAt: row.last_seen_at.toISOString(),
        current: principal.via === 'session' && principal.sessionId === row.id,
      }));
    },

    async endSession(principal: Principal, sessionId: string) {
      await db.transaction().execute(async (trx) => {
        const ended = await repository.deleteSessionOf(trx, principal.userId, sessionId);
        if (!ended) throw notFound('Session');
        const device = describeDevice(ended.user_agent);
        await recordAudit(trx, { actorUserId: principal.userId, companyId: principal.company?.id ?? null, action: 'session.revoked', entityType: 'session', entityId: sessionId, after: { device, ip: ended.ip } });
        await notify(trx, `session-ended:${sessionId}`, principal.email, sessionEndedEmail({ firstName: principal.firstName, device }));
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
