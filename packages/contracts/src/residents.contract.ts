import { z } from 'zod';
import { PAYMENT_POLICIES, RESIDENT_SOURCES, RESIDENT_STATUSES } from './statuses.contract.ts';
import { idSchema } from './common.contract.ts';
import { passwordSchema } from './auth.contract.ts';

export const residentStatusSchema = z.enum(RESIDENT_STATUSES);
export type ResidentStatus = z.infer<typeof residentStatusSchema>;
export const residentSourceSchema = z.enum(RESIDENT_SOURCES);
export const paymentPolicySchema = z.enum(PAYMENT_POLICIES);

/** An ended lease: its last day, the landlord's reason, who recorded it and when. */
export const leaseEndingSchema = z.object({
  endDate: z.string(),
  reason: z.string(),
  scheduled: z.boolean().describe('The end date is still to come: the resident stays approved until then'),
  recordedAt: z.string(),
  recordedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
});
export type LeaseEnding = z.infer<typeof leaseEndingSchema>;

export const residentSchema = z.object({
  id: idSchema,
  status: residentStatusSchema,
  source: residentSourceSchema,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  propertyId: idSchema.nullable(),
  propertyName: z.string().nullable(),
  unitId: idSchema.nullable(),
  unitLabel: z.string().nullable(),
  accountingResidentId: z.string().nullable(),
  rentCents: z.number().int().nullable(),
  dueDay: z.number().int(),
  leaseStart: z.string().nullable(),
  leaseEnd: z.string().nullable(),
  monthToMonth: z.boolean(),
  balanceCents: z.number().int().nullable(),
  paymentPolicy: paymentPolicySchema,
  invitation: z.object({ id: idSchema, sentAt: z.string().nullable(), expiresAt: z.string(), expired: z.boolean() }).nullable(),
  createdAt: z.string(),
  // Defaults let a response built before these fields still parse (fixtures, older clients' caches).
  statedRentCents: z.number().int().nullable().default(null).describe('What the resident stated at sign-up (pending: nothing verified yet)'),
  statedLeaseStart: z.string().nullable().default(null),
  statedLeaseEnd: z.string().nullable().default(null),
  leaseEnding: leaseEndingSchema.nullable().default(null).describe('The landlord ended the lease ("End lease"): at once (finished) or scheduled for its end date'),
  leaseExpired: z.boolean().default(false).describe('Approved or current, not month-to-month, and the lease end date is before the company’s today'),
});
export type Resident = z.infer<typeof residentSchema>;

/** The tabs of the residents list: "approved" holds everyone who may pay (approved, and current once a payment is set up). */
export const RESIDENT_STATUS_GROUPS = { approved: ['approved', 'current'] } as const satisfies Record<string, readonly ResidentStatus[]>;

export const listResidentsQuerySchema = z.strictObject({
  status: residentStatusSchema.optional(),
  statusGroup: z.enum(['approved']).optional().describe('approved: approved and current residents together'),
  q: z.string().trim().max(100).optional(),
  missingAccountingId: z.enum(['true', 'false']).optional().describe('Only approved or current residents with no accounting resident ID'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListResidentsQuery = z.input<typeof listResidentsQuerySchema>;

export const residentListSchema = z.object({
  items: z.array(residentSchema),
  total: z.number().int(),
  countsByStatus: z.record(z.string(), z.number().int()),
});

export const invitationLookupSchema = z.object({
  hasAccount: z.boolean().describe('The email already has a (verified) account: enter its password to confirm, no new password'),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  companyName: z.string(),
  propertyName: z.string().nullable(),
  unitLabel: z.string().nullable(),
  expiresAt: z.string(),
});
export type InvitationLookup = z.infer<typeof invitationLookupSchema>;

export const acceptInvitationRequestSchema = z.strictObject({
  token: z.string().min(10).max(200),
  password: passwordSchema,
});

export const residencySchema = z.object({
  id: idSchema,
  status: residentStatusSchema,
  emailVerificationRequired: z.boolean().describe('The account email is not confirmed yet: no lease data is shown and nothing is matched until it is'),
  companyName: z.string(),
  propertyName: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  unitLabel: z.string().nullable(),
  rentCents: z.number().int().nullable(),
  dueDay: z.number().int(),
  leaseStart: z.string().nullable(),
  leaseEnd: z.string().nullable(),
  monthToMonth: z.boolean(),
  balanceCents: z.number().int().nullable(),
  declinedReason: z.string().nullable(),
  statedRentCents: z.number().int().nullable(),
  statedLeaseStart: z.string().nullable(),
  statedLeaseEnd: z.string().nullable(),
  statedUnitText: z.string().nullable(),
});
export type Residency = z.infer<typeof residencySchema>;

/** A reason to look twice before approving manually: a warning, never a refusal. */
export const approvalWarningSchema = z.object({
  code: z.enum(['unit_occupied', 'lease_ended', 'differs_from_stated']),
  field: z.enum(['unitId', 'rentCents', 'leaseStart', 'leaseEnd']).describe('The entered field it is about'),
  message: z.string(),
  stated: z.union([z.string(), z.number()]).nullable().optional().describe('differs_from_stated: what the resident stated (a unit label, cents or a date; null is month-to-month)'),
  entered: z.union([z.string(), z.number()]).nullable().optional().describe('differs_from_stated: what was entered, in the same form'),
  residents: z
    .array(z.object({ id: idSchema, name: z.string(), leaseStart: z.string().nullable(), leaseEnd: z.string().nullable() }))
    .optional()
    .describe('unit_occupied: the approved residents of the unit on overlapping dates'),
});
export type ApprovalWarning = z.infer<typeof approvalWarningSchema>;

export const approvalPreviewSchema = z.object({ warnings: z.array(approvalWarningSchema) });
export type ApprovalPreview = z.infer<typeof approvalPreviewSchema>;
