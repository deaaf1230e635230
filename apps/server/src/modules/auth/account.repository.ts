import { type Kysely, sql } from 'kysely';
import type { Database, UserTokensTable } from '../../db/database.types.ts';

export type TokenPurpose = UserTokensTable['purpose'];

/** Cancels the user's live links of one purpose. */
async function revokeTokens(trx: Kysely<Database>, userId: string, purpose: TokenPurpose, now: Date) {
  await trx
    .updateTable('user_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** SQL of the account's own security: emailed tokens, sessions, password and two-factor state. */
export function createAccountRepository(db: Kysely<Database>) {
  return {
    /** Locks the user's row, so counting and issuing tokens for one user is serial across processes. */
    async lockUser(trx: Kysely<Database>, userId: string) {
      return trx
        .selectFrom('users')
        .select(['id', 'email', 'first_name', 'role', 'email_verified_at', 'disabled_at'])
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
    },

    async tokensSince(trx: Kysely<Database>, userId: string, purpose: TokenPurpose, since: Date) {
      const row = await trx
        .selectFrom('user_tokens')
        .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(created_at)`.as('oldest')])
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow();
      return { count: row.count, oldest: row.oldest ? new Date(row.oldest) : null };
    },

    revokeTokens,

    /** A new link replaces the older ones: only the newest email works. */
    async issueToken(trx: Kysely<Database>, input: { userId: string; purpose: TokenPurpose; tokenHash: string; email: string; expiresAt: Date; now: Date }) {
      await revokeTokens(trx, input.userId, input.purpose, input.now);
      const { id } = await trx
        .insertInto('user_tokens')
        .values({ user_id: input.userId, purpose: input.purpose, token_hash: input.tokenHash, email: input.email, expires_at: input.expiresAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /** Marks a live token used and returns it; undefined when unknown, used, replaced or expired. Single use under races. */
    async consumeToken(trx: Kysely<Database>, tokenHash: string, purpose: TokenPurpose, now: Date) {
      return trx
        .updateTable('user_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['id', 'user_id', 'email'])
        .executeTakeFirst();
    },

    /** Verifies the account's email only if it is still the address the link went to. */
    async markEmailVerified(trx: Kysely<Database>, userId: string, email: string, now: Date) {
      const row = await trx
        .updateTable('users')
        .set((eb) => ({ email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(now)), updated_at: now }))
        .where('id', '=', userId)
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },

    /** Whether another account already signs in with this address (case does not matter). */
    async emailTakenByOther(trx: Kysely<Database>, userId: string, email: string) {
      const row = await trx
        .selectFrom('users')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .where('id', '<>', userId)
        .executeTakeFirst();
      return Boolean(row);
    },

    /** Moves the sign-in to the new address, proven by the link that reached it. */
    async changeEmail(trx: Kysely<Database>, userId: string, email: string, now: Date) {
      await trx.updateTable('users').set({ email, email_verified_at: now, updated_at: now }).where('id', '=', userId).execute();
    },

    async setPassword(trx: Kysely<Database>, userId: string, passwordHash: string, now: Date) {
      await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', userId).execute();
    },

    async passwordHashOf(userId: string) {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
      return row?.password_hash ?? null;
    },

    /** Ends every session of the user except `keepSessionId`; returns how many ended. */
    async deleteSessionsOf(trx: Kysely<Database>, userId: string, keepSessionId: string | null = null) {
      let query = trx.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepSessionId) query = query.where('id', '<>', keepSessionId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    liveSessionsOf(userId: string, now: Date) {
      return db
        .selectFrom('sessions')
        .select(['id', 'user_agent', 'ip', 'created_at', 'last_seen_at'])
        .where('user_id', '=', userId)
        .where('expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .execute();
    },

    async deleteSessionOf(trx: Kysely<Database>, userId: string, sessionId: string) {
      return trx.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).returning(['id', 'user_agent', 'ip']).executeTakeFirst();
    },

    /** Pending residencies that carry the account's old address take the new one: the landlord reviews, and matching uses, what the person proved. */
    async moveEmailOfPendingResidencies(trx: Kysely<Database>, userId: string, from: string, to: string, now: Date) {
      await trx
        .updateTable('residents')
        .set({ email: to, updated_at: now })
        .where('user_id', '=', userId)
        .where('status', '=', 'pending')
        .where('deleted_at', 'is', null)
        .where((eb) => eb(eb.fn('lower', ['email']), '=', from.toLowerCase()))
        .execute();
    },

    twoFactorStateOf(userId: string, trx: Kysely<Database> = db) {
      return trx
        .selectFrom('users')
        .select(['id', 'email', 'first_name', 'role', 'two_factor_secret_encrypted', 'two_factor_pending_secret_encrypted', 'two_factor_enabled_at', 'two_factor_last_step'])
        .where('id', '=', userId)
        .executeTakeFirst();
    },

    async setPendingSecret(userId: string, encrypted: string, now: Date) {
      await db.updateTable('users').set({ two_factor_pending_secret_encrypted: encrypted, updated_at: now }).where('id', '=', userId).execute();
    },

    /** Accepts a TOTP time step once: a later step than any accepted before, atomically. */
    async claimStep(trx: Kysely<Database>, userId: string, step: number) {
      const row = await trx
        .updateTable('users')
        .set({ two_factor_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('two_factor_last_step', 'is', null), eb('two_factor_last_step', '<', String(step))]))
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },

    async enableTwoFactor(trx: Kysely<Database>, userId: string, input: { encryptedSecret: string; step: number; recoveryCodeHashes: string[]; now: Date }) {
      await trx
        .updateTable('users')
        .set({ two_factor_secret_encrypted: input.encryptedSecret, two_factor_pending_secret_encrypted: null, two_factor_enabled_at: input.now, two_factor_last_step: input.step, updated_at: input.now })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('two_factor_recovery_codes')
        .values(input.recoveryCodeHashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash })))
        .execute();
    },

    async disableTwoFactor(trx: Kysely<Database>, userId: string, now: Date) {
      await trx
        .updateTable('users')
        .set({ two_factor_secret_encrypted: null, two_factor_pending_secret_encrypted: null, two_factor_enabled_at: null, two_factor_last_step: null, updated_at: now })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
    },

    async useRecoveryCode(trx: Kysely<Database>, userId: string, codeHash: string, now: Date) {
      const row = await trx
        .updateTable('two_factor_recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return Boolean(row);
    },

    async unusedRecoveryCodes(userId: string) {
      const row = await db
        .selectFrom('two_factor_recovery_codes')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return row.count;
    },

    async createChallenge(input: { userId: string; ip: string | null; userAgent: string | null; expiresAt: Date }) {
      const { id } = await db
        .insertInto('login_challenges')
        .values({ user_id: input.userId, ip: input.ip, user_agent: input.userAgent, expires_at: input.expiresAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    lockChallenge(trx: Kysely<Database>, challengeId: string) {
      return trx.selectFrom('login_challenges').selectAll().where('id', '=', challengeId).forUpdate().executeTakeFirst();
    },

    async recordChallengeFailure(trx: Kysely<Database>, challengeId: string, failedAttempts: number, lockedUntil: Date | null) {
      await trx.updateTable('login_challenges').set({ failed_attempts: failedAttempts, locked_until: lockedUntil }).where('id', '=', challengeId).execute();
    },

    async completeChallenge(trx: Kysely<Database>, challengeId: string, now: Date) {
      await trx.updateTable('login_challenges').set({ completed_at: now }).where('id', '=', challengeId).execute();
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
