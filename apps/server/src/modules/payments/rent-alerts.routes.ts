import { alertPreferencesSchema, errorResponseSchema, idSchema, paymentAlertListQuerySchema, paymentAlertListSchema, putAlertPreferencesSchema, rentReminderRequestSchema, rentReminderSchema } from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import type { RentAlertsService } from './rent-alerts.service.ts';

/** Payments needing attention (rent alerts), "Send reminder", and a staff user's alert email preference. */
export const rentAlertsRoutes: FastifyPluginAsyncZod<{ alerts: RentAlertsService }> = async (app, { alerts }) => {
  app.get('/api/payment-alerts', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['payments'],
      summary: 'Payments needing attention: months past their grace unpaid or short, and returned payments (open or resolved), newest first',
      querystring: paymentAlertListQuerySchema,
      response: { 200: paymentAlertListSchema, 400: errorResponseSchema },
    },
    handler: async (request) => alerts.list(principalOf(request), request.query),
  });

  app.post('/api/residents/:residentId/rent-reminders', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['payments'],
      summary: "Send reminder: emails and notifies the resident of a month's rent still owed; audited; once per resident per day (409 naming when)",
      params: z.strictObject({ residentId: idSchema }),
      body: rentReminderRequestSchema,
      response: { 201: rentReminderSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await alerts.sendReminder(principalOf(request), request.params.residentId, request.body.month)),
  });

  app.get('/api/me/alert-preferences', {
    config: { auth: ['landlord'] },
    schema: { tags: ['payments'], summary: 'How you are emailed payment alerts: each at once, or a daily digest at 08:00 company time', response: { 200: alertPreferencesSchema } },
    handler: async (request) => alerts.preferences(principalOf(request)),
  });

  app.put('/api/me/alert-preferences', {
    config: { auth: ['landlord'] },
    schema: { tags: ['payments'], summary: 'Choose how you are emailed payment alerts; audited', body: putAlertPreferencesSchema, response: { 200: alertPreferencesSchema, 400: errorResponseSchema } },
    handler: async (request) => alerts.putPreferences(principalOf(request), request.body),
  });
};
