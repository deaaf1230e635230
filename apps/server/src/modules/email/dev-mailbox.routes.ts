import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EmailRepository } from './email.repository.ts';

const mailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: z.string(),
});

/**
 * Only registered when SMTP_URL is unset: mail then stays in the outbox, and
 * support staff can read it here (the demo's invitation links, for one).
 */
export const devMailboxRoutes: FastifyPluginAsyncZod<{ emailRepository: EmailRepository }> = async (app, { emailRepository }) => {
  app.get('/api/dev/mailbox', {
    config: { auth: ['support'] },
    schema: {
      tags: ['support'],
      summary: 'Development mailbox: the newest emails in the outbox (only when no SMTP_URL is set)',
      querystring: z.strictObject({ to: z.string().max(254).optional() }),
      response: { 200: z.object({ items: z.array(mailSchema) }) },
    },
    handler: async (request) => {
      const rows = await emailRepository.listRecent(100, request.query.to);
      return { items: rows.map(({ id, to, subject, text, html, status, createdAt }) => ({ id, to, subject, text, html, status, createdAt })) };
    },
  });
};
