import { errorResponseSchema, loginRequestSchema, loginResponseSchema, sessionProbeResponseSchema, sessionResponseSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import { toSessionUser } from './principal.ts';
import type { AuthService } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod<{ authService: AuthService }> = async (app, { authService }) => {
  app.post('/api/auth/login', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password; sets the session cookie, or asks for the two-factor code (POST /api/auth/login/two-factor)',
      body: loginRequestSchema,
      response: { 200: loginResponseSchema, 401: errorResponseSchema, 429: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const outcome = await authService.login({
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      if (outcome.challengeId !== null) return { twoFactorRequired: true as const, challengeId: outcome.challengeId };
      const { sessionToken, principal } = outcome;
      reply.setSessionCookie(sessionToken);
      if (principal.via !== 'session') throw new Error('login must create a session');
      return { user: toSessionUser(principal), csrfToken: principal.csrfToken };
    },
  });

  app.get('/api/auth/session', {
    config: { auth: ['landlord', 'resident', 'support'], beforeTwoFactor: true },
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user and the CSRF token to send as x-csrf-token',
      response: { 200: sessionResponseSchema, 401: errorResponseSchema },
    },
    handler: async (request) => {
      const principal = principalOf(request);
      return { user: toSessionUser(principal), csrfToken: principal.via === 'session' ? principal.csrfToken : '' };
    },
  });

  // GET /api/auth/session answers 401 when signed out, which API clients and scripts rely on; a browser logs every
  // 4xx fetch in its console, so the web app's probe on signed-out pages asks here and gets 200 either way.
  app.get('/api/auth/session-probe', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user and CSRF token, or { session: null } for a signed-out caller (200 either way)',
      response: { 200: sessionProbeResponseSchema },
    },
    handler: async (request) => {
      const principal = request.principal;
      if (!principal) return { session: null };
      return { session: { user: toSessionUser(principal), csrfToken: principal.via === 'session' ? principal.csrfToken : '' } };
    },
  });

  app.post('/api/auth/logout', {
    config: { auth: ['landlord', 'resident', 'support'], beforeTwoFactor: true },
    schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null() } },
    handler: async (request, reply) => {
      const principal = principalOf(request);
      if (principal.via === 'session') await authService.logout(principal.sessionId);
      reply.clearSessionCookie();
      return reply.code(204).send(null);
    },
  });
};
