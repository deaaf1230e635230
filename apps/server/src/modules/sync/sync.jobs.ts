import { idSchema } from '@rentledger/contracts';
import { z } from 'zod';
import { defineJob, type JobWorker, worker } from '../../jobs/job-definition.ts';
import type { SyncService } from './sync.service.ts';

/** Executes one queued sync run (started from the web, the API or the schedule). */
export const syncRunJob = defineJob({
  name: 'sync-run',
  payload: z.object({ syncRunId: idSchema }),
  options: { retryLimit: 0, expireInSeconds: 60 * 60 },
});

/**
 * Sent in the transaction that ends a run, so it exists exactly when the run
 * reads as finished. Its follow-up (re-matching pending residents against the
 * refreshed books) is worked by the onboarding module (onboarding.jobs.ts).
 */
export const syncRunFinishedJob = defineJob({
  name: 'sync-run-finished',
  payload: z.object({ companyId: idSchema, syncRunId: idSchema, succeeded: z.boolean() }),
  options: { retryLimit: 2, retryDelay: 30, expireInSeconds: 600 },
});

/** Each minute: runs whose worker died (no heartbeat) become failed, so the company can start another. */
export const staleSyncRunsJob = defineJob({
  name: 'sync-fail-interrupted',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 300 },
  schedule: { cron: '* * * * *' },
});

/** Each minute: each API-connected company's daily sync starts once its local hour has come. */
export const scheduledSyncsJob = defineJob({
  name: 'sync-start-scheduled',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 300 },
  schedule: { cron: '* * * * *' },
});

export function syncJobs({ sync, integration }: { sync: SyncService; integration: { startDueScheduledSyncs(): Promise<unknown> } }): JobWorker[] {
  return [
    worker(syncRunJob, ({ syncRunId }) => sync.execute(syncRunId)),
    worker(staleSyncRunsJob, async () => {
      await sync.failInterrupted();
    }),
    worker(scheduledSyncsJob, async () => {
      await integration.startDueScheduledSyncs();
    }),
  ];
}
