import { z } from 'zod';
import { SUPPORT_KINDS, SUPPORT_REQUEST_STATUSES } from './statuses.contract.ts';
import { emailSchema, passwordSchema } from './auth.contract.ts';
import { idSchema } from './common.contract.ts';
import { personNameSchema } from './companies.contract.ts';
import { paymentPolicySchema, residentSchema } from './residents.contract.ts';

/** A calendar date between 1900 and 2200: beyond those, a date is a typo (or "0000-01-01", which PostgreSQL refuses). */
export const calendarDateSchema = z.iso
  .date({ message: 'Use a date like 2026-01-31' })
  .refine((value) => value >= '1900-01-01' && value <= '2200-12-31', { message: 'Use a date between 1900 and 2200' });
export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .refine((value) => value.replace(/\D/g, '').length >= 10, { message: 'Enter a phone number with area code' });
export const rentCentsSchema = z.number().int().min(1, { message: 'Enter the monthly rent' }).max(100_000_000);
// Days 29 to 31 are refused, not moved: rent due on a day some months lack would be due on a day nobody chose.
const DUE_DAY_MESSAGE = 'Due day must be from 1 to 28, so it falls in every month';
export const dueDaySchema = z.number({ message: DUE_DAY_MESSAGE }).int({ message: DUE_DAY_MESSAGE }).min(1, { message: DUE_DAY_MESSAGE }).max(28, { message: DUE_DAY_MESSAGE });

function leaseOrder<S extends z.ZodType<{ leaseStart: string; leaseEnd?: string | null }>>(schema: S): S {
  return schema.refine((value) => !value.leaseEnd || value.leaseEnd >= value.leaseStart, {
    message: 'The lease cannot end before it starts',
    path: ['leaseEnd'],
  });
}

export const signupRequestSchema = z.strictObject({
  firstName: personNameSchema,
  lastName: personNameSchema,
  email: emailSchema,
  phone: phoneSchema,
  password: passwordSchema,
});
export type SignupRequest = z.infer<typeof signupRequestSchema>;

export const rentalSearchQuerySchema = z.strictObject({ q: z.string().trim().min(2, { message: 'Type at least 2 characters' }).max(100) });
export const rentalSearchResponseSchema = z.object({
  results: z.array(
    z.object({
      property: z.object({ id: idSchema, name: z.string(), address: z.string(), city: z.string(), state: z.string(), postalCode: z.string() }),
      units: z.array(z.object({ id: idSchema, label: z.string() })),
      typedUnit: z
        .object({ id: idSchema, label: z.string() })
        .nullable()
        .describe('The unit typed with the address ("12 Maple Ave apt 203"), when the property has it'),
    }),
  ),
});
export type RentalSearchResponse = z.infer<typeof rentalSearchResponseSchema>;

export const createResidencyRequestSchema = leaseOrder(
  z.strictObject({
    propertyId: idSchema,
    unitId: idSchema.nullable(),
    unitText: z.string().trim().max(50).optional().describe('What the resident typed when the unit is not listed'),
    rentCents: rentCentsSchema,
    leaseStart: calendarDateSchema,
    leaseEnd: calendarDateSchema.nullable(),
  }),
);
export type CreateResidencyRequest = z.infer<typeof createResidencyRequestSchema>;

export const candidateSchema = z.object({
  kind: z.enum(['accounting_record', 'resident']),
  id: idSchema,
  score: z.number().int(),
  reasons: z.array(z.string()),
  strong: z.boolean(),
  firstName: z.string(),
  lastName: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  propertyName: z.string().nullable(),
  unitId: idSchema.nullable(),
  unitLabel: z.string().nullable(),
  accountingResidentId: z.string().nullable(),
  rentCents: z.number().int().nullable(),
  leaseStart: z.string().nullable(),
  leaseEnd: z.string().nullable(),
  balanceCents: z.number().int().nullable(),
  status: z.string(),
  invitationSentAt: z.string().nullable().default(null).describe('A resident candidate: when their open invitation to RentLedger was sent; null when none was (no email, or not sent yet)'),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const residentDetailSchema = residentSchema.extend({
  companyIntegrated: z.boolean(),
  accountEmailVerified: z.boolean().nullable().describe('Whether the resident proved their account email; null when no account is linked'),
  statedRentCents: z.number().int().nullable(),
  statedLeaseStart: z.string().nullable(),
  statedLeaseEnd: z.string().nullable(),
  statedUnitText: z.string().nullable(),
  declinedReason: z.string().nullable(),
  pendingSince: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  candidates: z.array(candidateSchema),
});
export type ResidentDetail = z.infer<typeof residentDetailSchema>;

/** The lease a landlord enters to approve manually; also what the approval preview checks. */
const manualLeaseFields = {
  unitId: idSchema,
  rentCents: rentCentsSchema,
  dueDay: dueDaySchema.default(1),
  leaseStart: calendarDateSchema,
  leaseEnd: calendarDateSchema.nullable(),
};

export const approveResidentRequestSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('merge'), candidateId: idSchema }),
  z.strictObject({ method: z.literal('manual'), ...manualLeaseFields }),
]);
export type ApproveResidentRequest = z.input<typeof approveResidentRequestSchema>;

export const approvalPreviewRequestSchema = z.strictObject(manualLeaseFields);
export type ApprovalPreviewRequest = z.input<typeof approvalPreviewRequestSchema>;

export const declineResidentRequestSchema = z.strictObject({ reason: z.string().trim().min(3, { message: 'Tell the resident why' }).max(500) });

export const updateResidentRequestSchema = z.strictObject({
  unitId: idSchema.optional(),
  balanceCents: z.number().int().min(-100_000_000).max(100_000_000).nullable().optional(),
  paymentPolicy: paymentPolicySchema.optional(),
  accountingResidentId: z.string().trim().min(1).max(50).nullable().optional(),
  samePersonAs: idSchema.optional().describe('Confirms the holder of accountingResidentId is this same person: merge them'),
});
export type UpdateResidentRequest = z.infer<typeof updateResidentRequestSchema>;

export const createInvitationRequestSchema = leaseOrder(
  z.strictObject({
    firstName: personNameSchema,
    lastName: personNameSchema,
    email: emailSchema,
    phone: phoneSchema.optional(),
    unitId: idSchema,
    rentCents: rentCentsSchema,
    dueDay: dueDaySchema.default(1),
    leaseStart: calendarDateSchema,
    leaseEnd: calendarDateSchema.nullable(),
    /** Another resident of the company already uses this email: invite anyway (roommates sharing an inbox). */
    allowSharedEmail: z.boolean().default(false),
  }),
);
export type CreateInvitationRequest = z.input<typeof createInvitationRequestSchema>;

export const supportRequestKindSchema = z.enum(SUPPORT_KINDS);
export const createSupportRequestSchema = z.strictObject({
  kind: supportRequestKindSchema,
  message: z.string().trim().min(3, { message: 'Describe what you need' }).max(5000),
  residentId: idSchema.optional(),
  otherResidentId: idSchema.optional().describe('For a resident-ID conflict: the resident who holds the ID'),
});
export type CreateSupportRequest = z.infer<typeof createSupportRequestSchema>;

export const supportRequestSchema = z.object({
  id: idSchema,
  kind: supportRequestKindSchema,
  message: z.string(),
  status: z.enum(SUPPORT_REQUEST_STATUSES),
  answer: z.string().nullable(),
  context: z.record(z.string(), z.unknown()),
  company: z.object({ id: idSchema, name: z.string() }).nullable(),
  requestedBy: z.object({ id: idSchema, name: z.string(), email: z.string(), role: z.string() }),
  residentId: idSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupportRequest = z.infer<typeof supportRequestSchema>;

export const answerSupportRequestSchema = z.strictObject({
  answer: z.string().trim().min(1).max(5000),
  status: z.enum(['answered', 'resolved']),
});

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
