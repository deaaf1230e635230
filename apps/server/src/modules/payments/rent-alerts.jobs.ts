import { z } from 'zod';
import { defineJob, type JobWorker, worker } from '../../jobs/job-definition.ts';
import type { RentAlertsService } from './rent-alerts.service.ts';

/**
 * Every 10 minutes: every approved and current resident's months analysed; a month past its due date plus grace
 * unpaid or short raises its alert (once), and covered months resolve theirs. Also what makes a due date pass at each company's own midnight (within 10 minutes of it).
 */
export const rentAlertsJob = defineJob({
  name: 'rent-alerts',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 900 },
  schedule: { cron: '*/10 * * * *' },
});

/** Each hour: residents whose rent is due within 3 days, with nothing scheduled and no autopay, are reminded (once a month), between 08:00 and 20:00 company time. */
export const rentRemindersJob = defineJob({
  name: 'rent-reminders',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 900 },
  schedule: { cron: '30 * * * *' },
});

/** Each hour: staff users on the daily digest whose company-local 08:00 has come get the day's email. */
export const rentAlertsDigestJob = defineJob({
  name: 'rent-alerts-digest',
  payload: z.object({}),
  options: { retryLimit: 0, expireInSeconds: 900 },
  schedule: { cron: '0 * * * *' },
});

export function rentAlertsJobs({ alerts }: { alerts: Pick<RentAlertsService, 'run' | 'runReminders' | 'runDigests'> }): JobWorker[] {
  return [
    worker(rentAlertsJob, async () => {
      await alerts.run();
    }),
    worker(rentRemindersJob, async () => {
      await alerts.runReminders();
    }),
    worker(rentAlertsDigestJob, async () => {
      await alerts.runDigests();
    }),
  ];
}
