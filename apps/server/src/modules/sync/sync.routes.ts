import { errorResponseSchema, idSchema, syncRunListQuerySchema, syncRunListSchema, syncRunSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { SyncService } from './sync.service.ts';

type Options = { syncService: SyncService };

/** Sync runs, whatever started them (an upload, Sync Now, the schedule, an approval). */
export const syncRoutes: FastifyPluginAsyncZod<Options> = async (app, { syncService }) => {
  app.get('/api/sync-runs', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['integration'],
      summary: 'Sync history, newest first, a page at a time (limit, default 50, at most 100; cursor: the nextCursor of the page before); row errors only in the single-run answer',
      querystring: syncRunListQuerySchema,
      response: { 200: syncRunListSchema, 400: errorResponseSchema },
    },
    handler: async (request) => syncService.list(principalOf(request), request.query),
  });

  app.get('/api/sync-runs/:syncRunId', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['integration'],
      summary: 'One sync run: status, progress, counts and row errors',
      params: z.strictObject({ syncRunId: idSchema }),
      response: { 200: syncRunSchema, 404: errorResponseSchema },
    },
    handler: async (request) => syncService.get(principalOf(request), request.params.syncRunId),
  });
};
