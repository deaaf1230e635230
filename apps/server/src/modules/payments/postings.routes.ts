import {
  errorResponseSchema,
  postingIdParamsSchema,
  postingListQuerySchema,
  postingListSchema,
  postingSchema,
  receiptDaysQuerySchema,
  receiptDaysSchema,
  receiptsQuerySchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { PostingsService } from './postings.service.ts';

/** Postings to the accounting system (issue 13): the list with counts, Retry, and file companies' receipts files. */
export const postingsRoutes: FastifyPluginAsyncZod<{ postings: PostingsService }> = async (app, { postings }) => {
  app.get('/api/postings', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['payments'],
      summary: "Payments posted back to the accounting system, newest first (`status` filters; `cursor` = the page's nextCursor), with the counts by status; support names the company",
      querystring: postingListQuerySchema,
      response: { 200: postingListSchema, 400: errorResponseSchema, 404: errorResponseSchema },
    },
    handler: async (request) => postings.list(principalOf(request), request.query),
  });

  app.post('/api/postings/:postingId/retry', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['payments'],
      summary: 'Try a failed posting again, with a fresh set of tries (audited); 409 unless it failed',
      params: postingIdParamsSchema,
      response: { 200: postingSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => postings.retry(principalOf(request), request.params.postingId),
  });

  app.get('/api/postings/receipt-days', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['payments'],
      summary: "File companies: the days with a receipts file (company-local), newest first, with their line count and net amount",
      querystring: receiptDaysQuerySchema,
      response: { 200: receiptDaysSchema, 400: errorResponseSchema, 404: errorResponseSchema },
    },
    handler: async (request) => postings.receiptDays(principalOf(request), request.query.companyId),
  });

  app.get('/api/postings/receipts', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['payments'],
      summary: "File companies: a day's receipts CSV (payments posted that day; reversals with a negative amount and kind reversal)",
      querystring: receiptsQuerySchema,
      produces: ['text/csv'],
    },
    handler: async (request, reply) => {
      const { name, content } = await postings.receipts(principalOf(request), request.query.date, request.query.companyId);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(content);
    },
  });
};
