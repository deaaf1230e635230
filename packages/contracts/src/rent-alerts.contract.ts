import { z } from 'zod';
import { idSchema, isoTimestampSchema } from './common.contract.ts';
import { calendarDateSchema } from './onboarding.contract.ts';
import { PAYMENT_ALERT_EMAILS, RENT_ALERT_KINDS, RENT_ALERT_RESOLUTIONS } from './statuses.contract.ts';

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month as YYYY-MM' });

/**
 * A payment needing the landlord's attention: a month whose due date plus grace passed without full payment
 * (`overdue`), or a payment the bank returned (`returned`). Open until the month is paid, marked paid outside,
 * or the lease ends.
 */
export const paymentAlertSchema = z.object({
  id: idSchema,
  kind: z.enum(RENT_ALERT_KINDS),
  residentId: idSchema,
  residentName: z.string(),
  propertyName: z.string().nullable(),
  unitLabel: z.string().nullable(),
  month: monthSchema,
  /** The returned payment's amount (`returned`), else the shortfall when the alert was raised. */
  amountCents: z.number().int(),
  /** The month as last analysed; null until a returned payment's month is analysed. */
  dueCents: z.number().int().nullable(),
  receivedCents: z.number().int().nullable(),
  shortfallCents: z.number().int().nullable(),
  graceEndsOn: calendarDateSchema.nullable(),
  /** Whole days since the grace ended, in the company's time zone (null when it has not, or is not known). */
  daysPastGrace: z.number().int().nullable(),
  returnCode: z.string().nullable(),
  returnReason: z.string().nullable(),
  createdAt: isoTimestampSchema,
  resolvedAt: isoTimestampSchema.nullable(),
  resolution: z.enum(RENT_ALERT_RESOLUTIONS).nullable(),
  /** The company-local time of the last "Send reminder" to this resident, if any. */
  lastReminderAt: isoTimestampSchema.nullable(),
});
export type PaymentAlert = z.infer<typeof paymentAlertSchema>;

export const PAYMENT_ALERT_PAGE_DEFAULT = 50;
export const PAYMENT_ALERT_PAGE_MAX = 100;
export const paymentAlertListQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved']).default('open'),
  limit: z.coerce.number().int().min(1).max(PAYMENT_ALERT_PAGE_MAX).default(PAYMENT_ALERT_PAGE_DEFAULT),
  cursor: idSchema.optional(),
});
export type PaymentAlertListQuery = z.infer<typeof paymentAlertListQuerySchema>;
/** Newest first; `nextCursor` asks for the next page (`?cursor=`), null on the last. */
export const paymentAlertListSchema = z.object({
  items: z.array(paymentAlertSchema),
  nextCursor: z.string().nullable(),
  /** The company's calendar date: the latest day rent can have been paid outside. */
  today: calendarDateSchema,
});
export type PaymentAlertList = z.infer<typeof paymentAlertListSchema>;

export const rentReminderRequestSchema = z.strictObject({ month: monthSchema });
export type RentReminderRequest = z.infer<typeof rentReminderRequestSchema>;
export const rentReminderSchema = z.object({ residentId: idSchema, month: monthSchema, sentAt: isoTimestampSchema, sentTo: z.string() });
export type RentReminder = z.infer<typeof rentReminderSchema>;

/** A staff user's email for payment alerts: each at once, or one digest a day at 08:00 in the company's time zone. */
export const alertPreferencesSchema = z.object({ paymentAlertEmail: z.enum(PAYMENT_ALERT_EMAILS) });
export type AlertPreferences = z.infer<typeof alertPreferencesSchema>;
export const putAlertPreferencesSchema = z.strictObject({ paymentAlertEmail: z.enum(PAYMENT_ALERT_EMAILS, { message: 'Choose immediate or daily_digest' }) });
