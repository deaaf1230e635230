import { auditEventListSchema, listAuditEventsQuerySchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { createAuditRepository } from './audit.repository.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ auditRepository: ReturnType<typeof createAuditRepository> }> = async (
  app,
  { auditRepository },
) => {
  app.get('/api/audit-events', {
    config: { auth: ['support'] },
    schema: {
      tags: ['support'],
      summary: 'Browse the audit log, newest first',
      querystring: listAuditEventsQuerySchema,
      response: { 200: auditEventListSchema },
    },
    handler: async (request) => auditRepository.list(request.query),
  });
};
