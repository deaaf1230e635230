import { z } from 'zod';
import { defineJob, type JobWorker, worker } from '../../jobs/job-definition.ts';

/**
 * Drains the outbox over SMTP. Sent with each transaction that queues email,
 * and again for the next retry; 'stately' keeps at most one drain queued and
 * one running, however many emails are waiting.
 */
export const emailDeliveryJob = defineJob({
  name: 'email-delivery',
  payload: z.object({}),
  options: { retryLimit: 3, retryDelay: 30, expireInSeconds: 600, policy: 'stately' },
});

export function emailJobs({ drain }: { drain: () => Promise<void> }): JobWorker[] {
  return [worker(emailDeliveryJob, () => drain())];
}
