import type { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../../db/database.types.ts';
import { AppError, conflict, invalid, rateLimited, waitInWords } from '../../lib/app-error.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import { randomToken, sha256 } from '../../lib/secrets.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { twoFactorChangedEmail, twoFactorLockedEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { AccountRepository } from './account.repository.ts';
import type { UserWithCompany } from './auth.repository.ts';
import { type AuthService, mustUseTwoFactor } from './auth.service.ts';
import type { Principal } from './principal.ts';

const PERIOD_SECONDS = 30;
const CHALLENGE_MS = 10 * 60 * 1000;
export const MAX_WRONG_CODES = 5;
export const CHALLENGE_LOCK_MINUTES = 15;
export const RECOVERY_CODE_COUNT = 10;

type Deps = {
  db: Kysely<Database>;
  repository: AccountRepository;
  encryptor: Encryptor;
  mailer: Mailer;
  authService: () => AuthService;
  supportTwoFactorRequired: boolean;
  now?: () => Date;
};

const wrongCode = () => invalid([{ path: 'code', message: 'This code is not right. Use the current code from your authenticator app, or a recovery code.' }]);

/** Recovery codes are typed by hand: case, spaces and dashes do not matter. */
const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function newRecoveryCode(): string {
  const raw = randomToken(10).toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(10, '7').slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

function totpFor(secretBase32: string, email: string) {
  return new TOTP({ issuer: 'RentLedger', label: email, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS });
}

export function createTwoFactorService({ db, repository, encryptor, mailer, authService, supportTwoFactorRequired, now = () => new Date() }: Deps) {
  /** The time step a six-digit code belongs to (one step of clock drift either way), or null. */
  function stepOf(secretBase32: string, email: string, code: string): number | null {
    if (!/^\d{6}$/.test(code)) return null;
    const timestamp = now().getTime();
    const delta = totpFor(secretBase32, email).validate({ token: code, timestamp, window: 1 });
    return delta === null ? null : TOTP.counter({ period: PERIOD_SECONDS, timestamp }) + delta;
  }

  /** A current code (never one already used) or an unused recovery code of an enrolled user. */
  async function checkCode(trx: Kysely<Database>, userId: string, code: string): Promise<'totp' | 'recovery' | null> {
    const state = await repository.twoFactorStateOf(userId, trx);
    if (!state?.two_factor_secret_encrypted) return null;
    const step = stepOf(encryptor.decrypt(state.two_factor_secret_encrypted), state.email, code.replace(/\s/g, ''));
    if (step !== null) return (await repository.claimStep(trx, userId, step)) ? 'totp' : null;
    const recovery = normaliseRecoveryCode(code);
    if (recovery.length !== 10) return null;
    return (await repository.useRecoveryCode(trx, userId, sha256(recovery), now())) ? 'recovery' : null;
  }

  function assertStaff(principal: Principal) {
    if (principal.role === 'resident') throw new AppError('forbidden', 'forbidden', 'Two-factor sign-in is for landlord staff and support');
    if (principal.via !== 'session') throw new AppError('forbidden', 'session_required', 'Set up two-factor sign-in from a signed-in browser session');
  }

  return {
    /** Opens the second step of a sign-in whose password was right. */
    openChallenge(user: UserWithCompany, meta: { ip: string; userAgent: string | null }) {
      return repository.createChallenge({ userId: user.id, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null, expiresAt: new Date(now().getTime() + CHALLENGE_MS) });
    },

    /** Completes a sign-in: five wrong codes hold the challenge for fifteen minutes, in the database (every process sees it). */
    async completeLogin(challengeId: string, code: string, meta: { ip: string; userAgent: string | null }) {
      const outcome = await db.transaction().execute(async (trx) => {
        const challenge = await repository.lockChallenge(trx, challengeId);
        if (!challenge || challenge.completed_at || challenge.expires_at.getTime() <= now().getTime()) {
          return { kind: 'expired' as const };
        }
        if (challenge.locked_until && challenge.locked_until.getTime() > now().getTime()) {
          return { kind: 'locked' as const, seconds: Math.ceil((challenge.locked_until.getTime() - now().getTime()) / 1000) };
        }
        const used = await checkCode(trx, challenge.user_id, code);
        if (!used) {
          const attempts = challenge.failed_attempts + 1;
          const locks = attempts >= MAX_WRONG_CODES;
          await repository.recordChallengeFailure(trx, challenge.id, locks ? 0 : attempts, locks ? new Date(now().getTime() + CHALLENGE_LOCK_MINUTES * 60_000) : null);
          await recordAudit(trx, { actorUserId: challenge.user_id, companyId: null, action: 'two_factor.failed', entityType: 'user', entityId: challenge.user_id, after: { attempt: attempts, locked: locks, ip: meta.ip } });
          if (locks) {
            const state = await repository.twoFactorStateOf(challenge.user_id, trx);
            if (state) {
              await mailer.queue(trx, { idempotencyKey: `two-factor-locked:${challenge.id}:${now().getTime()}`, companyId: null, to: state.email, ...twoFactorLockedEmail({ firstName: state.first_name, minutes: CHALLENGE_LOCK_MINUTES }) });
            }
            return { kind: 'locked' as const, seconds: CHALLENGE_LOCK_MINUTES * 60 };
          }
          return { kind: 'wrong' as const };
        }
        await repository.completeChallenge(trx, challenge.id, now());
        await recordAudit(trx, { actorUserId: challenge.user_id, companyId: null, action: 'two_factor.signed_in', entityType: 'user', entityId: challenge.user_id, after: { with: used, ip: meta.ip } });
        return { kind: 'ok' as const, userId: challenge.user_id };
      });
      if (outcome.kind === 'expired') throw new AppError('gone', 'challenge_expired', 'This sign-in took too long or was already completed: sign in again');
      if (outcome.kind === 'locked') throw rateLimited(`Too many wrong codes. Try again in ${waitInWords(outcome.seconds)}, or reset your password.`, outcome.seconds);
      if (outcome.kind === 'wrong') throw wrongCode();
      const auth = authService();
      return auth.startSession(await auth.userById(outcome.userId), meta);
    },

    /** A new secret, kept pending (encrypted) until a code from it is confirmed; shown this once. */
    async setup(principal: Principal) {
      assertStaff(principal);
      if (principal.twoFactorEnabled) throw conflict('two_factor_enabled', 'Two-factor sign-in is already on: turn it off first to use a new authenticator');
      const secret = new Secret({ size: 20 }).base32;
      await repository.setPendingSecret(principal.userId, encryptor.encrypt(secret), now());
      return { secret, otpauthUrl: totpFor(secret, principal.email).toString() };
    },

    async confirm(principal: Principal, code: string) {
      assertStaff(principal);
      return db.transaction().execute(async (trx) => {
        const state = await repository.twoFactorStateOf(principal.userId, trx);
        if (state?.two_factor_enabled_at) throw conflict('two_factor_enabled', 'Two-factor sign-in is already on');
        if (!state?.two_factor_pending_secret_encrypted) throw conflict('two_factor_not_started', 'Start the set-up first: a new secret is shown with its QR code');
        const secret = encryptor.decrypt(state.two_factor_pending_secret_encrypted);
        const step = stepOf(secret, state.email, code.replace(/\s/g, ''));
        if (step === null) throw invalid([{ path: 'code', message: 'This code does not match: check the time on your phone and enter the current code' }]);
        const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
        await repository.enableTwoFactor(trx, principal.userId, {
          encryptedSecret: state.two_factor_pending_secret_encrypted,
          step,
          recoveryCodeHashes: recoveryCodes.map((recovery) => sha256(normaliseRecoveryCode(recovery))),
          now: now(),
        });
        await recordAudit(trx, { actorUserId: principal.userId, companyId: principal.company?.id ?? null, action: 'two_factor.enabled', entityType: 'user', entityId: principal.userId, after: { recoveryCodes: RECOVERY_CODE_COUNT } });
        await mailer.queue(trx, { idempotencyKey: `two-factor-on:${principal.userId}:${now().getTime()}`, companyId: null, to: principal.email, ...twoFactorChangedEmail({ firstName: principal.firstName, enabled: true }) });
        return { recoveryCodes };
      });
    },

    async disable(principal: Principal, code: string) {
      assertStaff(principal);
      const user = await authService().userById(principal.userId);
      if (mustUseTwoFactor(user, supportTwoFactorRequired)) {
        throw conflict('two_factor_required', user.role === 'support' ? 'Support users must keep two-factor sign-in on' : `${user.company?.name ?? 'Your company'} requires two-factor sign-in for staff`);
      }
      await db.transaction().execute(async (trx) => {
        const state = await repository.twoFactorStateOf(principal.userId, trx);
        if (!state?.two_factor_enabled_at) throw conflict('two_factor_not_enabled', 'Two-factor sign-in is not on');
        if (!(await checkCode(trx, principal.userId, code))) throw wrongCode();
        await repository.disableTwoFactor(trx, principal.userId, now());
        await recordAudit(trx, { actorUserId: principal.userId, companyId: principal.company?.id ?? null, action: 'two_factor.disabled', entityType: 'user', entityId: principal.userId });
        await mailer.queue(trx, { idempotencyKey: `two-factor-off:${principal.userId}:${now().getTime()}`, companyId: null, to: principal.email, ...twoFactorChangedEmail({ firstName: principal.firstName, enabled: false }) });
      });
    },

    async status(principal: Principal) {
      return { enabled: principal.twoFactorEnabled, required: principal.twoFactorSetupRequired || (principal.twoFactorEnabled && mustUseTwoFactor(await authService().userById(principal.userId), supportTwoFactorRequired)), recoveryCodesLeft: principal.twoFactorEnabled ? await repository.unusedRecoveryCodes(principal.userId) : 0 };
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
