import { tasksSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forbidden } from '../../lib/app-error.ts';
import { principalOf } from '../../http/auth.plugin.ts';
import type { createTasksRepository } from './tasks.repository.ts';

export const tasksRoutes: FastifyPluginAsyncZod<{ tasksRepository: ReturnType<typeof createTasksRepository> }> = async (app, { tasksRepository }) => {
  app.get('/api/tasks', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['dashboard'],
      summary: "Counts for the company's Incomplete Tasks: pending review, missing accounting IDs, sync errors, open support requests, payments needing attention, postings to the accounting system that failed",
      response: { 200: tasksSchema },
    },
    handler: async (request) => {
      const companyId = principalOf(request).company?.id;
      if (!companyId) throw forbidden();
      return tasksRepository.countsFor(companyId);
    },
  });
};
