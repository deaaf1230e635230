import { z } from 'zod';
import { defineJob, type JobWorker, worker } from '../../jobs/job-definition.ts';
import type { AchFilesService } from './ach-files.service.ts';
import type { AchReturnsService } from './ach-returns.service.ts';
import type { AutopayService } from './autopay.service.ts';

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

/** Every 10 minutes: autopay plans whose day has come make their payment (or skip the month), and reminders go out. */
export const autopayJob = defineJob({
  name: 'autopay-run',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 600 },
  schedule: { cron: '*/10 * * * *' },
});

/** Every 15 minutes: return and NOC files the banks left in their SFTP folders are fetched and read. */
export const achFetchReturnsJob = defineJob({
  name: 'ach-fetch-returns',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 600 },
  schedule: { cron: '*/15 * * * *' },
});

export function paymentsJobs({ achFiles, autopay, returns }: { achFiles: Pick<AchFilesService, 'runCutoffs' | 'settleDue'>; autopay: Pick<AutopayService, 'runDue'>; returns: Pick<AchReturnsService, 'fetchFromBanks'> }): JobWorker[] {
  return [
    worker(achFetchReturnsJob, async () => {
      await returns.fetchFromBanks();
    }),
    worker(autopayJob, async () => {
      await autopay.runDue();
    }),
    worker(achCutoffJob, async () => {
      await achFiles.runCutoffs();
    }),
    worker(achSettleJob, async () => {
      await achFiles.settleDue();
    }),
  ];
}
