import {
  acceptedSchema,
  activeSessionsResponseSchema,
  changeEmailRequestSchema,
  changePasswordRequestSchema,
  confirmEmailChangeRequestSchema,
  emailChangedResponseSchema,
  errorResponseSchema,
  idSchema,
  loginTwoFactorRequestSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  recoveryCodesResponseSchema,
  sessionResponseSchema,
  twoFactorCodeRequestSchema,
  twoFactorSetupResponseSchema,
  verifyEmailRequestSchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { AccountService } from './account.service.ts';
import type { Principal } from './principal.ts';
import { toSessionUser } from './principal.ts';
import type { TwoFactorService } from './two-factor.service.ts';

type Options = { accountService: AccountService; twoFactorService: TwoFactorService };

const everyone = ['landlord', 'resident', 'support'] as const;
const staff = ['landlord', 'support'] as const;

function sessionBody(principal: Principal) {
  return { user: toSessionUser(principal), csrfToken: principal.via === 'session' ? principal.csrfToken : '' };
}

/** The account's own security: email verification, passwords, sessions, two-factor sign-in. */
export const accountRoutes: FastifyPluginAsyncZod<Options> = async (app, { accountService, twoFactorService }) => {
  const meta = (request: { ip: string; headers: Record<string, unknown> }) => ({ ip: request.ip, userAgent: (request.headers['user-agent'] as string | undefined) ?? null });

  app.post('/api/auth/verify-email', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['auth'],
      summary: 'Confirm the email with the emailed token; signs in (unless two-factor is on) and matches pending residencies',
      body: verifyEmailRequestSchema,
      response: { 200: z.object({ session: sessionResponseSchema.nullable() }), 400: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const { session } = await accountService.verifyEmail(request.body.token, meta(request));
      if (!session) return { session: null };
      reply.setSessionCookie(session.sessionToken);
      return { session: sessionBody(session.principal) };
    },
  });

  app.post('/api/auth/verify-email/resend', {
    config: { auth: [...everyone] },
    schema: { tags: ['auth'], summary: 'Send the confirmation email again (at most 3 an hour)', response: { 202: acceptedSchema, 409: errorResponseSchema, 429: errorResponseSchema } },
    handler: async (request, reply) => {
      const principal = principalOf(request);
      await accountService.resendVerification(principal);
      return reply.code(202).send({ message: `We sent a new confirmation link to ${principal.email}` });
    },
  });

  app.post('/api/auth/password-reset', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['auth'],
      summary: 'Email a password reset link; the same answer whether or not the email has an account',
      body: passwordResetRequestSchema,
      response: { 202: acceptedSchema, 429: errorResponseSchema },
    },
    handler: async (request, reply) => {
      await accountService.requestPasswordReset(request.body.email, meta(request));
      return reply.code(202).send({ message: `If ${request.body.email} has a RentLedger account, a reset link is on its way. It works for 1 hour.` });
    },
  });

  app.post('/api/auth/password-reset/confirm', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['auth'],
      summary: 'Set a new password with the emailed token; signs out every session',
      body: passwordResetConfirmSchema,
      response: { 200: acceptedSchema, 400: errorResponseSchema },
    },
    handler: async (request) => {
      await accountService.confirmPasswordReset(request.body.token, request.body.password, meta(request));
      return { message: 'Your password is changed. Sign in with the new one.' };
    },
  });

  app.post('/api/auth/password', {
    config: { auth: [...everyone] },
    schema: {
      tags: ['auth'],
      summary: 'Change the password (current one required); signs out every other session',
      body: changePasswordRequestSchema,
      response: { 200: z.object({ endedSessions: z.number().int() }), 400: errorResponseSchema },
    },
    handler: async (request) => accountService.changePassword(principalOf(request), request.body),
  });

  app.post('/api/auth/email', {
    config: { auth: [...everyone] },
    schema: {
      tags: ['auth'],
      summary: 'Change the sign-in email (current password required): a link goes to the new address, a notice to the current one',
      body: changeEmailRequestSchema,
      response: { 202: acceptedSchema, 400: errorResponseSchema, 403: errorResponseSchema, 429: errorResponseSchema },
    },
    handler: async (request, reply) => {
      await accountService.requestEmailChange(principalOf(request), request.body);
      return reply.code(202).send({ message: `We sent a confirmation link to ${request.body.newEmail}. Your email changes when you open it; until then, sign in with your current one.` });
    },
  });

  app.post('/api/auth/email/confirm', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['auth'],
      summary: 'Confirm the new email with the token sent to it; the old address is told',
      body: confirmEmailChangeRequestSchema,
      response: { 200: emailChangedResponseSchema, 400: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => accountService.confirmEmailChange(request.body.token),
  });

  app.get('/api/auth/sessions', {
    config: { auth: [...everyone] },
    schema: { tags: ['auth'], summary: 'The signed-in user’s active sessions', response: { 200: activeSessionsResponseSchema } },
    handler: async (request) => ({ sessions: await accountService.sessions(principalOf(request)) }),
  });

  app.delete('/api/auth/sessions/:sessionId', {
    config: { auth: [...everyone] },
    schema: {
      tags: ['auth'],
      summary: 'Sign out one of the user’s own sessions',
      params: z.strictObject({ sessionId: idSchema }),
      response: { 204: z.null(), 404: errorResponseSchema },
    },
    handler: async (request, reply) => {
      await accountService.endSession(principalOf(request), request.params.sessionId);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/auth/login/two-factor', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['auth'],
      summary: 'Second step of sign-in: a code from the authenticator app or a recovery code; sets the session cookie',
      body: loginTwoFactorRequestSchema,
      response: { 200: sessionResponseSchema, 400: errorResponseSchema, 410: errorResponseSchema, 429: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const { sessionToken, principal } = await twoFactorService.completeLogin(request.body.challengeId, request.body.code, meta(request));
      reply.setSessionCookie(sessionToken);
      return sessionBody(principal);
    },
  });

  app.post('/api/auth/two-factor/setup', {
    config: { auth: [...staff], beforeTwoFactor: true },
    schema: { tags: ['auth'], summary: 'Start two-factor set-up: a new secret and its otpauth:// URL, shown once', response: { 200: twoFactorSetupResponseSchema, 409: errorResponseSchema } },
    handler: async (request) => twoFactorService.setup(principalOf(request)),
  });

  app.post('/api/auth/two-factor/confirm', {
    config: { auth: [...staff], beforeTwoFactor: true },
    schema: {
      tags: ['auth'],
      summary: 'Turn two-factor on with a code from the new secret; answers the 10 recovery codes, shown once',
      body: twoFactorCodeRequestSchema,
      response: { 200: recoveryCodesResponseSchema, 400: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => twoFactorService.confirm(principalOf(request), request.body.code),
  });

  app.delete('/api/auth/two-factor', {
    config: { auth: [...staff] },
    schema: {
      tags: ['auth'],
      summary: 'Turn two-factor off (a current code or a recovery code required; refused where policy requires it)',
      body: twoFactorCodeRequestSchema,
      response: { 204: z.null(), 400: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => {
      await twoFactorService.disable(principalOf(request), request.body.code);
      return reply.code(204).send(null);
    },
  });
};
