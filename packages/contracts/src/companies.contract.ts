import { z } from 'zod';
import { INTEGRATION_KINDS } from './statuses.contract.ts';
import { emailSchema, passwordSchema } from './auth.contract.ts';
import { idSchema } from './common.contract.ts';

export const integrationKindSchema = z.enum(INTEGRATION_KINDS);
export type IntegrationKind = z.infer<typeof integrationKindSchema>;

export const companySchema = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string(),
  timezone: z.string(),
  graceDays: z.number().int(),
  integrationKind: integrationKindSchema,
  createdAt: z.string(),
  propertyCount: z.number().int(),
  unitCount: z.number().int(),
  staffCount: z.number().int(),
  requireStaffTwoFactor: z.boolean().describe('Staff must set up two-factor sign-in at their next sign-in'),
});
export type Company = z.infer<typeof companySchema>;

export const updateCompanySecurityRequestSchema = z.strictObject({ requireStaffTwoFactor: z.boolean() });
export type UpdateCompanySecurityRequest = z.infer<typeof updateCompanySecurityRequestSchema>;

export const timezoneSchema = z.string().refine(isKnownTimezone, { message: 'Choose a known IANA time zone, e.g. America/Chicago' });

function isKnownTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const createCompanyRequestSchema = z.strictObject({
  name: z.string().trim().min(2, { message: 'Enter the company name' }).max(200),
  slug: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Use lowercase letters, digits and single hyphens' }),
  timezone: timezoneSchema.default('America/New_York'),
  graceDays: z.number().int().min(0).max(31).default(5),
  integrationKind: integrationKindSchema.default('none'),
});
export type CreateCompanyRequest = z.input<typeof createCompanyRequestSchema>;

export const staffUserSchema = z.object({
  id: idSchema,
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  companyId: idSchema,
  createdAt: z.string(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

/**
 * A person's name as it will appear in landlords' screens and email subjects:
 * letters and combining marks, spaces, apostrophes, hyphens and periods, with
 * at least one letter, so CR/LF, a right-to-left override or a name of
 * zero-width spaces cannot ride along. Normalised to NFC, trimmed, inner
 * spaces collapsed.
 */
const NAME_CHARACTERS = /^[\p{L}\p{M} '\u2019.-]+$/u;
export const personNameSchema = z
  .string()
  .overwrite((value) => value.normalize('NFC').trim().replace(/ {2,}/g, ' '))
  .min(1, { message: 'Required', abort: true })
  .max(100)
  .regex(NAME_CHARACTERS, { message: 'Use letters, spaces, apostrophes, hyphens and periods only', abort: true })
  .refine((value) => /\p{L}/u.test(value), { message: 'A name needs at least one letter' });

export const createStaffRequestSchema = z.strictObject({
  firstName: personNameSchema,
  lastName: personNameSchema,
  email: emailSchema,
  phone: z.string().trim().max(30).optional(),
  password: passwordSchema.describe('Initial password, to be given to the staff member'),
});
export type CreateStaffRequest = z.infer<typeof createStaffRequestSchema>;
