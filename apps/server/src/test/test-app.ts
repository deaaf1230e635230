import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { createServices, listenForAuthChanges, type LoginLimits, type Services, startWorkers } from '../composition.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { DEMO_PASSWORD, loadDemoData } from '../demo/demo-data.ts';
import type { RateLimit } from '../lib/rate-limiter.ts';
import type { SessionCache } from '../modules/auth/session-cache.ts';
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { createEncryptor } from '../lib/encryption.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const TEST_SECRET_KEY = 'test-secret-key-that-is-at-least-32-characters';

export type TestAppOptions = {
  demoData?: boolean;
  loginLimits?: LoginLimits;
  /** Tests sign up many people from one address; the production limit is tested on its own. */
  signupLimits?: { perIp: RateLimit; perEmail: RateLimit };
  /** Start pg-boss and the workers, as a server process does. */
  jobs?: boolean;
  smtpUrl?: string;
  syncBatchSize?: number;
  appUrl?: string;
  trustProxy?: boolean;
  /** As a deployment without demo data: support users must set up two-factor sign-in. */
  supportTwoFactorRequired?: boolean;
  /**
   * Keep resolved sessions in memory as main.ts does. Off by default: a test that changes a user in SQL and asks
   * at once would race the change's notification, which a real client, a network round trip later, does not.
   */
  sessionCache?: boolean;
};

/** Polls `check` until it holds, failing after `timeoutMs`; answers how long it took (changes told by NOTIFY arrive a moment after their commit). */
export async function within(timeoutMs: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

/** Services and an app over an open database, as main.ts wires them. */
export async function assembleApp(database: DatabaseHandle, options: TestAppOptions = {}) {
  const jobs: JobQueue | null = options.jobs ? createJobQueue(database, { pollingIntervalSeconds: 0.5 }) : null;
  if (jobs) await jobs.start();
  const config = {
    sessionDays: 14,
    appUrl: options.appUrl ?? 'http://rentledger.test',
    smtpUrl: options.smtpUrl,
    mailFrom: 'RentLedger <no-reply@rentledger.test>',
    logLevel: 'silent' as const,
    trustProxy: options.trustProxy ?? false,
    webDistDir: '/nonexistent-web-dist',
    ...(options.syncBatchSize ? { syncBatchSize: options.syncBatchSize } : {}),
    demoData: !options.supportTwoFactorRequired,
  };
  const authChanges = options.sessionCache ? listenForAuthChanges(database) : null;
  if (authChanges) await within(5_000, () => authChanges.listener.listening);
  const services = createServices({
    db: database.db,
    sessionCache: authChanges?.sessionCache,
    databaseKind: database.kind,
    jobs,
    encryptor: createEncryptor(TEST_SECRET_KEY),
    config,
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    signupLimits: options.signupLimits ?? { perIp: { limit: 10_000, windowMs: 60_000 }, perEmail: { limit: 10_000, windowMs: 60_000 } },
  });
  if (jobs) await startWorkers(services, jobs, config);
  const app = await buildApp({ services, config });
  if (authChanges) app.addHook('onClose', authChanges.stop);
  await app.ready();
  return { app, services, jobs, sessionCache: authChanges?.sessionCache };
}

export type Session = { cookie: string; csrfToken: string; userId: string; companyId: string | null };

export type TestContext = {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  /** Signs in (demo password unless given) and returns the cookie and CSRF token. */
  login: (email: string, password?: string) => Promise<Session>;
  /** A request as the given session (cookie + CSRF header), or anonymous. */
  call: (session: Session | null, options: InjectOptions) => Promise<LightMyRequestResponse>;
  /** The token of the newest emailed link to `path` (e.g. '/verify-email') sent to `to`, read from the outbox. */
  emailedToken: (to: string, path: string) => Promise<string>;
  /** Follows the newest verification link sent to `email`; the answer signs in. */
  verifyEmail: (email: string) => Promise<Session>;
  close: () => Promise<void>;
  /** With `sessionCache: true`, the app's cache of resolved sessions. */
  sessionCache?: SessionCache;
};

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'rl_session');
  if (!cookie) throw new Error(`no session cookie in the answer (status ${response.statusCode}: ${response.body})`);
  return `rl_session=${cookie.value}`;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  if (options.demoData !== false) await loadDemoData(database.db);
  const { app, services, jobs, sessionCache } = await assembleApp(database, options);

  async function login(email: string, password = DEMO_PASSWORD): Promise<Session> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`);
    const body = response.json();
    return { cookie: sessionCookie(response), csrfToken: body.csrfToken, userId: body.user.id, companyId: body.user.company?.id ?? null };
  }

  function call(session: Session | null, options: InjectOptions) {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrfToken;
    }
    return app.inject({ ...options, headers });
  }

  async function emailedToken(to: string, path: string): Promise<string> {
    const rows = await database.db.selectFrom('email_outbox').select('text_body').where('to_address', '=', to).orderBy('created_at', 'desc').execute();
    for (const row of rows) {
      const match = new RegExp(`${path.replace(/[/]/g, '\\/')}#token=([\\w-]+)`).exec(row.text_body);
      if (match?.[1]) return match[1];
    }
    throw new Error(`no ${path} link emailed to ${to}`);
  }

  async function verifyEmail(email: string): Promise<Session> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: await emailedToken(email, '/verify-email') } });
    if (response.statusCode !== 200) throw new Error(`verify ${email} failed: ${response.statusCode} ${response.body}`);
    const body = response.json().session;
    return { cookie: sessionCookie(response), csrfToken: body.csrfToken, userId: body.user.id, companyId: body.user.company?.id ?? null };
  }

  return {
    app,
    services,
    database,
    sessionCache,
    login,
    call,
    emailedToken,
    verifyEmail,
    close: async () => {
      await app.close();
      await jobs?.stop();
      await database.drop();
    },
  };
}
