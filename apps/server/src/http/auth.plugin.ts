import type { Role } from '@rentledger/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../modules/auth/principal.ts';
import { safeEqual } from '../lib/secrets.ts';
import { AppError, forbidden, unauthorized } from '../lib/app-error.ts';

export const SESSION_COOKIE = 'rl_session';

/** Who may call a route: everyone, or signed-in users of the listed roles. */
export type RouteAccess = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAccess;
    /** Login is the one cookie-less state change that needs no CSRF token. */
    csrf?: boolean;
    /** Answers a user who must still set up two-factor sign-in (the session, sign-out and the set-up itself). */
    beforeTwoFactor?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyReply {
    /** Sets the session cookie: httpOnly, SameSite=Lax, and Secure whenever the app is served over HTTPS. */
    setSessionCookie(sessionToken: string): FastifyReply;
    clearSessionCookie(): FastifyReply;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

type AuthPluginOptions = {
  authService: PrincipalResolver;
  /** APP_URL is https: TLS ends at a proxy the app may not be told to trust, so the request's protocol cannot say. */
  appServedOverHttps: boolean;
};

/**
 * What the plugin needs from the auth module, declared here so HTTP depends on a shape, not on the module's
 * service (the auth service satisfies it; the composition root passes it in).
 */
export type PrincipalResolver = {
  sessionLifetimeMs: number;
  resolveSession(token: string): Promise<Principal | null | undefined>;
  resolveApiToken(secret: string): Promise<Principal | null | undefined>;
};

async function authPlugin(app: FastifyInstance, { authService, appServedOverHttps }: AuthPluginOptions) {
  app.decorateRequest('principal', null);
  // 'auto' marks the cookie Secure when the request came over TLS, directly or through a trusted proxy.
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: appServedOverHttps ? true : 'auto' } as const;
  app.decorateReply('setSessionCookie', function (this: FastifyReply, sessionToken: string) {
    return this.setCookie(SESSION_COOKIE, sessionToken, { ...cookieOptions, maxAge: authService.sessionLifetimeMs / 1000 });
  });
  app.decorateReply('clearSessionCookie', function (this: FastifyReply) {
    return this.clearCookie(SESSION_COOKIE, cookieOptions);
  });

  // Every API route states who may call it; a route that forgets fails start-up.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (route.config?.auth === undefined) throw new Error(`Route ${route.method} ${route.url} does not declare config.auth`);
  });

  // Access is decided in onRequest, before the body is parsed or validated, so
  // a caller who may not use a route learns nothing about its input rules.
  app.addHook('onRequest', async (request) => {
    await resolvePrincipal(request, authService);
    const access = request.routeOptions.config?.auth;
    if (access !== undefined && access !== 'public') {
      const principal = request.principal;
      if (!principal) throw unauthorized();
      if (!access.includes(principal.role)) throw forbidden();
      if (principal.twoFactorSetupRequired && !request.routeOptions.config?.beforeTwoFactor) {
        throw new AppError('forbidden', 'two_factor_setup_required', 'Set up two-factor sign-in first: your account requires it');
      }
    }
    checkCsrf(request);
  });
}

async function resolvePrincipal(request: FastifyRequest, authService: PrincipalResolver) {
  const secret = bearerSecret(request);
  if (secret) {
    request.principal = (await authService.resolveApiToken(secret)) ?? null;
    if (!request.principal) throw new AppError('unauthenticated', 'invalid_token', 'The API token is unknown or revoked');
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) request.principal = (await authService.resolveSession(cookie)) ?? null;
}

function checkCsrf(request: FastifyRequest) {
  const principal = request.principal;
  if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.csrf === false) return;
  if (!principal || principal.via !== 'session') return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, principal.csrfToken)) {
    throw new AppError('forbidden', 'csrf_token_invalid', 'Missing or invalid x-csrf-token header');
  }
}

export default fp(authPlugin, { name: 'rentledger-auth' });

/** The signed-in principal of a route that is not public. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
