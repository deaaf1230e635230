import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../app.ts';
import { createServices } from '../composition.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { createEncryptor } from '../lib/encryption.ts';
import { TEST_SECRET_KEY } from './test-app.ts';

/**
 * An app as main.ts builds it, with what the HTTP tests vary: a web bundle on disk, trust of the proxy, the
 * logger, the job queue. (test-app.ts serves no bundle and logs nothing.)
 */
export async function buildHttpTestApp(
  database: DatabaseHandle,
  options: { webDistDir?: string; trustProxy?: boolean; logger?: FastifyBaseLogger; jobs?: JobQueue | null } = {},
) {
  const config = {
    sessionDays: 14,
    appUrl: 'http://rentledger.test',
    smtpUrl: undefined,
    mailFrom: 'RentLedger <no-reply@rentledger.test>',
    logLevel: 'silent' as const,
    trustProxy: options.trustProxy ?? false,
    webDistDir: options.webDistDir ?? '/nonexistent-web-dist',
    demoData: true,
  };
  const services = createServices({ db: database.db, databaseKind: database.kind, jobs: options.jobs ?? null, encryptor: createEncryptor(TEST_SECRET_KEY), config });
  const app = await buildApp({ services, config, ...(options.logger ? { logger: options.logger } : {}) });
  await app.ready();
  return app;
}

/** A small built bundle as Vite lays it out: index.html, hashed files under assets/, a public file at the root. */
export function writeFakeBundle(): { dir: string; script: string; style: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rentledger-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const script = 'assets/index-Ab12Cd34.js';
  const style = 'assets/index-Ef56Gh78.css';
  fs.writeFileSync(path.join(dir, script), `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "unit ${i}" }`).join(', ')}];\n`);
  fs.writeFileSync(path.join(dir, style), `${Array.from({ length: 200 }, (_, i) => `.row-${i} { padding: ${i}px; }`).join('\n')}\n`);
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><script type="module" src="/${script}"></script><link rel="stylesheet" href="/${style}"></head><body><div id="root"></div></body></html>\n`,
  );
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { dir, script, style, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
