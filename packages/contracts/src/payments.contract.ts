import { z } from 'zod';
import { idSchema, isoTimestampSchema } from './common.contract.ts';
import { calendarDateSchema } from './onboarding.contract.ts';
import { AUTOPAY_KINDS, AUTOPAY_STATUSES, BANK_ACCOUNT_STATUSES, BANK_ACCOUNT_TYPES, PAYMENT_STATUSES, RETURN_FILE_SOURCES } from './statuses.contract.ts';

/**
 * Rent payments by ACH. Account and routing numbers go in (a new bank account) and never come out: every
 * answer carries the last 4 of the account only.
 */

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  scheduled: 'Scheduled',
  processing: 'Processing',
  settled: 'Settled',
  cancelled: 'Cancelled',
  voided: 'Voided',
  returned: 'Returned',
};

/** Cents, as an integer; the API never takes or gives fractional money. */
export const centsSchema = z.number().int({ message: 'Must be a whole number of cents' });

const digitsOnly = (value: string) => value.replace(/[\s-]/g, '');

export const createBankAccountSchema = z.strictObject({
  /** The residency whose landlord will debit the account (and send the micro-entries). Optional when there is one. */
  residentId: idSchema.optional(),
  holderName: z
    .string()
    .trim()
    .min(1, { message: 'Required' })
    .max(22, { message: 'A bank file holds 22 characters of the name: shorten it (initials are fine)' }),
  routingNumber: z.string().trim().min(1, { message: 'Required' }).transform(digitsOnly),
  accountNumber: z.string().trim().min(1, { message: 'Required' }).transform(digitsOnly),
  accountType: z.enum(BANK_ACCOUNT_TYPES, { message: 'Choose checking or savings' }),
});
export type CreateBankAccount = z.input<typeof createBankAccountSchema>;

export const bankAccountSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  companyName: z.string(),
  holderName: z.string(),
  last4: z.string(),
  accountType: z.enum(BANK_ACCOUNT_TYPES),
  status: z.enum(BANK_ACCOUNT_STATUSES),
  statusReason: z.string().nullable(),
  /** Confirm tries left before the account locks (validating only). */
  triesLeft: z.number().int(),
  /** When the micro-entries went to the bank (null: in the next file). */
  microEntriesSentOn: calendarDateSchema.nullable(),
  createdAt: isoTimestampSchema,
  verifiedAt: isoTimestampSchema.nullable(),
});
export type BankAccount = z.infer<typeof bankAccountSchema>;

export const verifyBankAccountSchema = z.strictObject({
  amountsCents: z.tuple([centsSchema.min(1).max(99), centsSchema.min(1).max(99)], { message: 'Enter both amounts, each between $0.01 and $0.99' }),
});

export const removeBankAccountResultSchema = z.object({ cancelledPayments: z.number().int(), autopayCancelled: z.boolean() });

/** The ACH debit authorization a resident reads before a payment (or an autopay plan), exactly as it will be stored. */
export const authorizationPreviewSchema = z.object({ text: z.string() });

export const createPaymentSchema = z.strictObject({
  residentId: idSchema,
  bankAccountId: idSchema,
  amountCents: centsSchema,
  /** The day to debit; omitted: the next file. */
  date: calendarDateSchema.optional(),
  /** The resident ticked "I authorize" under the text from /api/me/payments/authorization. */
  authorizationAccepted: z.literal(true, { message: 'Read and accept the authorization to pay' }),
});
export type CreatePayment = z.infer<typeof createPaymentSchema>;

export const paymentSchema = z.object({
  id: idSchema,
  residentId: idSchema,
  residentName: z.string(),
  accountingResidentId: z.string().nullable(),
  propertyName: z.string().nullable(),
  unitLabel: z.string().nullable(),
  amountCents: z.number().int(),
  status: z.enum(PAYMENT_STATUSES),
  statusReason: z.string().nullable(),
  kind: z.enum(['one_time', 'autopay']),
  scheduledFor: calendarDateSchema,
  effectiveDate: calendarDateSchema.nullable(),
  bankAccountLast4: z.string(),
  /** The trace number the bank will quote for this entry (once it is in a file). */
  traceNumber: z.string().nullable(),
  achFileId: idSchema.nullable(),
  createdAt: isoTimestampSchema,
  /** Whether the one who asked may still cancel (resident) or void (landlord): until its file is made. */
  cancellable: z.boolean(),
});
export type Payment = z.infer<typeof paymentSchema>;

/** What the resident's payment page needs to offer a payment: the default amount, limits and the window. */
export const payOptionsSchema = z.object({
  residentId: idSchema,
  companyName: z.string(),
  available: z.boolean(),
  /** Why payments are refused, when they are (policy, the accounting system, no bank set up by the landlord). */
  unavailableReason: z.string().nullable(),
  defaultAmountCents: z.number().int(),
  balanceCents: z.number().int().nullable(),
  rentCents: z.number().int().nullable(),
  fullBalanceOnly: z.boolean(),
  minCents: z.number().int(),
  maxCents: z.number().int(),
  paymentWindow: z.string(),
  earliestDate: calendarDateSchema,
  latestDate: calendarDateSchema,
});
export type PayOptions = z.infer<typeof payOptionsSchema>;

export const putAutopaySchema = z.strictObject({
  bankAccountId: idSchema,
  dayOfMonth: z.number().int().min(1, { message: 'Choose a day from 1 to 28' }).max(28, { message: 'Choose a day from 1 to 28 (every month has one)' }),
  kind: z.enum(AUTOPAY_KINDS),
  amountCents: centsSchema.optional(),
  capCents: centsSchema.optional(),
  authorizationAccepted: z.literal(true, { message: 'Read and accept the authorization to set up autopay' }),
});
export type PutAutopay = z.infer<typeof putAutopaySchema>;

export const autopaySchema = z.object({
  id: idSchema,
  residentId: idSchema,
  bankAccountId: idSchema,
  bankAccountLast4: z.string(),
  dayOfMonth: z.number().int(),
  kind: z.enum(AUTOPAY_KINDS),
  amountCents: z.number().int().nullable(),
  capCents: z.number().int().nullable(),
  status: z.enum(AUTOPAY_STATUSES),
  nextDebitOn: calendarDateSchema.nullable(),
});
export type Autopay = z.infer<typeof autopaySchema>;

export const paymentListQuerySchema = z.strictObject({
  status: z.enum(PAYMENT_STATUSES).optional(),
  propertyId: idSchema.optional(),
  residentId: idSchema.optional(),
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PaymentListQuery = z.input<typeof paymentListQuerySchema>;
export const paymentListSchema = z.object({ items: z.array(paymentSchema), total: z.number().int(), totalCents: z.number().int() });

export const achFileSchema = z.object({
  id: idSchema,
  fileDate: calendarDateSchema,
  fileIdModifier: z.string(),
  effectiveDate: calendarDateSchema,
  batchCount: z.number().int(),
  entryCount: z.number().int(),
  /** Every debit in the file, the micro-entries' offsetting debits included (the file control's total). */
  debitTotalCents: z.number().int(),
  creditTotalCents: z.number().int(),
  paymentCount: z.number().int(),
  /** The deposit: what the file's rent payments bring into the settlement account (micro-entries net to zero). */
  depositCents: z.number().int(),
  createdAt: isoTimestampSchema,
  deliveredAt: isoTimestampSchema.nullable(),
  deliveryError: z.string().nullable(),
});
export type AchFile = z.infer<typeof achFileSchema>;

/** A file with its entries: the deposit's trace numbers, one per payment, and the bank's own lines. */
export const achFileDetailSchema = achFileSchema.extend({
  entries: z.array(
    z.object({
      purpose: z.enum(['payment', 'micro_credit', 'micro_debit', 'offset']),
      paymentId: idSchema.nullable(),
      residentName: z.string().nullable(),
      amountCents: z.number().int(),
      isDebit: z.boolean(),
      traceNumber: z.string(),
    }),
  ),
});
export type AchFileDetail = z.infer<typeof achFileDetailSchema>;
export const createAchFileResultSchema = z.union([achFileSchema.extend({ created: z.literal(true) }), z.object({ created: z.literal(false) })]);

const tenCharacters = (label: string) =>
  z
    .string()
    .regex(/^[0-9A-Za-z ]{10}$/, { message: `${label} is 10 characters (letters, digits or spaces): your bank gives it` });

export const paymentSettingsInputSchema = z.strictObject({
  immediateDestination: z.string().trim().regex(/^[0-9]{9}$/, { message: "Your bank's routing number: 9 digits" }),
  immediateDestinationName: z.string().trim().min(1, { message: 'Required' }).max(23, { message: 'At most 23 characters' }),
  immediateOrigin: tenCharacters('Immediate origin'),
  immediateOriginName: z.string().trim().min(1, { message: 'Required' }).max(23, { message: 'At most 23 characters' }),
  companyName: z.string().trim().min(1, { message: 'Required' }).max(16, { message: 'At most 16 characters (it shows on bank statements)' }),
  companyIdentification: tenCharacters('Company identification'),
  entryDescription: z.string().trim().min(1, { message: 'Required' }).max(10, { message: 'At most 10 characters' }).default('RENT'),
  settlementRoutingNumber: z.string().trim().regex(/^[0-9]{9}$/, { message: '9 digits' }),
  /** Omitted: keep the stored settlement account. */
  settlementAccountNumber: z.string().trim().regex(/^[0-9]{4,17}$/, { message: '4 to 17 digits' }).optional(),
  settlementAccountType: z.enum(BANK_ACCOUNT_TYPES),
  balancedFiles: z.boolean(),
  /** Present again a payment returned R01 or R09 (at most twice in 180 days); off: never retried. */
  retryReturns: z.boolean().default(true),
  cutoffTime: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'A time like 19:45' }),
  paymentWindow: z.union([z.object({ kind: z.literal('any_day') }), z.object({ kind: z.literal('days'), fromDay: z.number().int().min(1).max(31), toDay: z.number().int().min(1).max(31) })]),
  maxPaymentCents: centsSchema.min(100).max(2_500_000).nullable(),
  sftp: z
    .object({
      host: z.string().trim().min(1, { message: 'Required' }),
      port: z.number().int().min(1).max(65535),
      username: z.string().trim().min(1, { message: 'Required' }),
      /** Omitted: keep the stored key. */
      privateKey: z.string().min(1).optional(),
      remoteDir: z.string().trim().min(1, { message: 'Required' }),
      /** The bank's folder of return and NOC files; omitted: returns are uploaded by hand. */
      returnsDir: z.string().trim().min(1).optional(),
      hostKey: z.string().trim().min(1, { message: "The bank's host key fingerprint (SHA256:...) or public key line" }),
    })
    .nullable(),
});
export type PaymentSettingsInput = z.input<typeof paymentSettingsInputSchema>;

export const paymentSettingsSchema = z.object({
  configured: z.boolean(),
  immediateDestination: z.string(),
  immediateDestinationName: z.string(),
  immediateOrigin: z.string(),
  immediateOriginName: z.string(),
  companyName: z.string(),
  companyIdentification: z.string(),
  entryDescription: z.string(),
  /** The first 8 digits of the bank's routing number: batch headers and every trace number start with it. */
  odfiIdentification: z.string(),
  settlementRoutingLast4: z.string(),
  settlementAccountLast4: z.string(),
  settlementAccountType: z.enum(BANK_ACCOUNT_TYPES),
  balancedFiles: z.boolean(),
  retryReturns: z.boolean(),
  cutoffTime: z.string(),
  timezone: z.string(),
  paymentWindow: paymentSettingsInputSchema.shape.paymentWindow,
  maxPaymentCents: z.number().int().nullable(),
  sftp: z.object({ host: z.string(), port: z.number().int(), username: z.string(), remoteDir: z.string(), returnsDir: z.string().nullable(), hostKeySha256: z.string(), hasPrivateKey: z.boolean() }).nullable(),
});
export type PaymentSettings = z.infer<typeof paymentSettingsSchema>;

/** What reading a return or NOC file did; `alreadyRead`: the same file was read before and nothing changed. */
export const returnFileSummarySchema = z.object({
  fileId: idSchema,
  alreadyRead: z.boolean(),
  returns: z.number().int(),
  nocs: z.number().int(),
  unmatched: z.number().int(),
  duplicates: z.number().int(),
  retries: z.number().int(),
});
export type ReturnFileSummary = z.infer<typeof returnFileSummarySchema>;

const rateSchema = z.object({ rate: z.number(), threshold: z.number(), level: z.enum(['ok', 'warning', 'over']) });

export const returnFilesSchema = z.object({
  files: z.array(z.object({ id: idSchema, companyName: z.string(), name: z.string(), source: z.enum(RETURN_FILE_SOURCES), returns: z.number().int(), nocs: z.number().int(), unmatched: z.number().int(), readAt: isoTimestampSchema })),
  unmatched: z.array(z.object({ id: idSchema, companyName: z.string(), fileName: z.string(), kind: z.enum(['return', 'noc']), code: z.string(), originalTraceNumber: z.string(), amountCents: z.number().int(), createdAt: isoTimestampSchema })),
  /** The prior 60 days against NACHA's thresholds (0.5% unauthorized, 3% administrative, 15% overall); null for support. */
  returnRates: z.object({ unauthorized: rateSchema, administrative: rateSchema, overall: rateSchema }).nullable(),
});
export type ReturnFiles = z.infer<typeof returnFilesSchema>;

export const RENT_PERIOD_STATUSES = ['on_time', 'late', 'insufficient', 'unpaid', 'paid_outside', 'not_due', 'no_data'] as const;

/** One month of a lease: what was due, by when, what came in, and whether it was sufficient and on time. */
export const rentPeriodSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  dueCents: z.number().int(),
  dueDate: calendarDateSchema,
  graceEndsOn: calendarDateSchema,
  receivedCents: z.number().int(),
  paidOutsideCents: z.number().int(),
  status: z.enum(RENT_PERIOD_STATUSES),
  daysLate: z.number().int().nullable(),
  shortfallCents: z.number().int().nullable(),
});
export type RentPeriod = z.infer<typeof rentPeriodSchema>;
export const rentPeriodsSchema = z.object({ items: z.array(rentPeriodSchema), onTimeRate: z.number().nullable() });

export const paidOutsideRequestSchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month as YYYY-MM' }),
  amountCents: centsSchema.min(1, { message: 'Enter the amount paid' }).max(10_000_000),
  paidOn: calendarDateSchema,
  note: z.string().trim().max(500, { message: 'Keep the note under 500 characters' }).optional(),
});
export type PaidOutsideRequest = z.infer<typeof paidOutsideRequestSchema>;
