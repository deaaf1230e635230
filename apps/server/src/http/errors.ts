import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

export type FieldError = { path: string; message: string };

/** An error the API shows to its caller as `{ error: { code, message, details } }`. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: FieldError[] | Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const unauthorized = () => new AppError(401, 'unauthorized', 'Sign in to continue');
export const forbidden = (message = 'Your role does not allow this') => new AppError(403, 'forbidden', message);
/** Also what another company's record answers: its existence is never revealed. */
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string, details?: FieldError[] | Record<string, unknown>) =>
  new AppError(409, code, message, details);
export const invalid = (details: FieldError[], message = 'Some fields are not valid') =>
  new AppError(400, 'validation_failed', message, details);

/** 429 with Retry-After: every limit answers the same way, whatever it counts. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', message, undefined, { 'retry-after': String(retryAfterSeconds) });

/** "45 seconds" or "12 minutes": a wait as a person reads it. */
export const waitInWords = (seconds: number) => (seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`);

/** PostgreSQL's unique_violation, optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint);
}

function toFieldPath(instancePath: string | undefined, context: string | undefined): string {
  const path = (instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  if (path) return path;
  return context ?? '';
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.headers) reply.headers(error.headers);
    return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => {
      const keys = (issue.params as { keys?: string[] } | undefined)?.keys;
      const nested = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
      // Strict schemas refuse unknown fields: name each one.
      if (issue.keyword === 'unrecognized_keys' && keys?.length) {
        return keys.map((key) => ({ path: nested ? `${nested}.${key}` : key, message: 'Unknown field' }));
      }
      const path = toFieldPath(issue.instancePath, error.validationContext);
      return [{ path, message: issue.message ?? 'Invalid value' }];
    });
    return reply.code(400).send({
      error: { code: 'validation_failed', message: `Invalid ${error.validationContext ?? 'request'}`, details: details.flat() },
    });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    return reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side' } });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return reply.code(status).send({ error: { code, message: error.message } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side' } });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
}
