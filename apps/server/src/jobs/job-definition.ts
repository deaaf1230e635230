import type { z } from 'zod';

/**
 * A background job as a declared unit: the name of its queue, the payload it
 * carries (a zod schema, checked when the job is sent and again when it runs),
 * the queue's options and, for a recurring job, its schedule. A module declares
 * its jobs in `<module>.jobs.ts`, next to the handlers that work them;
 * job-queue.ts runs them on pg-boss.
 */
export type JobOptions = {
  /** Tries after a failed one; 0 leaves a failed job failed. */
  retryLimit: number;
  /** Seconds before a retry. */
  retryDelay?: number;
  /** A job still running after this long is failed (and retried while tries remain). */
  expireInSeconds: number;
  /** pg-boss's queue policy: 'stately' keeps at most one job queued and one running. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
};

/** A cron expression (five fields, minutes first), in UTC unless a time zone is given. */
export type JobSchedule = { cron: string; timezone?: string };

export type JobDefinition<P extends object = object> = {
  readonly name: string;
  readonly payload: z.ZodType<P>;
  readonly options: JobOptions;
  /** A scheduled job is sent by pg-boss on this schedule, with an empty payload. */
  readonly schedule?: JobSchedule;
};

export function defineJob<P extends object>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

export type PayloadOf<J> = J extends JobDefinition<infer P> ? P : never;

/** A payload its job's schema refuses: names the job and each field at fault. */
export class JobPayloadError extends Error {
  constructor(
    readonly job: string,
    readonly fields: string[],
    detail: string,
  ) {
    super(`Job ${job} has a bad payload: ${detail}`);
  }
}

/** The payload as the job's schema reads it; throws JobPayloadError when it does not fit. */
export function parsePayload<P extends object>(job: JobDefinition<P>, data: unknown): P {
  const parsed = job.payload.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(payload)', message: issue.message }));
  throw new JobPayloadError(
    job.name,
    issues.map((issue) => issue.field),
    issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
  );
}

export type JobContext = { id: string; retryCount: number };

export type JobHandler<P extends object> = (payload: P, job: JobContext) => Promise<void>;

/** A job with the handler that works it, as a module's jobs file hands it to the workers. */
export type JobWorker<P extends object = object> = {
  job: JobDefinition<P>;
  handle(payload: P, job: JobContext): Promise<void>;
};

export function worker<P extends object>(job: JobDefinition<P>, handle: JobHandler<P>): JobWorker<P> {
  return { job, handle };
}

/**
 * What background code logs through: pino's logger (main.ts makes one), or
 * the CLI's terminal lines. Details first, an error under `err`, then the message.
 */
export type Logger = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
};

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
