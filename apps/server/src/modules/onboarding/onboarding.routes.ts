import { errorResponseSchema, rentalSearchQuerySchema, rentalSearchResponseSchema, signupAcceptedSchema, signupRequestSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OnboardingService } from './onboarding.service.ts';

/** Sign-up and rental search; stating a residency and the review are served by residents.routes.ts. */
type Options = { onboarding: OnboardingService };

const everyone = ['landlord', 'resident', 'support'] as const;

export const onboardingRoutes: FastifyPluginAsyncZod<Options> = async (app, { onboarding }) => {
  app.post('/api/auth/signup', {
    config: { auth: 'public', csrf: false },
    schema: {
      tags: ['auth'],
      summary: 'Create a resident account through the payment portal; emails a link to confirm the address (the same answer when the email already has an account)',
      body: signupRequestSchema,
      response: { 202: signupAcceptedSchema, 400: errorResponseSchema, 429: errorResponseSchema },
    },
    handler: async (request, reply) => {
      return reply.code(202).send(await onboarding.signup(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null }));
    },
  });

  app.get('/api/rentals/search', {
    config: { auth: [...everyone] },
    schema: {
      tags: ['onboarding'],
      summary: 'Find a rental by address or property name, typo-tolerant: properties and units only, never residents',
      querystring: rentalSearchQuerySchema,
      response: { 200: rentalSearchResponseSchema },
    },
    handler: async (request) => ({ results: await onboarding.searchRentals(request.query.q) }),
  });
};
