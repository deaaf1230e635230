import { z } from 'zod';
import { defineJob, type JobWorker, worker } from '../../jobs/job-definition.ts';
import type { PostingsService } from './postings.service.ts';

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

export function postingsJobs({ postings }: { postings: Pick<PostingsService, 'postDue'> }): JobWorker[] {
  return [
    worker(accountingPostJob, async () => {
      await postings.postDue();
    }),
  ];
}
