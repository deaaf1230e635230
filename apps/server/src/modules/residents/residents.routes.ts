import {
  approvalPreviewRequestSchema,
  approvalPreviewSchema,
  approveResidentRequestSchema,
  createResidencyRequestSchema,
  declineResidentRequestSchema,
  endLeaseRequestSchema,
  errorResponseSchema,
  idSchema,
  listResidentsQuerySchema,
  residencySchema,
  residentDetailSchema,
  residentListSchema,
  startSyncResponseSchema,
  updateResidentRequestSchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { OnboardingService } from '../onboarding/onboarding.service.ts';
import type { ReviewService } from '../onboarding/review.service.ts';
import type { ResidentsService } from './residents.service.ts';

type Options = {
  residents: ResidentsService;
  /** Stating a residency is onboarding's use case (sign-up's second step). */
  onboarding: Pick<OnboardingService, 'createResidency'>;
  /** One resident's review: detail, approve, decline, edit, delete, sync then match, end lease (modules/onboarding/review.service.ts). */
  review: Pick<ReviewService, 'detail' | 'approve' | 'approvalPreview' | 'decline' | 'update' | 'remove' | 'startSync' | 'endLease'>;
};

const residentParams = z.strictObject({ residentId: idSchema });

/** Every URL under /api/residents, and /api/me/residencies. */
export const residentsRoutes: FastifyPluginAsyncZod<Options> = async (app, { residents, onboarding, review }) => {
  app.get('/api/residents', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['residents'],
      summary: "The company's residents, filtered by status or searched by name, email, unit or accounting ID",
      querystring: listResidentsQuerySchema,
      response: { 200: residentListSchema },
    },
    handler: async (request) => residents.list(principalOf(request), request.query),
  });

  app.get('/api/me/residencies', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['residents'],
      summary: "The signed-in resident's own residencies",
      response: { 200: z.object({ items: z.array(residencySchema) }) },
    },
    handler: async (request) => ({ items: await residents.residenciesOf(principalOf(request).userId) }),
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

  app.post('/api/residents/:residentId/approve/preview', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['residents'],
      summary: 'The warnings a manual approval with this lease would get (unit occupied on overlapping dates, lease already ended, stated values that differ); changes nothing',
      params: residentParams,
      body: approvalPreviewRequestSchema,
      response: { 200: approvalPreviewSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => review.approvalPreview(principalOf(request), request.params.residentId, request.body),
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

  app.post('/api/residents/:residentId/end-lease', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['residents'],
      summary: "End an approved resident's lease: finished at once for today or an earlier date, on that date for a later one (history kept, reminders stop)",
      params: residentParams,
      body: endLeaseRequestSchema,
      response: { 200: residentDetailSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => review.endLease(principalOf(request), request.params.residentId, request.body),
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
