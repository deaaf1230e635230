import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoData } from '../demo/demo-data.ts';
import { buildHttpTestApp } from '../test/http-test-app.ts';
import { MAPLE_BANK } from '../test/payment-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import { createLogger, type LogFormat, loggableUrl, resolveLogFormat } from './logging.ts';

/** Collects what the logger writes, line by line. */
function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    text: () => text,
    lines: () => text.split('\n').filter((line) => line.trim() !== ''),
  };
}

/** pino-pretty writes through a stream of its own: let it drain. */
const drained = () => new Promise((resolve) => setTimeout(resolve, 50));

describe.each<LogFormat>(['json', 'pretty'])('the request log as %s', (format) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let log: ReturnType<typeof capture>;
  const secrets: string[] = [DEMO_PASSWORD];

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadDemoData(database.db);
    log = capture();
    const logger = createLogger({ logLevel: 'info', logFormat: format }, { destination: log.stream });
    app = await buildHttpTestApp(database, { logger });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('writes one line per request, with method, URL, status and time, and no secret', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@maple.demo', password: DEMO_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const sessionCookie = login.cookies.find((cookie) => cookie.name === 'rl_session')?.value as string;
    const csrfToken = login.json().csrfToken as string;
    secrets.push(sessionCookie, csrfToken);

    const apiToken = 'rl_live_not-a-real-token-5f2c9a';
    const linkToken = 'emailed-link-token-8d1e44';
    secrets.push(apiToken, linkToken);
    const requests = [
      app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: `rl_session=${sessionCookie}` } }),
      app.inject({ method: 'GET', url: '/api/properties', headers: { authorization: `Bearer ${apiToken}` } }),
      app.inject({ method: 'GET', url: `/api/health?token=${linkToken}&verbose=1` }),
      app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `rl_session=${sessionCookie}`, 'x-csrf-token': csrfToken } }),
      app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token: linkToken, password: 'a-brand-new-password-42' } }),
      app.inject({ method: 'GET', url: `/api/nothing-here?access_token=${apiToken}` }),
    ];
    secrets.push('a-brand-new-password-42');
    const statuses = (await Promise.all(requests)).map((response) => response.statusCode);
    await drained();

    const lines = log.lines();
    expect(lines, log.text()).toHaveLength(1 + requests.length);
    const wanted: [string, string, number][] = [
      ['POST', '/api/auth/login', 200],
      ['GET', '/api/auth/session', statuses[0] as number],
      ['GET', '/api/properties', statuses[1] as number],
      ['GET', '/api/health?token=[redacted]&verbose=1', statuses[2] as number],
      ['POST', '/api/auth/logout', statuses[3] as number],
      ['POST', '/api/auth/password-reset/confirm', statuses[4] as number],
      ['GET', '/api/nothing-here?access_token=[redacted]', 404],
    ];
    for (const [method, url, status] of wanted) {
      const line = lines.find((candidate) => candidate.includes(`${method} ${url} ${status} `));
      expect(line, `${method} ${url} in\n${log.text()}`).toBeDefined();
      expect(line).toMatch(/ \d+(\.\d)?ms/);
      if (format === 'json') {
        const entry = JSON.parse(line as string);
        expect(entry).toMatchObject({ method, url, statusCode: status, level: 30 });
        expect(entry.responseTime).toBeTypeOf('number');
        expect(entry.req).toBeUndefined();
      } else {
        expect(() => JSON.parse(line as string)).toThrow();
        expect(line).toContain('INFO');
      }
    }
    for (const secret of secrets) expect(log.text()).not.toContain(secret);
  });

  it('redacts secrets in whatever object is logged: headers, passwords, tokens, account numbers', async () => {
    const logger = createLogger({ logLevel: 'info', logFormat: format }, { destination: log.stream });
    const before = log.lines().length;
    logger.info(
      {
        req: { headers: { authorization: 'Bearer bearer-secret-1', cookie: 'rl_session=cookie-secret-2', 'x-csrf-token': 'csrf-secret-3' } },
        res: { headers: { 'set-cookie': 'rl_session=set-cookie-secret-4' } },
        body: { password: 'password-secret-5', token: 'token-secret-6', bank: { accountNumber: '000123456789', routingNumber: '011000015' } },
        password: 'password-secret-7',
        payout: { account_number: '987654321000' },
      },
      'a background event',
    );
    await drained();
    expect(log.lines()).toHaveLength(before + 1);
    const text = log.text();
    expect(text).toContain('a background event');
    expect(text).toContain('[redacted]');
    for (const secret of ['bearer-secret-1', 'cookie-secret-2', 'csrf-secret-3', 'set-cookie-secret-4', 'password-secret-5', 'token-secret-6', '000123456789', '011000015', 'password-secret-7', '987654321000']) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs no bank number of a payments scenario: settings saved, an account refused, a file made', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@maple.demo', password: DEMO_PASSWORD } });
    const headers = { cookie: `rl_session=${login.cookies.find((cookie) => cookie.name === 'rl_session')?.value}`, 'x-csrf-token': login.json().csrfToken as string };
    const saved = await app.inject({ method: 'PUT', url: '/api/payment-settings', headers, payload: MAPLE_BANK });
    expect(saved.statusCode, saved.body).toBe(200);
    const refused = await app.inject({ method: 'POST', url: '/api/me/bank-accounts', headers, payload: { holderName: 'X', routingNumber: '021000021', accountNumber: '13572468001', accountType: 'checking' } });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({ method: 'PUT', url: '/api/payment-settings', headers, payload: { ...MAPLE_BANK, settlementAccountNumber: '86420000135', immediateDestination: 'not-digits' } });
    expect(bad.statusCode).toBe(400);
    await drained();
    for (const secret of [MAPLE_BANK.settlementAccountNumber, '13572468001', '86420000135', '021000021']) expect(log.text()).not.toContain(secret);
  });
});

describe('log format and URLs', () => {
  it('is pretty on a terminal, JSON otherwise, unless LOG_FORMAT says', () => {
    expect(resolveLogFormat({ logFormat: undefined }, true)).toBe('pretty');
    expect(resolveLogFormat({ logFormat: undefined }, false)).toBe('json');
    expect(resolveLogFormat({ logFormat: 'json' }, true)).toBe('json');
    expect(resolveLogFormat({ logFormat: 'pretty' }, false)).toBe('pretty');
  });

  it('replaces secret query values and keeps the rest', () => {
    expect(loggableUrl('/api/residents?status=approved&page=2')).toBe('/api/residents?status=approved&page=2');
    expect(loggableUrl('/verify?token=abc&next=%2F')).toBe('/verify?token=[redacted]&next=%2F');
    expect(loggableUrl('/x?Access_Token=abc&code=123&password=p&api_token=t')).toBe('/x?Access_Token=[redacted]&code=[redacted]&password=[redacted]&api_token=[redacted]');
    expect(loggableUrl('/x?%74oken=abc')).toBe('/x?%74oken=[redacted]');
    expect(loggableUrl('/plain/path')).toBe('/plain/path');
  });
});
