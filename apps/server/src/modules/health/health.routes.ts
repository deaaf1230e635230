import { errorResponseSchema, healthSchema } from '@rentledger/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DatabaseKind } from '../../db/database.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { AppError } from '../../lib/app-error.ts';
import type { HealthRepository } from './health.repository.ts';

const QUEUE_MESSAGES = {
  job_queue_stopped: 'The job queue is stopped',
  job_queue_unavailable: 'The job queue cannot reach the database',
} as const;

/**
 * Readiness (`/api/health`): the database answers and, in a process that runs the job queue, the queue runs;
 * 503 naming what fails otherwise. Liveness (`/api/health/live`): the process answers HTTP, nothing else, so a
 * supervisor restarts a wedged process and not one waiting for its database.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ health: HealthRepository; databaseKind: DatabaseKind; jobs: Pick<JobQueue, 'problem'> | null }> = async (
  app,
  { health, databaseKind, jobs },
) => {
  app.get('/api/health', {
    config: { auth: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Readiness: the database answers and the job queue runs; which database the server runs on',
      response: { 200: healthSchema, 503: errorResponseSchema },
    },
    handler: async () => {
      const [databaseAnswers, queueProblem] = await Promise.all([health.databaseAnswers(), jobs?.problem() ?? null]);
      if (!databaseAnswers) throw new AppError('unavailable', 'database_unavailable', 'The database does not answer', { check: 'database' });
      if (queueProblem) throw new AppError('unavailable', queueProblem, QUEUE_MESSAGES[queueProblem], { check: 'jobs' });
      return { status: 'ok' as const, database: databaseKind };
    },
  });

  app.get('/api/health/live', {
    config: { auth: 'public' },
    schema: {
      tags: ['health'],
      summary: 'Liveness: the process answers',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: async () => ({ status: 'ok' as const }),
  });
};
