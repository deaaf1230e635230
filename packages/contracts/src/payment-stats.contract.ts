import { z } from 'zod';
import { idSchema } from './common.contract.ts';

/** The most months one request may span (inclusive of both ends). */
export const MAX_PAYMENT_STATS_MONTHS = 24;

/** A calendar month, "YYYY-MM" (1900-2200, as calendar dates are). */
export const yearMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Use a month as YYYY-MM, e.g. 2026-03' })
  .refine((value) => value >= '1900-01' && value <= '2200-12', { message: 'Use a month between 1900 and 2200' });

/**
 * `GET /api/payment-stats`: from and to are months (inclusive), at most 24 of them, from not after to. A landlord
 * gets their own company; support names one with `companyId`.
 */
export const paymentStatsQuerySchema = z.strictObject({
  from: yearMonthSchema.describe('The first month, YYYY-MM'),
  to: yearMonthSchema.describe('The last month, YYYY-MM (at most 24 months after from, counting both)'),
  companyId: idSchema.optional().describe('Support only: the company; a landlord gets their own'),
});
export type PaymentStatsQuery = z.infer<typeof paymentStatsQuerySchema>;

/**
 * The months of one group (a property, or the whole company) with a status of the rent period analysis. `decided`
 * counts on_time, paid_outside, late, insufficient and unpaid months; `rate` is the share of them on time, where
 * a month paid outside the platform counts as on time (the landlord was paid, as the analysis's own on-time rate
 * counts it); not_due and no_data months are counted but left out of the rate. Null when nothing was decided.
 */
export const monthStatsSchema = z.object({
  month: z.string(),
  onTime: z.number().int(),
  paidOutside: z.number().int(),
  late: z.number().int(),
  insufficient: z.number().int(),
  unpaid: z.number().int(),
  notDue: z.number().int(),
  noData: z.number().int(),
  decided: z.number().int(),
  rate: z.number().min(0).max(1).nullable(),
});
export type MonthStats = z.infer<typeof monthStatsSchema>;

const returnRateSchema = z.object({
  /** Returns of this kind among the debits. */
  count: z.number().int(),
  rate: z.number(),
  /** NACHA's: 0.005 unauthorized, 0.03 administrative, 0.15 overall. */
  threshold: z.number(),
  /** `warning` from 80% of the threshold, `over` past it. */
  level: z.enum(['ok', 'warning', 'over']),
});

export const paymentStatsSchema = z.object({
  companyId: idSchema,
  from: z.string(),
  to: z.string(),
  /** The company's calendar date the figures were made for (its own time zone). */
  today: z.string(),
  timezone: z.string(),
  /** Every month of the range, in order: each `months` list below has one entry per month. */
  months: z.array(z.string()),
  overall: z.array(monthStatsSchema),
  properties: z.array(z.object({ propertyId: idSchema, name: z.string(), residents: z.number().int(), months: z.array(monthStatsSchema) })),
  /** The prior 60 days' debits in files and their returns (as the Bank returns panel shows them), whatever the range. */
  returnRates: z.object({
    windowDays: z.number().int(),
    debits: z.number().int(),
    unauthorized: returnRateSchema,
    administrative: returnRateSchema,
    overall: returnRateSchema,
  }),
});
export type PaymentStats = z.infer<typeof paymentStatsSchema>;
