import { z } from 'zod';
import { defineJob, type JobWorker, worker } from '../../jobs/job-definition.ts';
import type { AchFilesService } from './ach-files.service.ts';

/** Each minute: every company past its daily cutoff on a banking day gets that day's NACHA file (once a day). */
export const achCutoffJob = defineJob({
  name: 'ach-cutoff',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 600 },
  schedule: { cron: '* * * * *' },
});

/** Every 15 minutes: payments in a file whose effective entry date has come are settled. */
export const achSettleJob = defineJob({
  name: 'ach-settle',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 300 },
  schedule: { cron: '*/15 * * * *' },
});

export function paymentsJobs({ achFiles }: { achFiles: Pick<AchFilesService, 'runCutoffs' | 'settleDue'> }): JobWorker[] {
  return [
    worker(achCutoffJob, async () => {
      await achFiles.runCutoffs();
    }),
    worker(achSettleJob, async () => {
      await achFiles.settleDue();
    }),
  ];
}
