import { errorResponseSchema, paymentStatsQuerySchema, paymentStatsSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { PaymentStatsService } from './payment-stats.service.ts';

type Options = { stats: PaymentStatsService };

/** `GET /api/payment-stats`: the on-time rate per property and month, the company's, and the return rates. */
export const paymentStatsRoutes: FastifyPluginAsyncZod<Options> = async (app, { stats }) => {
  app.get('/api/payment-stats', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['payments'],
      summary: 'On-time rent per property and month (from, to: YYYY-MM, at most 24 months) and the company’s, with the 60-day return rates against NACHA’s thresholds',
      querystring: paymentStatsQuerySchema,
      response: { 200: paymentStatsSchema, 400: errorResponseSchema, 404: errorResponseSchema },
    },
    handler: async (request) => stats.stats(principalOf(request), request.query),
  });
};
