import { z } from 'zod';
import { idSchema } from './common.contract.ts';

/**
 * The plain-words name of every action the server records. `audit-actions.test.ts` reads the actions the server's
 * code writes and fails on one missing here, so a new action cannot reach the log as a bare code.
 */
export const AUDIT_ACTION_NAMES = {
  'accounting_posting.retried': 'Posting to the accounting system retried',
  'ach_file.created': 'NACHA file created',
  'ach_return_file.read': 'Bank return file read',
  'api_token.created': 'API token created',
  'autopay.cancelled': 'Autopay cancelled',
  'autopay.changed': 'Autopay changed',
  'autopay.paused': 'Autopay paused',
  'autopay.resumed': 'Autopay resumed',
  'autopay.set': 'Autopay set up',
  'autopay.skipped': 'Autopay skipped a month',
  'bank_account.added': 'Bank account added',
  'bank_account.corrected': 'Bank account corrected by the bank (NOC)',
  'bank_account.returned': 'Small deposits returned by the bank',
  'bank_account.locked': 'Bank account locked (3 wrong tries)',
  'bank_account.removed': 'Bank account removed',
  'bank_account.verified': 'Bank account verified',
  'bank_account.verify_failed': 'Bank account confirmation failed',
  'payment.cancelled': 'Payment cancelled',
  'payment.created': 'Payment made',
  'payment.returned': 'Payment returned by the bank',
  'payment.voided': 'Payment voided',
  'payment_settings.created': 'Bank settings set up',
  'rent.paid_outside': 'Rent marked paid outside RentLedger',
  'rent.reminder_sent': 'Rent reminder sent to the resident',
  'alert_preferences.changed': 'Payment alert emails changed',
  'payment_settings.updated': 'Bank settings changed',
  'api_token.revoked': 'API token revoked',
  'company.created': 'Company created',
  'company.security_changed': 'Company security settings changed',
  'demo_data.loaded': 'Demo data loaded',
  'integration.updated': 'Accounting integration settings changed',
  'invitation.accepted': 'Invitation accepted',
  'invitation.resent': 'Invitation sent again',
  'property.created': 'Property created',
  'resident.approved': 'Resident approved',
  'resident.declined': 'Resident declined',
  'resident.deleted': 'Resident deleted',
  'resident.edited': 'Resident edited',
  'resident.finished': 'Resident moved out (from the accounting system)',
  'resident.invited': 'Resident invited',
  'resident.lease_end_scheduled': 'Lease end scheduled',
  'resident.lease_ended': 'Lease ended',
  'resident.merged': 'Resident merged into another',
  'resident.merged_accounting_id': 'Resident linked to an accounting ID already in use',
  'resident.signed_up': 'Resident stated a residency',
  'resident.synced': 'Resident updated from the accounting system',
  'resident_account.created': 'Resident account created',
  'residents.imported': 'Residents imported',
  'session.revoked': 'Session signed out',
  'staff_user.created': 'Staff user created',
  'support_request.answered': 'Support request answered',
  'support_request.opened': 'Support request opened',
  'support_request.resolved': 'Support request resolved',
  'support_user.created': 'Support user created',
  'sync_run.started': 'Sync run started',
  'two_factor.disabled': 'Two-factor sign-in turned off',
  'two_factor.enabled': 'Two-factor sign-in turned on',
  'two_factor.failed': 'Two-factor code refused',
  'two_factor.signed_in': 'Signed in with two-factor',
  'unit.created': 'Unit created',
  'user.email_change_requested': 'Email change requested',
  'user.email_changed': 'Email changed',
  'user.email_verified': 'Email verified',
  'user.password_changed': 'Password changed',
  'user.password_reset': 'Password reset',
  'user.password_reset_requested': 'Password reset requested',
  'user.signup_attempted_existing': 'Sign-up tried with an email already in use',
  'user.verification_resent': 'Verification email sent again',
} as const satisfies Record<string, string>;

/** The name of an action; an action recorded by an older version and since renamed falls back to its code in words. */
export function auditActionName(action: string): string {
  const known = (AUDIT_ACTION_NAMES as Record<string, string>)[action];
  if (known) return known;
  const words = action.replaceAll(/[._]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The kinds of record an event is about, with the name shown for the kind. */
export const AUDIT_ENTITY_TYPE_NAMES = {
  resident: 'Resident',
  property: 'Property',
  unit: 'Unit',
  user: 'User',
  company: 'Company',
  sync_run: 'Sync run',
  support_request: 'Support request',
  api_token: 'API token',
  session: 'Session',
  system: 'System',
} as const satisfies Record<string, string>;

export function auditEntityTypeName(entityType: string): string {
  return (AUDIT_ENTITY_TYPE_NAMES as Record<string, string>)[entityType] ?? entityType;
}

export const auditEventSchema = z.object({
  id: idSchema,
  occurredAt: z.string(),
  actor: z.object({ id: idSchema, email: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  actionName: z.string().describe('The action in plain words, e.g. "Resident approved"'),
  entityType: z.string(),
  entityId: z.string().nullable(),
  entityName: z
    .string()
    .nullable()
    .describe("The record's current name (a resident's name and unit, a property's name, a user's email...); null when the record no longer exists"),
  entityDeleted: z.boolean().describe('The record was deleted since (its ID stays)'),
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const listAuditEventsQuerySchema = z.strictObject({
  companyId: idSchema.optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().trim().min(1).max(100).optional().describe("One record's history, with entityType"),
  action: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditEventsQuery = z.input<typeof listAuditEventsQuerySchema>;

export const auditEventListSchema = z.object({ items: z.array(auditEventSchema), total: z.number().int() });
