import { z } from 'zod';
import { idSchema, isoTimestampSchema } from './common.contract.ts';
import { calendarDateSchema } from './onboarding.contract.ts';
import { POSTING_KINDS, POSTING_STATUSES, POSTING_SYSTEMS } from './statuses.contract.ts';

/**
 * Payments posted back to the company's accounting system (issue 13): one posting per payment per kind
 * (`payment`, `reversal`) per system, each with its outcome.
 */

export type PostingStatus = (typeof POSTING_STATUSES)[number];
export type PostingSystem = (typeof POSTING_SYSTEMS)[number];
export type PostingKind = (typeof POSTING_KINDS)[number];

export const POSTING_STATUS_LABELS: Record<PostingStatus, string> = {
  waiting_for_id: 'Missing accounting ID',
  pending: 'Pending',
  posted: 'Posted',
  failed: 'Failed',
  cancelled: 'Not posted (returned first)',
};

export const POSTING_SYSTEM_LABELS: Record<PostingSystem, string> = {
  buildium: 'Buildium',
  yardi: 'Yardi',
  receipts_file: 'the receipts file',
};

export const postingStatusSchema = z.enum(POSTING_STATUSES);

export const postingSchema = z.object({
  id: idSchema,
  paymentId: idSchema,
  kind: z.enum(POSTING_KINDS),
  system: z.enum(POSTING_SYSTEMS),
  status: postingStatusSchema,
  amountCents: z.number().int().describe('Positive for a payment and for its reversal alike: `kind` says which way'),
  resident: z.object({ id: idSchema, name: z.string(), accountingResidentId: z.string().nullable() }),
  idempotencyKey: z.string().describe('Sent to the accounting system where its protocol has a place for it (Buildium ReferenceNumber, Yardi DocumentNumber)'),
  attempts: z.number().int(),
  nextAttemptAt: isoTimestampSchema.nullable(),
  lastError: z.string().nullable(),
  externalId: z.string().nullable(),
  postedAt: isoTimestampSchema.nullable(),
  receiptsDay: z.string().nullable().describe("File companies: the company-local day whose receipts file carries it (YYYY-MM-DD)"),
  createdAt: isoTimestampSchema,
});
export type Posting = z.infer<typeof postingSchema>;

export const POSTING_PAGE_DEFAULT = 50;
export const POSTING_PAGE_MAX = 200;

export const postingListQuerySchema = z.strictObject({
  status: postingStatusSchema.optional(),
  companyId: idSchema.optional().describe('Support only: whose postings'),
  limit: z.coerce.number().int().min(1).max(POSTING_PAGE_MAX).default(POSTING_PAGE_DEFAULT),
  cursor: idSchema.optional().describe("The previous page's nextCursor"),
});

export const postingCountsSchema = z.object({
  waiting_for_id: z.number().int(),
  pending: z.number().int(),
  posted: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
});
export type PostingCounts = z.infer<typeof postingCountsSchema>;

/** A page of postings, newest first, with the company's counts by status and the system it posts to now. */
export const postingListSchema = z.object({
  items: z.array(postingSchema),
  nextCursor: z.string().nullable(),
  counts: postingCountsSchema,
  system: z.enum(POSTING_SYSTEMS).nullable().describe('Null: the company has no accounting system to post to'),
});
export type PostingList = z.infer<typeof postingListSchema>;

export const postingIdParamsSchema = z.strictObject({ postingId: idSchema });

export const receiptDaySchema = z.object({
  day: z.string(),
  count: z.number().int(),
  netCents: z.number().int(),
  inProgress: z.boolean().describe("Today's file (the company's day): it grows until the day ends, so importing it now and again later would import its first lines twice"),
  deliveredAt: z.string().nullable().describe('When the file was put in the receipts SFTP folder; null when not (yet) sent by SFTP'),
  deliveryError: z.string().nullable().describe("The last SFTP delivery's error while it is not delivered; tried again at the next run"),
});
export const receiptDaysSchema = z.object({ items: z.array(receiptDaySchema) });
export type ReceiptDay = z.infer<typeof receiptDaySchema>;

export const receiptDaysQuerySchema = z.strictObject({ companyId: idSchema.optional().describe('Support only') });
export const receiptsQuerySchema = z.strictObject({ date: calendarDateSchema, companyId: idSchema.optional().describe('Support only') });
