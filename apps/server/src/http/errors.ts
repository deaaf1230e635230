import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

import { AppError, type ErrorKind } from '../lib/app-error.ts';

/** The one place an error's kind becomes an HTTP status. */
const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export const statusOf = (error: AppError) => STATUS_BY_KIND[error.kind];

function toFieldPath(instancePath: string | undefined, context: string | undefined): string {
  const path = (instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  if (path) return path;
  return context ?? '';
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.code(statusOf(error)).send({ error: { code: error.code, message: error.message, details: error.details } });
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
