import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';
import type { AppConfig } from '../config/config.ts';

/**
 * The server's logger: a person reads it in a terminal (pino-pretty, one line per event), a machine reads JSON
 * otherwise. `LOG_FORMAT` (`pretty` or `json`) overrides what stdout being a terminal decides. Either way no secret
 * reaches it: pino's redact removes the fields below wherever they sit (request headers, a logged object, an
 * error's details), and request URLs are logged with their secret query values replaced (`loggableUrl`).
 */
export type LogFormat = 'pretty' | 'json';

export type LoggerConfig = Pick<AppConfig, 'logLevel'> & { logFormat?: LogFormat | undefined };

/** Field names whose values never reach a log line, at any depth pino's redact reaches (three levels). */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-csrf-token',
  'x-api-key',
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'csrfToken',
  'accessToken',
  'refreshToken',
  'apiToken',
  'secret',
  'secretKey',
  'twoFactorCode',
  'accountNumber',
  'routingNumber',
  'bankAccountNumber',
  'bankRoutingNumber',
  'account_number',
  'routing_number',
  'settlementAccountNumber',
  'settlementRoutingNumber',
  'numbers_encrypted',
  'privateKey',
  'amountsCents',
];

const quoted = (field: string) => (/^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`);

export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [
  quoted(field).replace(/^\./, ''),
  `*${quoted(field)}`,
  `*.*${quoted(field)}`,
  `*.*.*${quoted(field)}`,
]);

/** Query parameters whose values are secrets (a token in a link, a password by mistake): replaced in the logged URL. */
const SECRET_QUERY = /^(token|access_token|refresh_token|api_token|code|password|secret|key|signature|sig|csrf|csrf_token|session)$/i;

/** The URL as logged: path as it came, each secret query value replaced by `[redacted]`. */
export function loggableUrl(url: string): string {
  const question = url.indexOf('?');
  if (question === -1) return url;
  const hash = url.indexOf('#', question);
  const query = url.slice(question + 1, hash === -1 ? undefined : hash);
  const parts = query.split('&').map((part) => {
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: judge the name as written.
    }
    return equals !== -1 && SECRET_QUERY.test(decoded) ? `${name}=[redacted]` : part;
  });
  return `${url.slice(0, question)}?${parts.join('&')}`;
}

export function resolveLogFormat(config: Pick<LoggerConfig, 'logFormat'>, stdoutIsTerminal = Boolean(process.stdout.isTTY)): LogFormat {
  return config.logFormat ?? (stdoutIsTerminal ? 'pretty' : 'json');
}

/**
 * One pino logger for the process: Fastify's request log and the background code (jobs, sync runs, the pool).
 * `destination` is for tests; by default JSON goes to stdout and pretty lines to stdout through pino-pretty.
 */
export function createLogger(config: LoggerConfig, options: { destination?: DestinationStream; stdoutIsTerminal?: boolean } = {}): PinoLogger {
  const terminal = options.stdoutIsTerminal ?? Boolean(process.stdout.isTTY);
  const format = resolveLogFormat(config, terminal);
  const base = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (format === 'pretty') {
    const stream = pretty({
      colorize: options.destination ? false : terminal,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      // The request line says it all in its message; these fields would repeat it.
      ignore: 'pid,hostname,reqId,method,url,statusCode,responseTime',
      // Written as logged, so a line before process.exit (a failed shutdown) is not lost in a buffer.
      ...(options.destination ? { destination: options.destination } : { sync: true }),
    });
    return pino({ ...base, base: undefined }, stream);
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

/**
 * One line per request, once it has been answered: method, URL (secret query values redacted), status, time.
 * Replaces Fastify's own two lines per request (incoming, completed), which also carry the headers.
 */
export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const responseTime = Math.round(reply.elapsedTime * 10) / 10;
    const url = loggableUrl(request.url);
    const line = { method: request.method, url, statusCode: reply.statusCode, responseTime };
    const message = `${request.method} ${url} ${reply.statusCode} ${responseTime}ms`;
    if (error) reply.log.error({ ...line, err: error }, `${message} (${error.message})`);
    else if (reply.statusCode >= 500) reply.log.error(line, message);
    else reply.log.info(line, message);
  }
}
