import {
  acceptInvitationRequestSchema,
  createInvitationRequestSchema,
  errorResponseSchema,
  idSchema,
  invitationLookupSchema,
  sessionResponseSchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { toSessionUser } from '../auth/principal.ts';
import type { InvitationsService } from './invitations.service.ts';

export const invitationsRoutes: FastifyPluginAsyncZod<{ invitationsService: InvitationsService; authService: AuthService }> = async (
  app,
  { invitationsService, authService },
) => {
  app.post('/api/invitations', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['invitations'],
      summary: 'Invite a resident directly: the invitation email links to setting a password; accepting approves',
      body: createInvitationRequestSchema,
      response: { 201: z.object({ residentId: idSchema }), 400: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(201).send({ residentId: await invitationsService.invite(principalOf(request), request.body) }),
  });

  app.post('/api/invitations/lookup', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['invitations'],
      summary: 'Who an invitation is for (token in the body, never in a URL)',
      body: z.strictObject({ token: z.string().min(10).max(200) }),
      response: { 200: invitationLookupSchema, 404: errorResponseSchema, 409: errorResponseSchema, 410: errorResponseSchema },
    },
    handler: async (request) => invitationsService.lookup(request.body.token),
  });

  app.post('/api/invitations/accept', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['invitations'],
      summary: 'Accept an invitation: set a password, become approved, and be signed in',
      body: acceptInvitationRequestSchema,
      response: { 200: sessionResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 410: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const { userId } = await invitationsService.accept(request.body.token, request.body.password);
      const user = await authService.userById(userId);
      const { sessionToken, principal } = await authService.startSession(user, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      reply.setSessionCookie(sessionToken);
      return { user: toSessionUser(principal), csrfToken: principal.via === 'session' ? principal.csrfToken : '' };
    },
  });

  app.post('/api/invitations/:invitationId/resend', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['invitations'],
      summary: 'Send a fresh invitation (the old link stops working)',
      params: z.strictObject({ invitationId: idSchema }),
      response: { 204: z.null(), 404: errorResponseSchema, 409: errorResponseSchema, 429: errorResponseSchema },
    },
    handler: async (request, reply) => {
      await invitationsService.resend(principalOf(request), request.params.invitationId);
      return reply.code(204).send(null);
    },
  });
};
