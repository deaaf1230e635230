import { z } from 'zod';
import { defineJob, type JobWorker, worker } from '../../jobs/job-definition.ts';
import type { PostingsService } from './postings.service.ts';
import type { ReceiptsDeliveryService } from './receipts-delivery.service.ts';

/**
 * Each minute: postings whose resident now has an accounting ID become due, and due postings are sent to the
 * accounting system (Buildium, Yardi) or put in the day's receipts file. No pg-boss retries: a failed posting
 * waits on its own backoff (postings.domain.ts), and the next tick is a minute away.
 */
export const accountingPostJob = defineJob({
  name: 'accounting-post',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 900 },
  schedule: { cron: '* * * * *' },
});

/**
 * Every 15 minutes: file companies with a receipts SFTP get each ended day's receipts file, once
 * (receipts-delivery.service.ts). A failed day is tried again at the next run.
 */
export const receiptsDeliverJob = defineJob({
  name: 'receipts-deliver',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 900 },
  schedule: { cron: '*/15 * * * *' },
});

export function postingsJobs({ postings, receiptsDelivery }: { postings: Pick<PostingsService, 'postDue'>; receiptsDelivery: Pick<ReceiptsDeliveryService, 'deliverDue'> }): JobWorker[] {
  return [
    worker(accountingPostJob, async () => {
      await postings.postDue();
    }),
    worker(receiptsDeliverJob, async () => {
      await receiptsDelivery.deliverDue();
    }),
  ];
}
