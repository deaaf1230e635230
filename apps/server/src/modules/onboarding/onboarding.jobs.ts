import { z } from 'zod';
import { defineJob, type JobWorker, worker } from '../../jobs/job-definition.ts';
import { syncRunFinishedJob } from '../sync/sync.jobs.ts';
import type { ReviewService } from './review.service.ts';

/** Each minute: staff are emailed again about residents still pending (after 2 days, then weekly). */
export const reviewRemindersJob = defineJob({
  name: 'review-reminders',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 300 },
  schedule: { cron: '* * * * *' },
});

/** Each minute: leases whose scheduled end ("End lease" with a later date) has come in their company's time zone finish. */
export const leaseEndDueJob = defineJob({
  name: 'lease-end-due',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 300 },
  schedule: { cron: '* * * * *' },
});

export function onboardingJobs({ review }: { review: Pick<ReviewService, 'autoApprovePending' | 'sendDueReminders' | 'finishDueLeaseEnds'> }): JobWorker[] {
  return [
    // After a successful run, pending residents with a strong match in the refreshed books are approved.
    worker(syncRunFinishedJob, async ({ companyId, syncRunId, succeeded }) => {
      if (succeeded) await review.autoApprovePending(companyId, syncRunId);
    }),
    worker(reviewRemindersJob, async () => {
      await review.sendDueReminders();
    }),
    worker(leaseEndDueJob, async () => {
      await review.finishDueLeaseEnds();
    }),
  ];
}
