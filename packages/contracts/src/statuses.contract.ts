/**
 * Every closed set of values the database checks, defined once. The zod schemas in the other contracts, the Kysely
 * table types (`apps/server/src/db/database.types.ts`) and the migrations' CHECK constraints all follow these lists;
 * `db/value-sets.integration.test.ts` fails when a CHECK in the migrated database differs from its list here.
 */
export const ROLES = ['landlord', 'resident', 'support'] as const;
export const INTEGRATION_KINDS = ['none', 'file', 'api'] as const;
export const RESIDENT_STATUSES = ['waiting', 'invited', 'pending', 'approved', 'current', 'finished', 'declined'] as const;
export const RESIDENT_SOURCES = ['accounting_invite', 'portal_signup', 'landlord_invite'] as const;
export const PAYMENT_POLICIES = ['any', 'full_balance_only', 'blocked'] as const;
export const ACCOUNTING_STATUSES = ['current', 'notice', 'future', 'past'] as const;
export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export const SYNC_TRIGGERS = ['manual', 'upload', 'approval', 'schedule'] as const;
export const SYNC_FORMATS = ['csv', 'mits', 'buildium', 'yardi'] as const;
export const EMAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export const SUPPORT_KINDS = ['missing_property', 'missing_unit', 'resident_id_conflict', 'other'] as const;
export const SUPPORT_REQUEST_STATUSES = ['open', 'answered', 'resolved'] as const;
export const USER_TOKEN_PURPOSES = ['verify_email', 'password_reset', 'change_email'] as const;
export const BANK_ACCOUNT_TYPES = ['checking', 'savings'] as const;
export const BANK_ACCOUNT_STATUSES = ['validating', 'verified', 'locked', 'disabled', 'blocked'] as const;
export const PAYMENT_STATUSES = ['scheduled', 'processing', 'settled', 'cancelled', 'voided', 'returned'] as const;
/** NACHA's Payment Type Code of a WEB debit: S single (one-time), R recurring (autopay). */
export const PAYMENT_TYPE_CODES = ['S', 'R'] as const;
export const AUTOPAY_KINDS = ['fixed', 'balance'] as const;
export const AUTOPAY_STATUSES = ['active', 'paused', 'cancelled'] as const;
export const AUTHORIZATION_KINDS = ['one_time', 'autopay'] as const;
/** A NACHA file's lines that are not payments (a payment's line is on the payment itself). */
export const ACH_ENTRY_PURPOSES = ['micro_credit', 'micro_debit', 'offset'] as const;
export const RETURN_FILE_SOURCES = ['upload', 'cli', 'sftp'] as const;
export const RETURN_ENTRY_KINDS = ['return', 'noc'] as const;
/** applied: it changed a payment or an account; unmatched: no entry of ours has its trace number; duplicate: applied before. */
export const RETURN_ENTRY_OUTCOMES = ['applied', 'unmatched', 'duplicate'] as const;
/** overdue: the due date plus grace passed and the month is unpaid or short; returned: the bank returned a payment. */
export const RENT_ALERT_KINDS = ['overdue', 'returned'] as const;
/** Why an alert closed: the month was paid (on time or late), marked paid outside, or the lease ended. */
export const RENT_ALERT_RESOLUTIONS = ['paid', 'paid_outside', 'lease_ended'] as const;
/** How a staff user is emailed payment alerts: each at once, or one digest a day at 08:00 company time. */
export const PAYMENT_ALERT_EMAILS = ['immediate', 'daily_digest'] as const;
/** before_due: the resident's reminder before the due date; landlord: the landlord's "Send reminder". */
export const RENT_REMINDER_KINDS = ['before_due', 'landlord'] as const;

/** Which `table.column` each list constrains. */
/** A posting to the accounting system: the settled payment, or its reversal after a return (issue 13). */
export const POSTING_KINDS = ['payment', 'reversal'] as const;
/** Where a posting goes: Buildium's API, Yardi's SOAP import, or the company's daily receipts file (CSV and MITS companies). */
export const POSTING_SYSTEMS = ['buildium', 'yardi', 'receipts_file'] as const;
/** waiting_for_id: the resident has no accounting ID yet; cancelled: the payment came back before it was ever posted. */
export const POSTING_STATUSES = ['waiting_for_id', 'pending', 'posted', 'failed', 'cancelled'] as const;

export const CHECKED_VALUE_SETS = {
  'users.role': ROLES,
  'companies.integration_kind': INTEGRATION_KINDS,
  'residents.status': RESIDENT_STATUSES,
  'residents.source': RESIDENT_SOURCES,
  'residents.payment_policy': PAYMENT_POLICIES,
  'accounting_records.status': ACCOUNTING_STATUSES,
  'sync_runs.status': SYNC_RUN_STATUSES,
  'sync_runs.trigger': SYNC_TRIGGERS,
  'sync_runs.format': SYNC_FORMATS,
  'email_outbox.status': EMAIL_STATUSES,
  'support_requests.kind': SUPPORT_KINDS,
  'support_requests.status': SUPPORT_REQUEST_STATUSES,
  'user_tokens.purpose': USER_TOKEN_PURPOSES,
  'payment_settings.settlement_account_type': BANK_ACCOUNT_TYPES,
  'bank_accounts.account_type': BANK_ACCOUNT_TYPES,
  'bank_accounts.status': BANK_ACCOUNT_STATUSES,
  'autopay_plans.kind': AUTOPAY_KINDS,
  'autopay_plans.status': AUTOPAY_STATUSES,
  'payment_authorizations.kind': AUTHORIZATION_KINDS,
  'payments.payment_type': PAYMENT_TYPE_CODES,
  'payments.status': PAYMENT_STATUSES,
  'ach_entries.purpose': ACH_ENTRY_PURPOSES,
  'ach_return_files.source': RETURN_FILE_SOURCES,
  'ach_return_entries.kind': RETURN_ENTRY_KINDS,
  'ach_return_entries.outcome': RETURN_ENTRY_OUTCOMES,
  'rent_alerts.kind': RENT_ALERT_KINDS,
  'rent_alerts.resolution': RENT_ALERT_RESOLUTIONS,
  'staff_alert_preferences.payment_alert_email': PAYMENT_ALERT_EMAILS,
  'rent_reminders.kind': RENT_REMINDER_KINDS,
  'accounting_postings.kind': POSTING_KINDS,
  'accounting_postings.system': POSTING_SYSTEMS,
  'accounting_postings.status': POSTING_STATUSES,
} as const satisfies Record<string, readonly string[]>;
