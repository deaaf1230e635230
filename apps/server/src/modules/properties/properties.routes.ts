import {
  createPropertyRequestSchema,
  createUnitRequestSchema,
  errorResponseSchema,
  idSchema,
  listPropertiesQuerySchema,
  propertyListSchema,
  propertySchema,
  unitSchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { PropertiesService } from './properties.service.ts';

const propertyParams = z.strictObject({ propertyId: idSchema });

export const propertiesRoutes: FastifyPluginAsyncZod<{ propertiesService: PropertiesService }> = async (app, { propertiesService }) => {
  app.get('/api/properties', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['properties'],
      summary: "Properties with their units: a landlord's own company, or (support) all or one company",
      querystring: listPropertiesQuerySchema,
      response: { 200: propertyListSchema, 404: errorResponseSchema },
    },
    handler: async (request) => ({ items: await propertiesService.list(principalOf(request), request.query.companyId) }),
  });

  app.post('/api/properties', {
    config: { auth: ['support'] },
    schema: {
      tags: ['support'],
      summary: 'Add a property (full address) with optional units',
      body: createPropertyRequestSchema,
      response: { 201: propertySchema, 400: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await propertiesService.create(principalOf(request), request.body)),
  });

  app.get('/api/properties/:propertyId', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['properties'],
      summary: 'One property with its units',
      params: propertyParams,
      response: { 200: propertySchema, 404: errorResponseSchema },
    },
    handler: async (request) => propertiesService.get(principalOf(request), request.params.propertyId),
  });

  app.post('/api/properties/:propertyId/units', {
    config: { auth: ['support'] },
    schema: {
      tags: ['support'],
      summary: 'Add a unit to a property',
      params: propertyParams,
      body: createUnitRequestSchema,
      response: { 201: unitSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await propertiesService.addUnit(principalOf(request), request.params.propertyId, request.body)),
  });
};
