import { z } from 'zod';

/** Counts behind the landlord dashboard's Incomplete Tasks panel. */
export const tasksSchema = z.object({
  pendingReview: z.number().int(),
  missingAccountingId: z.number().int(),
  syncErrors: z.number().int(),
  supportRequests: z.number().int(),
  /** Open rent alerts: months overdue past grace, returned payments. */
  paymentsNeedingAttention: z.number().int(),
  /** Postings to the accounting system that failed after their last try. */
  postingFailures: z.number().int(),
});
export type Tasks = z.infer<typeof tasksSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  /** `embedded`: the PostgreSQL server RentLedger starts under DATA_DIR; `postgres`: DATABASE_URL. */
  database: z.enum(['embedded', 'postgres']),
});
export type Health = z.infer<typeof healthSchema>;
