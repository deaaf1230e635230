import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import type { DatabaseKind } from '../db/database.ts';
import { DEMO_PASSWORD, loadDemoData } from '../demo/demo-data.ts';
import type { RateLimit } from '../http/rate-limiter.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export type Session = { cookie: string; csrfToken: string; userId: string; companyId: string | null };

export type TestContext = {
  app: FastifyInstance;
  database: TestDatabase;
  /** Signs in (demo password unless given) and returns the cookie and CSRF token. */
  login: (email: string, password?: string) => Promise<Session>;
  /** A request as the given session (cookie + CSRF header), or anonymous. */
  call: (session: Session | null, options: InjectOptions) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'rl_session');
  if (!cookie) throw new Error(`no session cookie in the answer (status ${response.statusCode}: ${response.body})`);
  return `rl_session=${cookie.value}`;
}

export async function createTestApp(
  kind: DatabaseKind,
  options: { demoData?: boolean; dataDir?: string; loginLimits?: { perIp: RateLimit; perEmail: RateLimit } } = {},
): Promise<TestContext> {
  const database = await createTestDatabase(kind, { dataDir: options.dataDir });
  if (options.demoData !== false) await loadDemoData(database.db);
  const app = await buildApp({
    db: database.db,
    databaseKind: kind,
    config: { sessionDays: 14, logLevel: 'silent', trustProxy: false, webDistDir: '/nonexistent-web-dist' },
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
  });
  await app.ready();

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

  return {
    app,
    database,
    login,
    call,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
