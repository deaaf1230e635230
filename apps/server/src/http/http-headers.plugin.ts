import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What every answer carries, as a browser expects (register before any route: both plugins hook `onRoute`):
 * - compression: Brotli, else gzip, of anything compressible over 1 KiB (@fastify/compress; JSON, HTML, JS, CSS, SVG);
 * - security headers (@fastify/helmet): the Content-Security-Policy below, `frame-ancestors 'none'`
 *   (and X-Frame-Options DENY for old browsers), Referrer-Policy, X-Content-Type-Options, COOP/CORP;
 * - Strict-Transport-Security only on a request that came over TLS: directly, or behind a proxy that said so in
 *   X-Forwarded-Proto when TRUST_PROXY is on (`request.protocol`). Over plain HTTP the header would be ignored at
 *   best, and a localhost install must not pin itself to HTTPS;
 * - `Cache-Control: no-store` on every /api answer (a route may set its own). Static files get theirs in app.ts.
 */

/**
 * The single-page app's policy. Scripts only from this origin (Vite emits no inline script; no eval).
 * style-src needs 'unsafe-inline': Mantine writes <style> elements at run time (its CSS variables, the
 * responsive style props) and React components set style attributes. Inline styles cannot run code; the
 * alternative, a nonce, would need index.html rendered per request and the nonce handed to MantineProvider's
 * getStyleNonce. img-src allows data: for the two-factor QR code (a data URL) and Mantine's inline SVG images.
 */
export const APP_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'"],
};

/** The CSP as one header value (the Swagger UI's variant is built from it in app.ts). */
export function cspHeader(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

const APP_CSP = cspHeader(APP_CSP_DIRECTIVES);

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export const httpHeaders = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyCompress, {
      global: true,
      encodings: ['br', 'gzip'],
      threshold: 1024,
      // Quality 5: the largest bundle (445 KB) in ~40 ms to 121 KB, where the plugin's 4 gives 129 KB and gzip 132 KB.
      brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
    });
    await app.register(fastifyHelmet, {
      global: true,
      // Sent below as one precomputed value: helmet would rebuild the same string on every request.
      contentSecurityPolicy: false,
      // Set per request below, only over TLS.
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // COEP would refuse nothing the app loads, but buys nothing without cross-origin isolation needs.
      crossOriginEmbedderPolicy: false,
    });
    app.addHook('onRequest', async (request, reply) => {
      reply.header('content-security-policy', APP_CSP);
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
      if (request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'rentledger-http-headers' },
);
