import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads process.env. A bad variable stops start-up with a
 * message naming it, instead of failing later in some unrelated code path.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().default('RentLedger <no-reply@rentledger.local>'),
  APP_URL: z.url().optional(),
  SECRET_KEY: z
    .string()
    .min(32, { message: 'must be at least 32 characters' })
    .optional(),
  DEMO_DATA: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  WEB_DIST_DIR: z.string().optional(),
  TRUST_PROXY: booleanFlag.default(false),
  SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(2000),
  SYNC_STALE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  SYNC_BATCH_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  SIGNUP_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
});

export type AppConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  appUrl: string;
  secretKey: string | undefined;
  demoData: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** `pretty` (one readable line per event) or `json`; unset: pretty when stdout is a terminal, JSON otherwise. */
  logFormat: 'pretty' | 'json' | undefined;
  sessionDays: number;
  webDistDir: string | undefined;
  trustProxy: boolean;
  /** Resident sign-ups an IP address may make per hour (a leasing office's shared connection may need more). */
  signupLimitPerIp: number;
  /** Accounting rows applied per transaction. */
  syncBatchSize: number;
  /** A running sync whose worker has been silent this long is taken as interrupted. */
  syncStaleSeconds: number;
  /** Pause after each batch, to throttle a large import on a busy server. */
  syncBatchPauseMs: number;
};

/** A stopped server or CLI import is gone within this, whatever is in flight: a margin under the 10 s an operator expects. */
export const SHUTDOWN_DEADLINE_MS = 8_000;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    secretKey: e.SECRET_KEY,
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    sessionDays: e.SESSION_DAYS,
    webDistDir: e.WEB_DIST_DIR,
    trustProxy: e.TRUST_PROXY,
    signupLimitPerIp: e.SIGNUP_LIMIT_PER_IP,
    syncBatchSize: e.SYNC_BATCH_SIZE,
    syncStaleSeconds: e.SYNC_STALE_SECONDS,
    syncBatchPauseMs: e.SYNC_BATCH_PAUSE_MS,
  };
}
