import { notificationListSchema, okSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { NotificationsService } from './notifications.service.ts';

const everyone = ['landlord', 'resident', 'support'] as const;

export const notificationsRoutes: FastifyPluginAsyncZod<{ notificationsService: NotificationsService }> = async (app, { notificationsService }) => {
  app.get('/api/notifications', {
    config: { auth: [...everyone] },
    schema: { tags: ['notifications'], summary: 'Your in-app notifications, newest first', response: { 200: notificationListSchema } },
    handler: async (request) => notificationsService.listFor(principalOf(request)),
  });

  app.post('/api/notifications/read', {
    config: { auth: [...everyone] },
    schema: { tags: ['notifications'], summary: 'Mark all your notifications read', response: { 200: okSchema } },
    handler: async (request) => {
      await notificationsService.markAllRead(principalOf(request));
      return { ok: true as const };
    },
  });
};
