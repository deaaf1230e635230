import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { AppConfig } from './config/config.ts';
import type { DatabaseKind } from './db/database.ts';
import type { Database } from './db/database.types.ts';
import authPlugin from './http/auth.plugin.ts';
import { errorHandler, notFoundHandler } from './http/errors.ts';
import { createRateLimiter, type RateLimit } from './http/rate-limiter.ts';
import { apiTokensRoutes } from './modules/api-tokens/api-tokens.routes.ts';
import { createApiTokensRepository } from './modules/api-tokens/api-tokens.repository.ts';
import { createApiTokensService } from './modules/api-tokens/api-tokens.service.ts';
import { createAuditRepository } from './modules/audit/audit.repository.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { createAuthRepository } from './modules/auth/auth.repository.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createCompaniesRepository } from './modules/companies/companies.repository.ts';
import { companiesRoutes } from './modules/companies/companies.routes.ts';
import { createCompaniesService } from './modules/companies/companies.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { createPropertiesRepository } from './modules/properties/properties.repository.ts';
import { propertiesRoutes } from './modules/properties/properties.routes.ts';
import { createPropertiesService } from './modules/properties/properties.service.ts';
import { createTasksRepository } from './modules/tasks/tasks.repository.ts';
import { tasksRoutes } from './modules/tasks/tasks.routes.ts';

export type AppOptions = {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  config: Pick<AppConfig, 'sessionDays' | 'logLevel' | 'trustProxy' | 'webDistDir'>;
  /** Sign-in attempts allowed per IP, and failed ones per email. */
  loginLimits?: { perIp: RateLimit; perEmail: RateLimit };
};

const DEFAULT_LOGIN_LIMITS = {
  perIp: { limit: 100, windowMs: 15 * 60 * 1000 },
  perEmail: { limit: 10, windowMs: 15 * 60 * 1000 },
};

export const DEFAULT_WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

export async function buildApp({ db, databaseKind, config, loginLimits = DEFAULT_LOGIN_LIMITS }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    trustProxy: config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(fastifyCookie);
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
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const authRepository = createAuthRepository(db);
  const authService = createAuthService({
    repository: authRepository,
    sessionDays: config.sessionDays,
    loginLimits: { perIp: createRateLimiter(loginLimits.perIp), perEmail: createRateLimiter(loginLimits.perEmail) },
  });
  const companiesRepository = createCompaniesRepository(db);
  const propertiesRepository = createPropertiesRepository(db);

  await app.register(authPlugin, { authService });
  await app.register(healthRoutes, { db, databaseKind });
  await app.register(authRoutes, { authService });
  await app.register(companiesRoutes, { companiesService: createCompaniesService({ db, repository: companiesRepository }) });
  await app.register(propertiesRoutes, {
    propertiesService: createPropertiesService({ db, repository: propertiesRepository, companies: companiesRepository }),
  });
  await app.register(apiTokensRoutes, {
    apiTokensService: createApiTokensService({ db, repository: createApiTokensRepository(db) }),
  });
  await app.register(tasksRoutes, { tasksRepository: createTasksRepository(db) });
  await app.register(auditRoutes, { auditRepository: createAuditRepository(db) });

  await registerWebApp(app, config.webDistDir ?? DEFAULT_WEB_DIST);
  return app;
}

/** Serves the built single-page app; unknown non-API paths get its index.html so client routes deep-link. */
async function registerWebApp(app: FastifyInstance, distDir: string) {
  const indexHtml = path.join(distDir, 'index.html');
  const hasBundle = fs.existsSync(indexHtml);
  if (hasBundle) {
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || request.method !== 'GET') return notFoundHandler(request, reply);
    if (!hasBundle) {
      return reply.code(503).type('text/plain').send('The web app is not built: run `npm run build` (npm start does it for you).');
    }
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html').sendFile('index.html');
  });
}
