import { errorResponseSchema, idSchema, syncRunListSchema, syncRunSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { SyncService } from './sync.service.ts';

type Options = { syncService: SyncService };

/** Sync runs, whatever started them (an upload, Sync Now, the schedule, an approval). */
export const syncRoutes: FastifyPluginAsyncZod<Options> = async (app, { syncService }) => {
  app.get('/api/sync-runs', {
    config: { auth: ['landlord', 'support'] },
    schema: { tags: ['integration'], summary: 'Sync history, newest first (row errors only in the single-run answer)', response: { 200: syncRunListSchema } },
    handler: async (request) => ({ items: await syncService.list(principalOf(request)) }),
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
