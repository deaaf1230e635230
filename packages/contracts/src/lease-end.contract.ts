import { z } from 'zod';
import { calendarDateSchema } from './onboarding.contract.ts';

/** "End lease": the lease's last day (today or earlier ends it at once, a later day is scheduled) and why. */
export const endLeaseRequestSchema = z.strictObject({
  endDate: calendarDateSchema,
  reason: z.string().trim().min(3, { message: 'Say why the lease ends (at least 3 characters)' }).max(500, { message: 'Keep the reason under 500 characters' }),
});
export type EndLeaseRequest = z.infer<typeof endLeaseRequestSchema>;
