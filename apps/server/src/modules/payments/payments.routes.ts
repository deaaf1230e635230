import { Readable } from 'node:stream';
import {
  achFileDetailSchema,
  achFileSchema,
  authorizationPreviewSchema,
  autopaySchema,
  putAutopaySchema,
  bankAccountSchema,
  createBankAccountSchema,
  createPaymentSchema,
  errorResponseSchema,
  idSchema,
  paymentListQuerySchema,
  paymentListSchema,
  paymentSchema,
  paymentSettingsInputSchema,
  paymentSettingsSchema,
  payOptionsSchema,
  paidOutsideRequestSchema,
  removeBankAccountResultSchema,
  rentPeriodsSchema,
  returnFilesSchema,
  returnFileSummarySchema,
  verifyBankAccountSchema,
} from '@rentledger/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/auth.plugin.ts';
import { AppError, invalid } from '../../lib/app-error.ts';
import type { AchFilesService } from './ach-files.service.ts';
import type { AchReturnsService } from './ach-returns.service.ts';
import type { AutopayService } from './autopay.service.ts';
import type { RentPeriodsService } from './rent-periods.service.ts';
import type { BankAccountsService } from './bank-accounts.service.ts';
import { paymentsCsvHeader, paymentsCsvRow } from './payments-csv.ts';
import type { PaymentSettingsService } from './payment-settings.service.ts';
import type { PaymentsService } from './payments.service.ts';

type Options = { bankAccounts: BankAccountsService; payments: PaymentsService; settings: PaymentSettingsService; achFiles: AchFilesService; autopay: AutopayService; returns: AchReturnsService; rentPeriods: RentPeriodsService };

const bankAccountParams = z.strictObject({ bankAccountId: idSchema });
/** A bank's return file of 10,000 entries is about 2 MB. */
const MAX_RETURN_FILE_BYTES = 20 * 2 ** 20;
const paymentParams = z.strictObject({ paymentId: idSchema });
const achFileParams = z.strictObject({ achFileId: idSchema });
const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(1).max(255).optional().describe('Same key, same payment: a retried request returns the payment the first one made'),
});

export const paymentsRoutes: FastifyPluginAsyncZod<Options> = async (app, { bankAccounts, payments, settings, achFiles, autopay, returns, rentPeriods }) => {
  const meta = (request: { ip: string; headers: Record<string, unknown> }) => ({ ip: request.ip, userAgent: String(request.headers['user-agent'] ?? 'unknown') });

  app.get('/api/me/bank-accounts', {
    config: { auth: ['resident'] },
    schema: { tags: ['payments'], summary: 'Your bank accounts (last 4 only) and whether each is verified', response: { 200: z.object({ items: z.array(bankAccountSchema) }) } },
    handler: async (request) => ({ items: await bankAccounts.list(principalOf(request)) }),
  });

  app.post('/api/me/bank-accounts', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'Add a bank account: two small deposits go out with the next file, unless the account already paid this landlord',
      body: createBankAccountSchema,
      response: { 201: bankAccountSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await bankAccounts.add(principalOf(request), request.body)),
  });

  app.post('/api/me/bank-accounts/:bankAccountId/verify', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'Confirm the two small deposits (3 tries, then the account locks)',
      params: bankAccountParams,
      body: verifyBankAccountSchema,
      response: { 200: bankAccountSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => bankAccounts.verify(principalOf(request), request.params.bankAccountId, request.body.amountsCents),
  });

  app.delete('/api/me/bank-accounts/:bankAccountId', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'Remove a bank account: payments scheduled on it are cancelled and autopay on it stops (you are emailed)',
      params: bankAccountParams,
      response: { 200: removeBankAccountResultSchema, 404: errorResponseSchema },
    },
    handler: async (request) => bankAccounts.remove(principalOf(request), request.params.bankAccountId),
  });

  app.get('/api/me/payments/options', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'What a payment for one residency may be: default amount, limits, window, dates',
      querystring: z.strictObject({ residentId: idSchema }),
      response: { 200: payOptionsSchema, 404: errorResponseSchema },
    },
    handler: async (request) => payments.options(principalOf(request), request.query.residentId),
  });

  app.get('/api/me/payments/authorization', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'The ACH debit authorization for a payment, as it will be stored and emailed when you pay',
      querystring: z.strictObject({ residentId: idSchema, bankAccountId: idSchema, amountCents: z.coerce.number().int().min(1), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
      response: { 200: authorizationPreviewSchema, 404: errorResponseSchema },
    },
    handler: async (request) => ({ text: await payments.authorizationText(principalOf(request), request.query) }),
  });

  app.post('/api/me/payments', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'Pay now or on a date up to 60 days ahead; send an Idempotency-Key so a retry never pays twice',
      headers: idempotencyHeaders,
      body: createPaymentSchema,
      response: { 201: paymentSchema, 200: paymentSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const { payment, created } = await payments.create(principalOf(request), request.body, request.headers['idempotency-key'] ?? null, meta(request));
      return reply.code(created ? 201 : 200).send(payment);
    },
  });

  app.get('/api/me/payments', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'Your payments, newest first',
      querystring: z.strictObject({ residentId: idSchema.optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: paymentListSchema },
    },
    handler: async (request) => payments.mine(principalOf(request), request.query),
  });

  app.post('/api/me/payments/:paymentId/cancel', {
    config: { auth: ['resident'] },
    schema: { tags: ['payments'], summary: 'Cancel a scheduled payment (until its file is made)', params: paymentParams, response: { 200: paymentSchema, 404: errorResponseSchema, 409: errorResponseSchema } },
    handler: async (request) => payments.cancel(principalOf(request), request.params.paymentId),
  });

  const residencyParams = z.strictObject({ residentId: idSchema });

  app.get('/api/me/autopay', {
    config: { auth: ['resident'] },
    schema: { tags: ['payments'], summary: 'Your autopay plans (one per residency) and their next debit', response: { 200: z.object({ items: z.array(autopaySchema) }) } },
    handler: async (request) => ({ items: await autopay.list(principalOf(request)) }),
  });

  app.get('/api/me/autopay/:residentId/authorization', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'The recurring ACH debit authorization for an autopay plan, as it will be stored and emailed',
      params: residencyParams,
      querystring: z.strictObject({ bankAccountId: idSchema, dayOfMonth: z.coerce.number().int().min(1).max(28), kind: z.enum(['fixed', 'balance']), amountCents: z.coerce.number().int().optional(), capCents: z.coerce.number().int().optional() }),
      response: { 200: authorizationPreviewSchema, 404: errorResponseSchema },
    },
    handler: async (request) => ({ text: await autopay.authorizationText(principalOf(request), request.params.residentId, request.query) }),
  });

  app.put('/api/me/autopay/:residentId', {
    config: { auth: ['resident'] },
    schema: {
      tags: ['payments'],
      summary: 'Set autopay for a residency: a day (1-28), a fixed amount or the balance up to a cap; replaces the plan there was',
      params: residencyParams,
      body: putAutopaySchema,
      response: { 200: autopaySchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => autopay.put(principalOf(request), request.params.residentId, request.body, meta(request)),
  });

  app.delete('/api/me/autopay/:residentId', {
    config: { auth: ['resident'] },
    schema: { tags: ['payments'], summary: 'Cancel autopay (its payments not yet sent to the bank are cancelled too)', params: residencyParams, response: { 204: z.null(), 404: errorResponseSchema } },
    handler: async (request, reply) => {
      await autopay.cancel(principalOf(request), request.params.residentId);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/me/autopay/:residentId/pause', {
    config: { auth: ['resident'] },
    schema: { tags: ['payments'], summary: 'Pause autopay: no debit until resumed', params: residencyParams, response: { 200: autopaySchema, 404: errorResponseSchema } },
    handler: async (request) => autopay.setPaused(principalOf(request), request.params.residentId, true),
  });

  app.post('/api/me/autopay/:residentId/resume', {
    config: { auth: ['resident'] },
    schema: { tags: ['payments'], summary: 'Resume paused autopay', params: residencyParams, response: { 200: autopaySchema, 404: errorResponseSchema } },
    handler: async (request) => autopay.setPaused(principalOf(request), request.params.residentId, false),
  });

  app.get('/api/payments', {
    config: { auth: ['landlord'] },
    schema: { tags: ['payments'], summary: "Your company's payments with filters, their count and total", querystring: paymentListQuerySchema, response: { 200: paymentListSchema } },
    handler: async (request) => payments.companyPayments(principalOf(request), request.query),
  });

  app.get('/api/payments/bank-accounts', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['payments'],
      summary: "A resident's bank accounts for your company: last 4, status and why (a locked account says so)",
      querystring: z.strictObject({ residentId: idSchema }),
      response: { 200: z.object({ items: z.array(bankAccountSchema) }) },
    },
    handler: async (request) => ({ items: await bankAccounts.ofResident(principalOf(request), request.query.residentId) }),
  });

  app.get('/api/payments/export.csv', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['payments'],
      summary: 'The payments the filters find, as CSV for an accounting system (date, resident ID, name, unit, amount, reference)',
      querystring: paymentListQuerySchema.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
    },
    handler: async (request, reply) => {
      const filter = payments.companyFilter(principalOf(request), request.query);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="payments.csv"');
      const rows = payments.exportRows(filter);
      return reply.send(
        Readable.from(
          (async function* csv() {
            yield paymentsCsvHeader();
            for await (const page of rows) for (const row of page) yield paymentsCsvRow(row);
          })(),
        ),
      );
    },
  });

  app.post('/api/payments/:paymentId/void', {
    config: { auth: ['landlord'] },
    schema: { tags: ['payments'], summary: 'Void a scheduled payment (until its file is made; after that only the bank can return it)', params: paymentParams, response: { 200: paymentSchema, 404: errorResponseSchema, 409: errorResponseSchema } },
    handler: async (request) => payments.voidPayment(principalOf(request), request.params.paymentId),
  });

  app.get('/api/payment-settings', {
    config: { auth: ['landlord'] },
    schema: { tags: ['payments'], summary: "Your bank's originator settings (secrets never come back)", response: { 200: paymentSettingsSchema } },
    handler: async (request) => settings.get(principalOf(request)),
  });

  app.put('/api/payment-settings', {
    config: { auth: ['landlord'] },
    schema: { tags: ['payments'], summary: "Set your bank's originator settings: routing numbers checked, identifiers 10 characters", body: paymentSettingsInputSchema, response: { 200: paymentSettingsSchema, 400: errorResponseSchema } },
    handler: async (request) => settings.put(principalOf(request), request.body),
  });

  app.get('/api/payment-settings/test-file', {
    config: { auth: ['landlord'] },
    schema: { tags: ['payments'], summary: 'A NACHA test file from your settings (one $1.00 debit to a test account) for your bank to check; nothing is stored', produces: ['text/plain'] },
    handler: async (request, reply) => {
      const { name, content } = await achFiles.testFile(principalOf(request));
      return reply.header('content-type', 'text/plain; charset=us-ascii').header('content-disposition', `attachment; filename="${name}"`).send(content);
    },
  });

  app.post('/api/ach-files', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['payments'],
      summary: 'Make the NACHA file for the entries due now (201 with the file), or 200 {created: false} when nothing is due',
      response: { 201: achFileSchema.extend({ created: z.literal(true) }), 200: z.object({ created: z.literal(false) }), 409: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const file = await achFiles.createNow(principalOf(request));
      return file ? reply.code(201).send({ ...file, created: true as const }) : reply.code(200).send({ created: false as const });
    },
  });

  app.get('/api/ach-files', {
    config: { auth: ['landlord'] },
    schema: { tags: ['payments'], summary: "Your company's NACHA files, newest first: each a deposit of the day's debits", response: { 200: z.object({ items: z.array(achFileSchema) }) } },
    handler: async (request) => ({ items: await achFiles.list(principalOf(request)) }),
  });

  app.get('/api/ach-files/:achFileId', {
    config: { auth: ['landlord', 'support'] },
    schema: { tags: ['payments'], summary: 'A NACHA file with its entries and trace numbers', params: achFileParams, response: { 200: achFileDetailSchema, 404: errorResponseSchema } },
    handler: async (request) => achFiles.detail(principalOf(request), request.params.achFileId),
  });

  app.get('/api/ach-files/:achFileId/download', {
    config: { auth: ['landlord', 'support'] },
    schema: { tags: ['payments'], summary: "The NACHA file's bytes, as sent to the bank (the company's staff and support only)", params: achFileParams, produces: ['text/plain'] },
    handler: async (request, reply) => {
      const { name, content } = await achFiles.download(principalOf(request), request.params.achFileId);
      return reply.header('content-type', 'text/plain; charset=us-ascii').header('content-disposition', `attachment; filename="${name}"`).send(content);
    },
  });

  app.post('/api/ach-returns', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['payments'],
      summary: "Read the bank's return or NOC file (multipart field \"file\"): returned payments, corrected accounts, entries matching nothing; the same file again changes nothing",
      consumes: ['multipart/form-data'],
      response: { 200: returnFileSummarySchema, 400: errorResponseSchema, 413: errorResponseSchema },
    },
    handler: async (request) => {
      if (!request.isMultipart()) throw invalid([{ path: 'file', message: 'Send the file as multipart/form-data in the field "file"' }]);
      const part = await request.file({ limits: { fileSize: MAX_RETURN_FILE_BYTES, files: 1 } });
      if (!part || part.fieldname !== 'file') throw invalid([{ path: 'file', message: 'Choose the return file to upload' }]);
      const content = await part.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('too_large', 'file_too_large', 'A return file is at most 20 MB');
        throw error;
      });
      return returns.upload(principalOf(request), part.filename || 'returns.ach', content.toString('latin1'));
    },
  });

  app.get('/api/ach-returns', {
    config: { auth: ['landlord', 'support'] },
    schema: {
      tags: ['payments'],
      summary: 'Return and NOC files read, entries that matched nothing (support sees every company), and the return rates of the last 60 days',
      response: { 200: returnFilesSchema },
    },
    handler: async (request) => returns.list(principalOf(request)),
  });

  const residentParams = z.strictObject({ residentId: idSchema });

  app.get('/api/residents/:residentId/rent-periods', {
    config: { auth: ['landlord', 'support'] },
    schema: { tags: ['payments'], summary: "Each month of a resident's lease: due, received by the grace end, and whether sufficient and on time", params: residentParams, response: { 200: rentPeriodsSchema, 404: errorResponseSchema } },
    handler: async (request) => rentPeriods.forStaff(principalOf(request), request.params.residentId),
  });

  app.post('/api/residents/:residentId/paid-outside', {
    config: { auth: ['landlord'] },
    schema: {
      tags: ['payments'],
      summary: 'Mark rent paid outside the platform (cash, check, transfer): the month, amount and day; audited',
      params: residentParams,
      body: paidOutsideRequestSchema,
      response: { 200: rentPeriodsSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
    },
    handler: async (request) => rentPeriods.markPaidOutside(principalOf(request), request.params.residentId, request.body),
  });

  app.get('/api/me/rent-periods', {
    config: { auth: ['resident'] },
    schema: { tags: ['payments'], summary: 'Your month-by-month rent history for one residency', querystring: z.strictObject({ residentId: idSchema }), response: { 200: rentPeriodsSchema, 404: errorResponseSchema } },
    handler: async (request) => rentPeriods.forResident(principalOf(request), request.query.residentId),
  });
};
