import {
  approveResidentRequestSchema,
  createResidencyRequestSchema,
  declineResidentRequestSchema,
  errorResponseSchema,
  idSchema,
  rentalSearchQuerySchema,
  rentalSearchResponseSchema,
  residencySchema,
  residentDetailSchema,
  signupAcceptedSchema,
  signupRequestSchema,
  startSyncResponseSchema,
  updateResidentRequestSchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { OnboardingService } from './onboarding.service.ts';
import type { ReviewService } from './review.service.ts';

type Options = {
  onboarding: OnboardingService;
  review: ReviewService;
};

const residentParams = z.strictObject({ residentId: idSchema });
const everyone = ['landlord', 'resident', 'support'] as const;

export const onboardingRoutes: FastifyPluginAsyncZod<Options> = async (app, { onboarding, review }) => {
  app.post('/api/auth/signup', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['auth'],
      summary: 'Create a resident account through the payment portal; emails a link to confirm the address (the same answer when the email already has an account)',
      body: signupRequestSchema,
      response: { 202: signupAcceptedSchema, 400: errorResponseSchema, 429: errorResponseSchema },
    },
    handler: async (request, reply) => {
      return reply.code(202).send(await onboarding.signup(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null }));
    },
  });

  app.get('/api/rentals/search', {
    config: { auth: [...everyone] },
    schema: {
      tags: ['onboarding'],
      summary: 'Find a rental by address or property name, typo-tolerant: properties and units only, never residents',
      querystring: rentalSearchQuerySchema,
      response: { 200: rentalSearchResponseSchema },
    },
    handler: async (request) => ({ results: await onboarding.searchRentals(request.query.q) }),
  });

  app.post('/api/me/residencies', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['onboarding'],
      summary: 'State where you live; approved at once on a strong match in the landlord’s books, else pending review',
      body: createResidencyRequestSchema,
      response: { 201: residencySchema, 400: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await onboarding.createResidency(principalOf(request), request.body)),
  });

  app.get('/api/residents/:residentId', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['residents'],
      summary: 'One resident, with matching candidates (accounting records and unclaimed residents) when pending',
      params: residentParams,
      response: { 200: residentDetailSchema, 404: errorResponseSchema },
    },
    handler: async (request) => review.detail(principalOf(request), request.params.residentId),
  });

  app.post('/api/residents/:residentId/approve', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['residents'],
      summary: 'Approve a pending resident: merge with a candidate ("same person") or manually with the lease',
      params: residentParams,
      body: approveResidentRequestSchema,
      response: { 200: residentDetailSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => review.approve(principalOf(request), request.params.residentId, request.body),
  });

  app.post('/api/residents/:residentId/sync', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['residents'],
      summary: 'Synchronize with the accounting system, then match again (a strong match approves by itself)',
      params: residentParams,
      response: { 202: startSyncResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(202).send(await review.startSync(principalOf(request), request.params.residentId)),
  });

  app.post('/api/residents/:residentId/decline', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['residents'],
      summary: 'Decline a pending resident with a reason they will see',
      params: residentParams,
      body: declineResidentRequestSchema,
      response: { 200: residentDetailSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => review.decline(principalOf(request), request.params.residentId, request.body.reason),
  });

  app.patch('/api/residents/:residentId', {
    // Support resolves resident-ID conflicts with the same edit.
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['residents'],
      summary: 'Edit an approved resident: unit, balance to display, payment policy, accounting resident ID (409 accounting_id_taken names its holder)',
      params: residentParams,
      body: updateResidentRequestSchema,
      response: { 200: residentDetailSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => review.update(principalOf(request), request.params.residentId, request.body),
  });

  app.delete('/api/residents/:residentId', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['residents'],
      summary: 'Delete a pending or invited resident (invitations and reminders stop; the audit log keeps it)',
      params: residentParams,
      response: { 204: z.null(), 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => {
      await review.remove(principalOf(request), request.params.residentId);
      return reply.code(204).send(null);
    },
  });
};
