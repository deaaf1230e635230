import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../demo/demo-data.ts';
import { buildHttpTestApp, writeFakeBundle } from '../test/http-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import { HSTS_VALUE } from './http-headers.plugin.ts';

/** HTTP as a browser expects: compression, cache headers per kind of answer, security headers, HSTS over TLS only. */
describe('HTTP headers and compression', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let proxied: FastifyInstance;
  let bundle: ReturnType<typeof writeFakeBundle>;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadDemoData(database.db);
    bundle = writeFakeBundle();
    app = await buildHttpTestApp(database, { webDistDir: bundle.dir });
    proxied = await buildHttpTestApp(database, { webDistDir: bundle.dir, trustProxy: true });
  });
  afterAll(async () => {
    await app?.close();
    await proxied?.close();
    await database?.drop();
    bundle?.remove();
  });

  it('compresses the bundle with Brotli when accepted, else gzip, and leaves it alone otherwise', async () => {
    const br = await app.inject({ method: 'GET', url: `/${bundle.script}`, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const plain = zlib.brotliDecompressSync(br.rawPayload).toString();
    expect(plain).toContain('unit 399');
    expect(br.rawPayload.length).toBeLessThan(plain.length / 3);

    const gzip = await app.inject({ method: 'GET', url: `/${bundle.style}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toContain('.row-199');

    const identity = await app.inject({ method: 'GET', url: `/${bundle.script}` });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toContain('unit 399');
  });

  it('compresses JSON answers of the API', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(response.rawPayload).toString()).openapi).toMatch(/^3\./);
  });

  it('lets browsers keep hashed assets for a year, asks about index.html each time, never stores API answers', async () => {
    const asset = await app.inject({ method: 'GET', url: `/${bundle.script}` });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: `/${bundle.style}` })).headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const url of ['/', '/index.html', '/landlord/residents', '/favicon.svg']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await app.inject({ method: 'GET', url: '/landlord/residents' })).body).toContain('<div id="root">');

    for (const url of ['/api/health', '/api/health/live', '/api/auth/session', '/api/nothing-here', '/api/docs/json']) {
      expect((await app.inject({ method: 'GET', url })).headers['cache-control'], url).toBe('no-store');
    }
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@maple.demo', password: 'demo-password' } });
    expect(login.statusCode).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('sends the security headers on pages and API answers', async () => {
    for (const url of ['/', `/${bundle.script}`, '/api/health']) {
      const { headers } = await app.inject({ method: 'GET', url });
      const csp = String(headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, url).not.toMatch(/'unsafe-eval'/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(headers['x-frame-options'], url).toBe('DENY');
      expect(headers['x-content-type-options'], url).toBe('nosniff');
      expect(headers['referrer-policy'], url).toBe('same-origin');
      expect(headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('gives the Swagger UI a policy of its own that still loads its scripts', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('https://validator.swagger.io');
    const script = page.body.match(/src="([^"]*swagger-ui-bundle\.js)"/)?.[1];
    expect(script).toBeDefined();
    const bundleJs = await app.inject({ method: 'GET', url: new URL(script as string, 'http://x/api/docs/').pathname });
    expect(bundleJs.statusCode).toBe(200);
  });

  it('sends HSTS only when the request came over TLS (here: a trusted proxy saying so)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    // Without TRUST_PROXY, a client's own X-Forwarded-Proto is not believed.
    expect((await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security']).toBeUndefined();
    expect((await proxied.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    const overTls = await proxied.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(overTls.headers['strict-transport-security']).toBe(HSTS_VALUE);
    expect(HSTS_VALUE).toMatch(/^max-age=31536000/);
  });
});
