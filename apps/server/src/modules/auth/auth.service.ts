import { AppError, rateLimited } from '../../lib/app-error.ts';
import type { RateLimiter } from '../../lib/rate-limiter.ts';
import { randomToken, sha256 } from '../../lib/secrets.ts';
import type { AuthRepository, UserWithCompany } from './auth.repository.ts';
import { verifyPassword } from './password.ts';
import type { Principal } from './principal.ts';
import type { SessionCache } from './session-cache.ts';

const SESSION_REFRESH_MS = 5 * 60 * 1000;

export type AuthServiceDeps = {
  repository: AuthRepository;
  sessionDays: number;
  loginLimits: { perIp: RateLimiter; perEmailAndIp: RateLimiter; perEmail: RateLimiter };
  /** Support users must set up two-factor sign-in before the console answers (off only with demo data). */
  supportTwoFactorRequired: boolean;
  /** A right password for a user with two-factor on opens a challenge instead of a session. */
  openTwoFactorChallenge?: (user: UserWithCompany, meta: { ip: string; userAgent: string | null }) => Promise<string>;
  /** Sessions resolved before, kept while the process hears of changes (main.ts); without it every request looks. */
  sessionCache?: SessionCache;
  now?: () => Date;
};

/** Whether policy makes this user set up two-factor sign-in before using the app. */
export function mustUseTwoFactor(user: Pick<UserWithCompany, 'role' | 'companyRequiresTwoFactor'>, supportTwoFactorRequired: boolean): boolean {
  if (user.role === 'support') return supportTwoFactorRequired;
  return user.role === 'landlord' && user.companyRequiresTwoFactor;
}

function tooManyAttempts(retryAfterSeconds: number) {
  return rateLimited(`Too many sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
}

// One answer for an unknown email, a wrong password and a disabled account.
const invalidCredentials = () => new AppError('unauthenticated', 'invalid_credentials', 'Email or password is incorrect');

export function createAuthService({ repository, sessionDays, loginLimits, supportTwoFactorRequired, openTwoFactorChallenge, sessionCache, now = () => new Date() }: AuthServiceDeps) {
  const sessionLifetimeMs = sessionDays * 24 * 60 * 60 * 1000;

  function principalFromUser(user: UserWithCompany, via: { sessionId: string; csrfToken: string }): Principal {
    return {
      userId: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      role: user.role,
      company: user.company,
      emailVerified: user.emailVerifiedAt !== null,
      twoFactorEnabled: user.twoFactorEnabledAt !== null,
      twoFactorSetupRequired: user.twoFactorEnabledAt === null && mustUseTwoFactor(user, supportTwoFactorRequired),
      via: 'session',
      ...via,
    };
  }

  async function startSession(user: UserWithCompany, meta: { ip: string | null; userAgent: string | null }) {
    const sessionToken = randomToken();
    const csrfToken = randomToken();
    await repository.createSession({
      tokenHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now().getTime() + sessionLifetimeMs),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip,
    });
    const session = await repository.findLiveSession(sha256(sessionToken), now());
    if (!session) throw new Error('session vanished right after creation');
    return { sessionToken, principal: principalFromUser(user, { sessionId: session.sessionId, csrfToken }) };
  }

  return {
    sessionLifetimeMs,
    startSession,

    async userById(userId: string): Promise<UserWithCompany> {
      const user = await repository.findUserById(userId);
      if (!user) throw new Error(`user ${userId} vanished`);
      return user;
    },

    async login(input: { email: string; password: string; ip: string; userAgent: string | null }) {
      const emailKey = input.email.toLowerCase();
      const emailAndIpKey = `${emailKey} ${input.ip}`;
      // The counts live in the database, shared by every server process: the three reads go at once.
      const limits = await Promise.all([loginLimits.perIp.check(input.ip), loginLimits.perEmailAndIp.check(emailAndIpKey), loginLimits.perEmail.check(emailKey)]);
      const retryAfter = limits[0] ?? limits[1] ?? limits[2];
      if (retryAfter !== null) throw tooManyAttempts(retryAfter);
      // Attempts that passed the check together, past the limit, are refused here.
      const overIp = await loginLimits.perIp.hit(input.ip);
      if (overIp !== null) throw tooManyAttempts(overIp);

      const user = await repository.findUserByEmail(input.email);
      const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
      if (!user || !passwordOk || user.disabledAt) {
        await Promise.all([loginLimits.perEmailAndIp.hit(emailAndIpKey), loginLimits.perEmail.hit(emailKey)]);
        throw invalidCredentials();
      }
      await loginLimits.perEmailAndIp.reset(emailAndIpKey);
      if (user.twoFactorEnabledAt && openTwoFactorChallenge) {
        return { challengeId: await openTwoFactorChallenge(user, { ip: input.ip, userAgent: input.userAgent }) } as const;
      }
      return { ...(await startSession(user, { ip: input.ip, userAgent: input.userAgent })), challengeId: null } as const;
    },

    /** After a password reset the owner proved their inbox: earlier failed guesses stop counting against them. */
    async forgetFailedSignIns(email: string, ip: string) {
      await Promise.all([loginLimits.perEmail.reset(email.toLowerCase()), loginLimits.perEmailAndIp.reset(`${email.toLowerCase()} ${ip}`)]);
    },

    async resolveSession(sessionToken: string): Promise<Principal | undefined> {
      const tokenHash = sha256(sessionToken);
      let session = sessionCache?.get(tokenHash);
      if (!session) {
        const generation = sessionCache?.generation() ?? 0;
        session = await repository.findLiveSession(tokenHash, now());
        if (!session) return undefined;
        sessionCache?.put(tokenHash, session, generation);
      }
      // Sliding expiry, written at most every few minutes to keep reads cheap.
      if (now().getTime() - session.lastSeenAt.getTime() > SESSION_REFRESH_MS) {
        const lastSeenAt = now();
        const expiresAt = new Date(lastSeenAt.getTime() + sessionLifetimeMs);
        await repository.extendSession(session.sessionId, lastSeenAt, expiresAt);
        sessionCache?.extended(tokenHash, lastSeenAt, expiresAt);
      }
      return principalFromUser(session.user, { sessionId: session.sessionId, csrfToken: session.csrfToken });
    },

    async resolveApiToken(secret: string): Promise<Principal | undefined> {
      const token = await repository.findLiveApiToken(sha256(secret));
      if (!token || token.user.role !== 'landlord' || token.user.company?.id !== token.companyId) return undefined;
      if (!token.lastUsedAt || now().getTime() - token.lastUsedAt.getTime() > SESSION_REFRESH_MS) {
        await repository.touchApiToken(token.tokenId, now());
      }
      return {
        userId: token.user.id,
        email: token.user.email,
        firstName: token.user.firstName,
        lastName: token.user.lastName,
        role: 'landlord',
        company: token.user.company,
        emailVerified: token.user.emailVerifiedAt !== null,
        twoFactorEnabled: token.user.twoFactorEnabledAt !== null,
        // A token is a company's integration key, made by staff already signed in; it has no second factor to give.
        twoFactorSetupRequired: false,
        via: 'api_token',
        apiTokenId: token.tokenId,
      };
    },

    async logout(sessionId: string) {
      await repository.deleteSession(sessionId);
      sessionCache?.forgetSession(sessionId);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
