import { answerSupportRequestSchema, createSupportRequestSchema, errorResponseSchema, idSchema, supportRequestSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { SupportService } from './support.service.ts';

export const supportRoutes: FastifyPluginAsyncZod<{ supportService: SupportService }> = async (app, { supportService }) => {
  app.post('/api/support-requests', {
    config: { auth: ['landlord', 'resident'] },
    schema: {
      tags: ['support'],
      summary: 'Open a support request; the company, the resident and what they typed are filled in',
      body: createSupportRequestSchema,
      response: { 201: supportRequestSchema, 400: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await supportService.create(principalOf(request), request.body)),
  });

  app.get('/api/support-requests', {
    config: { auth: ['landlord', 'resident', 'support'] },
    schema: {
      tags: ['support'],
      summary: 'Support requests: support sees all, a landlord their company’s, a resident their own',
      querystring: z.strictObject({ status: z.enum(['open', 'answered', 'resolved']).optional() }),
      response: { 200: z.object({ items: z.array(supportRequestSchema) }) },
    },
    handler: async (request) => ({ items: await supportService.list(principalOf(request), request.query.status) }),
  });

  app.patch('/api/support-requests/:supportRequestId', {
    config: { auth: ['support'] },
    schema: {
      tags: ['support'],
      summary: 'Answer or resolve a support request; the requester is told by email and in the app',
      params: z.strictObject({ supportRequestId: idSchema }),
      body: answerSupportRequestSchema,
      response: { 200: supportRequestSchema, 404: errorResponseSchema },
    },
    handler: async (request) => supportService.answer(principalOf(request), request.params.supportRequestId, request.body),
  });
};
