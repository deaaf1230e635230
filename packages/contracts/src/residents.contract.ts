import { z } from 'zod';
import { PAYMENT_POLICIES, RESIDENT_SOURCES, RESIDENT_STATUSES } from './statuses.contract.ts';
import { idSchema } from './common.contract.ts';
import { passwordSchema } from './auth.contract.ts';

export const residentStatusSchema = z.enum(RESIDENT_STATUSES);
export type ResidentStatus = z.infer<typeof residentStatusSchema>;
export const residentSourceSchema = z.enum(RESIDENT_SOURCES);
export const paymentPolicySchema = z.enum(PAYMENT_POLICIES);

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
});
export type Resident = z.infer<typeof residentSchema>;

export const listResidentsQuerySchema = z.strictObject({
  status: residentStatusSchema.optional(),
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
