import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { createTestApp, type TestContext } from './test/test-app.ts';

describe('serving the web app', () => {
  let ctx: TestContext;
  let dist: string;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    ctx = await createTestApp({ demoData: false });
    dist = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-dist-'));
    await fs.mkdir(path.join(dist, 'assets'));
    await fs.writeFile(path.join(dist, 'index.html'), '<!doctype html><title>RentLedger</title>');
    await fs.writeFile(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)');
    app = await buildApp({ services: ctx.services, config: { logLevel: 'silent', trustProxy: false, webDistDir: dist, smtpUrl: undefined, appUrl: 'http://localhost:3000' } });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
    await fs.rm(dist, { recursive: true, force: true });
  });

  it('serves client routes the app shell, a rebuilt bundle without restart, and 404 for missing files', async () => {
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<title>RentLedger</title>');
    const page = await app.inject({ method: 'GET', url: '/app/residents/123/review' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    await fs.writeFile(path.join(dist, 'assets', 'app-2.js'), 'console.log(2)');
    const rebuilt = await app.inject({ method: 'GET', url: '/assets/app-2.js' });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.body).toBe('console.log(2)');
    const missing = await app.inject({ method: 'GET', url: '/assets/app-0.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
  });
});
