import {
  apiTokenSchema,
  createApiTokenRequestSchema,
  createApiTokenResponseSchema,
  errorResponseSchema,
  idSchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { ApiTokensService } from './api-tokens.service.ts';

export const apiTokensRoutes: FastifyPluginAsyncZod<{ apiTokensService: ApiTokensService }> = async (app, { apiTokensService }) => {
  app.get('/api/api-tokens', {
    config: { auth: ['landlord'] },
    schema: { tags: ['api tokens'], summary: "The company's live API tokens", response: { 200: z.object({ items: z.array(apiTokenSchema) }) } },
    handler: async (request) => ({ items: await apiTokensService.list(principalOf(request)) }),
  });

  app.post('/api/api-tokens', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['api tokens'],
      summary: 'Create a bearer API token for the company; the secret is shown only in this answer',
      body: createApiTokenRequestSchema,
      response: { 201: createApiTokenResponseSchema, 403: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await apiTokensService.create(principalOf(request), request.body.name)),
  });

  app.delete('/api/api-tokens/:tokenId', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['api tokens'],
      summary: 'Revoke an API token',
      params: z.strictObject({ tokenId: idSchema }),
      response: { 204: z.null(), 404: errorResponseSchema },
    },
    handler: async (request, reply) => {
      await apiTokensService.revoke(principalOf(request), request.params.tokenId);
      return reply.code(204).send(null);
    },
  });
};
