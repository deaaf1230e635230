import {
  companySchema,
  createCompanyRequestSchema,
  createStaffRequestSchema,
  errorResponseSchema,
  idSchema,
  staffUserSchema,
  updateCompanySecurityRequestSchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { CompaniesService } from './companies.service.ts';

const companyParams = z.strictObject({ companyId: idSchema });

export const companiesRoutes: FastifyPluginAsyncZod<{ companiesService: CompaniesService }> = async (app, { companiesService }) => {
  app.get('/api/companies', {
    config: { auth: ['support'] },
    schema: { tags: ['support'], summary: 'All companies with their counts', response: { 200: z.object({ items: z.array(companySchema) }) } },
    handler: async () => ({ items: await companiesService.list() }),
  });

  app.post('/api/companies', {
    config: { auth: ['support'] },
    schema: {
      tags: ['support'],
      summary: 'Add a company',
      body: createCompanyRequestSchema,
      response: { 201: companySchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const company = await companiesService.create(principalOf(request), request.body);
      return reply.code(201).send(company);
    },
  });

  app.get('/api/companies/:companyId', {
    config: { auth: ['support', 'landlord'] },
    schema: {
      tags: ['companies'],
      summary: 'One company (landlords: their own)',
      params: companyParams,
      response: { 200: companySchema, 404: errorResponseSchema },
    },
    handler: async (request) => companiesService.get(principalOf(request), request.params.companyId),
  });

  app.put('/api/companies/:companyId/security', {
    config: { auth: ['support', 'landlord'] },
    schema: {
      tags: ['companies'],
      summary: "Security settings of a company: require two-factor sign-in for its staff (landlords: their own)",
      params: companyParams,
      body: updateCompanySecurityRequestSchema,
      response: { 200: companySchema, 404: errorResponseSchema },
    },
    handler: async (request) => companiesService.updateSecurity(principalOf(request), request.params.companyId, request.body),
  });

  app.get('/api/companies/:companyId/staff', {
    config: { auth: ['support', 'landlord'] },
    schema: {
      tags: ['companies'],
      summary: "A company's staff users",
      params: companyParams,
      response: { 200: z.object({ items: z.array(staffUserSchema) }), 404: errorResponseSchema },
    },
    handler: async (request) => ({ items: await companiesService.listStaff(principalOf(request), request.params.companyId) }),
  });

  app.post('/api/companies/:companyId/staff', {
    config: { auth: ['support'] },
    schema: {
      tags: ['support'],
      summary: 'Add a staff user to a company',
      params: companyParams,
      body: createStaffRequestSchema,
      response: { 201: staffUserSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const user = await companiesService.createStaff(principalOf(request), request.params.companyId, request.body);
      return reply.code(201).send(user);
    },
  });
};
