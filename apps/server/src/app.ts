import { CONTROL_CHARACTER_MESSAGE, findControlCharacter } from '@rentledger/contracts';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppConfig } from './config/config.ts';
import authPlugin from './http/auth.plugin.ts';
import { errorHandler, notFoundHandler } from './http/errors.ts';
import { APP_CSP_DIRECTIVES, cspHeader, httpHeaders } from './http/http-headers.plugin.ts';
import { createLogger, type LogFormat, OneLineRequestLog } from './http/logging.ts';
import { invalid } from './lib/app-error.ts';
import type { Services } from './composition.ts';
import { suggestMapping } from './integrations/accounting/csv/csv-columns.ts';
import { apiTokensRoutes } from './modules/api-tokens/api-tokens.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { accountRoutes } from './modules/auth/account.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { companiesRoutes } from './modules/companies/companies.routes.ts';
import { devMailboxRoutes } from './modules/email/dev-mailbox.routes.ts';
import { createHealthRepository } from './modules/health/health.repository.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { integrationRoutes, MAX_UPLOAD_BYTES } from './modules/integration/integration.routes.ts';
import { invitationsRoutes } from './modules/invitations/invitations.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { onboardingRoutes } from './modules/onboarding/onboarding.routes.ts';
import { paymentsRoutes } from './modules/payments/payments.routes.ts';
import { postingsRoutes } from './modules/payments/postings.routes.ts';
import { paymentStatsRoutes } from './modules/payments/payment-stats.routes.ts';
import { rentAlertsRoutes } from './modules/payments/rent-alerts.routes.ts';
import { propertiesRoutes } from './modules/properties/properties.routes.ts';
import { residentsRoutes } from './modules/residents/residents.routes.ts';
import { supportRoutes } from './modules/support/support.routes.ts';
import { syncRoutes } from './modules/sync/sync.routes.ts';
import { tasksRoutes } from './modules/tasks/tasks.routes.ts';

export type AppOptions = {
  services: Services;
  config: Pick<AppConfig, 'logLevel' | 'trustProxy' | 'webDistDir' | 'smtpUrl' | 'appUrl'> & { logFormat?: LogFormat | undefined };
  /** The process's logger (main.ts shares it with the background work); built from the config when absent. */
  logger?: FastifyBaseLogger;
};

export const DEFAULT_WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

function suggestColumns(headerLine: string) {
  const headers = headerLine.replace(/^\uFEFF/, '').split(headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',').map((h) => h.trim().replace(/^"|"$/g, ''));
  return suggestMapping(headers);
}

/** Hashed by the web build (`assets/<name>-<hash>.js`): a new release has new names, so a browser may keep them. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The Swagger UI's page: the app's policy, plus the validator badge's image host it may show. */
const DOCS_CSP = cspHeader({ ...APP_CSP_DIRECTIVES, 'img-src': [...APP_CSP_DIRECTIVES['img-src'], 'https://validator.swagger.io'] });

export async function buildApp({ services, config, logger }: AppOptions): Promise<FastifyInstance> {
  const { db, databaseKind, jobs } = services;
  const app = Fastify({
    // Redaction (authorization, cookies, passwords, tokens, account numbers) is set in createLogger.
    loggerInstance: logger ?? createLogger(config),
    // One line per request: method, URL without secret query values, status, time.
    logController: new OneLineRequestLog(),
    trustProxy: config.trustProxy,
  });
  // Compression, security headers, HSTS over TLS, no-store on /api: before any route is declared.
  await app.register(httpHeaders);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Before any route's schema, so the rule holds for every field of every route, path and query included.
  app.addHook('preValidation', async (request) => {
    const parts = { body: request.body, query: request.query, params: request.params };
    for (const [part, value] of Object.entries(parts)) {
      const path = findControlCharacter(value);
      if (path !== null) throw invalid([{ path: path || part, message: CONTROL_CHARACTER_MESSAGE }]);
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'RentLedger API',
        version: '0.1.0',
        description:
          'Browsers use the session cookie set by POST /api/auth/login and send the csrfToken back as x-csrf-token on every ' +
          'state-changing request. Integrations send "Authorization: Bearer <API token>". Errors are { error: { code, message, details } }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rl_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });

  await app.register(authPlugin, { authService: services.authService, appServedOverHttps: config.appUrl.startsWith('https://') });
  await app.register(healthRoutes, { health: createHealthRepository(db), databaseKind, jobs });
  await app.register(authRoutes, { authService: services.authService });
  await app.register(accountRoutes, { accountService: services.accountService, twoFactorService: services.twoFactorService });
  await app.register(companiesRoutes, { companiesService: services.companiesService });
  await app.register(propertiesRoutes, { propertiesService: services.propertiesService });
  await app.register(apiTokensRoutes, { apiTokensService: services.apiTokensService });
  await app.register(tasksRoutes, { tasksRepository: services.tasksRepository });
  await app.register(auditRoutes, { auditRepository: services.auditRepository });
  await app.register(residentsRoutes, { residents: services.residentsService, onboarding: services.onboardingService, review: services.reviewService });
  await app.register(invitationsRoutes, { invitationsService: services.invitationsService, authService: services.authService });
  await app.register(onboardingRoutes, { onboarding: services.onboardingService });
  await app.register(supportRoutes, { supportService: services.supportService });
  await app.register(notificationsRoutes, { notificationsService: services.notificationsService });
  await app.register(integrationRoutes, { integrationService: services.integrationService, suggestColumns });
  await app.register(syncRoutes, { syncService: services.syncService });
  await app.register(paymentsRoutes, { bankAccounts: services.bankAccountsService, payments: services.paymentsService, settings: services.paymentSettingsService, achFiles: services.achFilesService, autopay: services.autopayService, returns: services.achReturnsService, rentPeriods: services.rentPeriodsService });
  await app.register(postingsRoutes, { postings: services.postingsService });
  await app.register(paymentStatsRoutes, { stats: services.paymentStatsService });
  await app.register(rentAlertsRoutes, { alerts: services.rentAlertsService });
  if (!config.smtpUrl) await app.register(devMailboxRoutes, { emailRepository: services.emailRepository });

  await registerWebApp(app, config.webDistDir ?? DEFAULT_WEB_DIST);
  return app;
}

/** Serves the built single-page app; unknown non-API paths get its index.html so client routes deep-link. */
async function registerWebApp(app: FastifyInstance, distDir: string) {
  const indexHtml = path.join(distDir, 'index.html');
  const hasBundle = fs.existsSync(indexHtml);
  if (hasBundle) {
    // wildcard: files are looked up on each request, so a rebuilt bundle is served without a restart.
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const relative = path.relative(distDir, filePath).split(path.sep).join('/');
        // Hashed assets never change under their name; index.html (and the favicon) are asked about each time.
        reply.header('cache-control', relative.startsWith('assets/') ? IMMUTABLE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // A missing file (an old bundle's script, say) is a 404, not the app's HTML.
    if (request.url.startsWith('/api') || request.method !== 'GET' || /\.[a-z0-9]{1,8}$/i.test(pathname)) return notFoundHandler(request, reply);
    if (!hasBundle) {
      return reply.code(503).type('text/plain').send('The web app is not built: run `npm run build` (npm start does it for you).');
    }
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html').sendFile('index.html');
  });
}
