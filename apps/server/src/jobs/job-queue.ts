import type { Kysely } from 'kysely';
import { fromKysely, PgBoss } from 'pg-boss';
import type { DatabaseHandle } from '../db/database.ts';
import type { Database } from '../db/database.types.ts';
import { type JobContext, type JobDefinition, type JobHandler, JobPayloadError, type JobWorker, type Logger, parsePayload, silentLogger } from './job-definition.ts';

/**
 * Background jobs on pg-boss in the same database, so a job enqueued inside a
 * transaction commits or rolls back with the change that caused it. Several
 * server processes on one PostgreSQL share the queue and run each job once.
 * Each job is declared once (job-definition.ts) in its module's jobs file;
 * its queue is created, with the declared options, the first time this
 * process sends, works or schedules it.
 */
export type SendOptions = {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  trx?: Kysely<Database>;
  singletonKey?: string;
  startAfterSeconds?: number;
};

export type JobQueue = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Enqueues the job; a payload its schema refuses throws (JobPayloadError) and nothing is sent. */
  send<P extends object>(job: JobDefinition<P>, payload: P, options?: SendOptions): Promise<string | null>;
  /** Works the job's queue in this process. A payload its schema refuses fails the job, logged with the field at fault. */
  work<P extends object>(job: JobDefinition<P>, handler: JobHandler<P>, options?: { concurrency?: number }): Promise<void>;
  /** pg-boss sends the job on its declared schedule, once for all processes. */
  schedule(job: JobDefinition): Promise<void>;
  /** A queue no job is declared for any more: its schedule, waiting jobs and the queue itself go. */
  retire(queueName: string): Promise<void>;
  /** For the health check: null while the queue runs and its own pool answers, else why not. */
  problem(): Promise<'job_queue_stopped' | 'job_queue_unavailable' | null>;
};

/** Checks the payload, then runs the handler; either failure is logged, naming the job, and thrown on. */
export async function runJob<P extends object>(logger: Logger, job: JobDefinition<P>, handler: JobHandler<P>, data: unknown, context: JobContext) {
  let payload: P;
  try {
    payload = parsePayload(job, data);
  } catch (error) {
    logger.error({ job: job.name, jobId: context.id, fields: error instanceof JobPayloadError ? error.fields : [] }, (error as Error).message);
    throw error;
  }
  try {
    await handler(payload, context);
  } catch (error) {
    logger.error({ err: error, job: job.name, jobId: context.id, retryCount: context.retryCount }, `Job ${job.name} failed`);
    throw error;
  }
}

export function createJobQueue(database: DatabaseHandle, options: { pollingIntervalSeconds?: number; logger?: Logger } = {}): JobQueue {
  const boss = new PgBoss({ connectionString: database.url, max: 5, schedule: true, supervise: true, application_name: 'rentledger-jobs' });
  const logger = options.logger ?? silentLogger;
  let started = false;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  const queues = new Map<string, Promise<void>>();

  boss.on('error', (error) => {
    // A lost connection during shutdown is expected; anything else is worth a line.
    if (started) logger.error({ err: error }, 'Job queue error');
  });

  /** createQueue leaves an existing queue as it is, so each process may call it once per queue. */
  function ensureQueue(job: JobDefinition): Promise<void> {
    let ready = queues.get(job.name);
    if (!ready) {
      ready = boss.createQueue(job.name, { ...job.options }).catch((error: unknown) => {
        queues.delete(job.name);
        throw error;
      });
      queues.set(job.name, ready);
    }
    return ready;
  }

  return {
    async start() {
      await boss.start();
      started = true;
    },

    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },

    async send(job, payload, sendOptions = {}) {
      const data = parsePayload(job, payload);
      await ensureQueue(job);
      return boss.send(job.name, data, {
        ...(sendOptions.trx ? { db: fromKysely(sendOptions.trx) } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
    },

    async work(job, handler, workOptions = {}) {
      await ensureQueue(job);
      await boss.work<object>(job.name, { pollingIntervalSeconds, localConcurrency: workOptions.concurrency ?? 1 }, async (batch) => {
        for (const item of batch) {
          await runJob(logger, job, handler, item.data, { id: item.id, retryCount: (item as { retryCount?: number }).retryCount ?? 0 });
        }
      });
    },

    async schedule(job) {
      if (!job.schedule) throw new Error(`Job ${job.name} has no schedule`);
      await ensureQueue(job);
      await boss.schedule(job.name, job.schedule.cron, {}, { tz: job.schedule.timezone ?? 'UTC' });
    },

    async retire(queueName) {
      await boss.unschedule(queueName);
      if (await boss.getQueue(queueName)) await boss.deleteQueue(queueName);
    },

    async problem() {
      if (!started) return 'job_queue_stopped';
      try {
        // pg-boss has its own pool: a trivial query through it proves workers can fetch jobs.
        await boss.getDb().executeSql('SELECT 1');
        return null;
      } catch {
        return 'job_queue_unavailable';
      }
    },
  };
}

/**
 * Without a queue (the CLI, tests without workers) a follow-up job runs in the
 * process that caused it, right after its transaction commits: the same
 * handler and payload check, a failure logged and not thrown, as a worker
 * would leave a failed job behind.
 */
export type InlineJobs = {
  handle(worker: JobWorker): void;
  run<P extends object>(job: JobDefinition<P>, payload: P): Promise<void>;
};

export function createInlineJobs(logger: Logger = silentLogger): InlineJobs {
  const handlers = new Map<string, JobWorker>();
  return {
    handle(worker) {
      handlers.set(worker.job.name, worker);
    },
    async run(job, payload) {
      // As send does: a payload the schema refuses throws at the caller.
      const data = parsePayload(job, payload);
      const worker = handlers.get(job.name) as JobWorker<typeof data> | undefined;
      if (!worker) return;
      await runJob(logger, job, (checked, context) => worker.handle(checked, context), data, { id: 'inline', retryCount: 0 }).catch(() => undefined);
    },
  };
}

/** Works each job in this process, and schedules those with a schedule. */
export async function startJobWorkers(jobs: JobQueue, workers: JobWorker[]) {
  for (const { job, handle } of workers) await jobs.work(job, handle);
  for (const { job } of workers) if (job.schedule) await jobs.schedule(job);
}
