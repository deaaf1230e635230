import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export type UserWithCompany = {
  id: string;
  email: string;
  role: 'landlord' | 'resident' | 'support';
  firstName: string;
  lastName: string;
  passwordHash: string | null;
  disabledAt: Date | null;
  emailVerifiedAt: Date | null;
  twoFactorEnabledAt: Date | null;
  /** The company makes its staff sign in with a second factor. */
  companyRequiresTwoFactor: boolean;
  company: { id: string; name: string; slug: string } | null;
};

function selectUserWithCompany(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .leftJoin('companies', 'companies.id', 'users.company_id')
    .select([
      'users.id',
      'users.email',
      'users.role',
      'users.first_name',
      'users.last_name',
      'users.password_hash',
      'users.disabled_at',
      'users.email_verified_at',
      'users.two_factor_enabled_at',
      'companies.require_staff_two_factor',
      'companies.id as company_id',
      'companies.name as company_name',
      'companies.slug as company_slug',
    ]);
}

type UserRow = {
  id: string;
  email: string;
  role: UserWithCompany['role'];
  first_name: string;
  last_name: string;
  password_hash: string | null;
  disabled_at: Date | null;
  email_verified_at: Date | null;
  two_factor_enabled_at: Date | null;
  require_staff_two_factor: boolean | null;
  company_id: string | null;
  company_name: string | null;
  company_slug: string | null;
};

function toUser(row: UserRow): UserWithCompany {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    firstName: row.first_name,
    lastName: row.last_name,
    passwordHash: row.password_hash,
    disabledAt: row.disabled_at,
    emailVerifiedAt: row.email_verified_at,
    twoFactorEnabledAt: row.two_factor_enabled_at,
    companyRequiresTwoFactor: row.require_staff_two_factor === true,
    company: row.company_id ? { id: row.company_id, name: row.company_name ?? '', slug: row.company_slug ?? '' } : null,
  };
}

export function createAuthRepository(db: Kysely<Database>) {
  return {
    async findUserByEmail(email: string): Promise<UserWithCompany | undefined> {
      const row = await selectUserWithCompany(db)
        .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
        .executeTakeFirst();
      return row ? toUser(row) : undefined;
    },

    async findUserById(id: string): Promise<UserWithCompany | undefined> {
      const row = await selectUserWithCompany(db).where('users.id', '=', id).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },

    async createSession(input: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date; userAgent: string | null; ip: string | null }) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: input.tokenHash,
          user_id: input.userId,
          csrf_token: input.csrfToken,
          expires_at: input.expiresAt,
          user_agent: input.userAgent,
          ip: input.ip,
        })
        .execute();
    },

    async findLiveSession(tokenHash: string, now: Date) {
      const row = await selectUserWithCompany(db)
        .innerJoin('sessions', 'sessions.user_id', 'users.id')
        .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at'])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', now)
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      return { user: toUser(row), sessionId: row.session_id, csrfToken: row.csrf_token, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
    },

    async extendSession(sessionId: string, now: Date, expiresAt: Date) {
      await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', sessionId).execute();
    },

    async deleteSession(sessionId: string) {
      await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    },

    async findLiveApiToken(tokenHash: string) {
      const row = await selectUserWithCompany(db)
        .innerJoin('api_tokens', 'api_tokens.created_by', 'users.id')
        .select(['api_tokens.id as token_id', 'api_tokens.company_id as token_company_id', 'api_tokens.last_used_at'])
        .where('api_tokens.token_hash', '=', tokenHash)
        .where('api_tokens.revoked_at', 'is', null)
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      return { user: toUser(row), tokenId: row.token_id, companyId: row.token_company_id, lastUsedAt: row.last_used_at };
    },

    async touchApiToken(tokenId: string, now: Date) {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
