import type { Kysely } from 'kysely';
import { fromKysely, PgBoss } from 'pg-boss';
import type { DatabaseHandle } from '../db/database.ts';
import type { Database } from '../db/database.types.ts';

/**
 * Background jobs on pg-boss in the same database, so a job enqueued inside a
 * transaction commits or rolls back with the change that caused it. Several
 * server processes on one PostgreSQL share the queue and run each job once.
 */
export const QUEUES = {
  syncRun: { name: 'sync-run', retryLimit: 0, expireInSeconds: 60 * 60 },
  // 'stately': at most one drain queued and one running, however many emails are waiting.
  emailDelivery: { name: 'email-delivery', retryLimit: 3, retryDelay: 30, expireInSeconds: 600, policy: 'stately' },
  scheduledSyncTick: { name: 'scheduled-sync-tick', retryLimit: 0, expireInSeconds: 300 },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

export type SendOptions = {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  trx?: Kysely<Database>;
  singletonKey?: string;
  startAfterSeconds?: number;
};

export type JobHandler<T> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

export type JobQueue = {
  start(): Promise<void>;
  stop(): Promise<void>;
  send<T extends object>(queue: QueueName, data: T, options?: SendOptions): Promise<string | null>;
  work<T>(queue: QueueName, handler: JobHandler<T>, options?: { concurrency?: number }): Promise<void>;
  schedule(queue: QueueName, cron: string, timezone?: string): Promise<void>;
};

export function createJobQueue(database: DatabaseHandle, options: { pollingIntervalSeconds?: number } = {}): JobQueue {
  const boss = new PgBoss({ connectionString: database.url, max: 5, schedule: true, supervise: true, application_name: 'rentledger-jobs' });
  let started = false;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;

  boss.on('error', (error) => {
    // A lost connection during shutdown is expected; anything else is worth a line.
    if (started) console.error('job queue error:', error instanceof Error ? error.message : error);
  });

  return {
    async start() {
      await boss.start();
      for (const queue of Object.values(QUEUES)) {
        const { name, ...settings } = queue;
        await boss.createQueue(name, settings);
      }
      started = true;
    },

    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },

    async send(queue, data, sendOptions = {}) {
      return boss.send(queue, data, {
        ...(sendOptions.trx ? { db: fromKysely(sendOptions.trx) } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
    },

    async work(queue, handler, workOptions = {}) {
      await boss.work<object>(
        queue,
        { pollingIntervalSeconds, localConcurrency: workOptions.concurrency ?? 1 },
        async (jobs) => {
          for (const job of jobs) await handler(job.data as never, { id: job.id, retryCount: (job as { retryCount?: number }).retryCount ?? 0 });
        },
      );
    },

    async schedule(queue, cron, timezone = 'UTC') {
      await boss.schedule(queue, cron, null, { tz: timezone });
    },
  };
}
