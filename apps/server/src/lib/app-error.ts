export type FieldError = { path: string; message: string };

/**
 * What went wrong, in terms any caller understands. Services and domain code say only this; the HTTP layer
 * (`http/errors.ts`) turns a kind into a status code, the CLI prints the message, a job logs it.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

/** An expected failure with a stable code and a message written for the person who caused it. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: FieldError[] | Record<string, unknown>,
    /** For `rate_limited`: when asking again may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthorized = () => new AppError('unauthenticated', 'unauthorized', 'Sign in to continue');
export const forbidden = (message = 'Your role does not allow this', code = 'forbidden') => new AppError('forbidden', code, message);
/** Also what another company's record answers: its existence is never revealed. */
export const notFound = (what: string, code = 'not_found', message = `${what} not found`) => new AppError('not_found', code, message);
export const conflict = (code: string, message: string, details?: FieldError[] | Record<string, unknown>) =>
  new AppError('conflict', code, message, details);
export const invalid = (details: FieldError[], message = 'Some fields are not valid', code = 'validation_failed') =>
  new AppError('invalid', code, message, details);
export const gone = (code: string, message: string) => new AppError('gone', code, message);

/** Every limit answers the same way, whatever it counts. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError('rate_limited', 'rate_limited', message, undefined, retryAfterSeconds);

/** "45 seconds" or "12 minutes": a wait as a person reads it. */
export const waitInWords = (seconds: number) => (seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`);

/** PostgreSQL's unique_violation, optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint);
}
