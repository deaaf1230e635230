import { listResidentsQuerySchema, residencySchema, residentListSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import { companyFilterFor } from '../auth/company-access.ts';
import type { ResidentsRepository } from './residents.repository.ts';

export const residentsRoutes: FastifyPluginAsyncZod<{ residentsRepository: ResidentsRepository }> = async (app, { residentsRepository }) => {
  app.get('/api/residents', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['residents'],
      summary: "The company's residents, filtered by status or searched by name, email, unit or accounting ID",
      querystring: listResidentsQuerySchema,
      response: { 200: residentListSchema },
    },
    handler: async (request) => {
      const companyId = companyFilterFor(principalOf(request), undefined);
      return residentsRepository.list({ companyId, ...request.query });
    },
  });

  app.get('/api/me/residencies', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['residents'],
      summary: "The signed-in resident's own residencies",
      response: { 200: z.object({ items: z.array(residencySchema) }) },
    },
    handler: async (request) => ({ items: await residentsRepository.residenciesOf(principalOf(request).userId) }),
  });
};
