import { errorResponseSchema, healthSchema } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.types.ts';
import type { DatabaseKind } from '../../db/database.ts';
import { AppError } from '../../lib/app-error.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ db: Kysely<Database>; databaseKind: DatabaseKind }> = async (
  app,
  { db, databaseKind },
) => {
  app.get('/api/health', {
    config: { auth: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness and which database the server runs on',
      response: { 200: healthSchema, 503: errorResponseSchema },
    },
    handler: async () => {
      try {
        await sql`SELECT 1`.execute(db);
      } catch {
        throw new AppError('unavailable', 'database_unavailable', 'The database does not answer');
      }
      return { status: 'ok' as const, database: databaseKind };
    },
  });
};
