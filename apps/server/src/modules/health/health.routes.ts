import { errorResponseSchema, healthSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DatabaseKind } from '../../db/database.ts';
import { AppError } from '../../lib/app-error.ts';
import type { HealthRepository } from './health.repository.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ health: HealthRepository; databaseKind: DatabaseKind }> = async (
  app,
  { health, databaseKind },
) => {
  app.get('/api/health', {
    config: { auth: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness and which database the server runs on',
      response: { 200: healthSchema, 503: errorResponseSchema },
    },
    handler: async () => {
      if (!(await health.databaseAnswers())) throw new AppError('unavailable', 'database_unavailable', 'The database does not answer');
      return { status: 'ok' as const, database: databaseKind };
    },
  });
};
