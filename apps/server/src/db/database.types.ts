import type {
  ACCOUNTING_STATUSES,
  ACH_ENTRY_PURPOSES,
  BANK_ACCOUNT_STATUSES,
  BANK_ACCOUNT_TYPES,
  PAYMENT_STATUSES,
  POSTING_KINDS,
  POSTING_STATUSES,
  POSTING_SYSTEMS,
  RETURN_ENTRY_KINDS,
  RETURN_ENTRY_OUTCOMES,
  RETURN_FILE_SOURCES,
  RENT_ALERT_KINDS,
  RENT_ALERT_RESOLUTIONS,
  PAYMENT_ALERT_EMAILS,
  RENT_REMINDER_KINDS,
  EMAIL_STATUSES,
  INTEGRATION_KINDS,
  PAYMENT_POLICIES,
  RESIDENT_SOURCES,
  RESIDENT_STATUSES,
  Role,
  SUPPORT_KINDS,
  SUPPORT_REQUEST_STATUSES,
  SYNC_FORMATS,
  SYNC_RUN_STATUSES,
  SYNC_TRIGGERS,
  USER_TOKEN_PURPOSES,
} from '@rentledger/contracts';
import type { ColumnType, Generated } from 'kysely';

type RentAlertKind = (typeof RENT_ALERT_KINDS)[number];
type RentAlertResolution = (typeof RENT_ALERT_RESOLUTIONS)[number];
type PaymentAlertEmail = (typeof PAYMENT_ALERT_EMAILS)[number];
type RentReminderKind = (typeof RENT_REMINDER_KINDS)[number];

/** Kysely's view of the schema the migrations create. Dates (`date`) come back as 'YYYY-MM-DD' strings. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CalendarDate = ColumnType<string, string, string>;
type JsonSnapshot = ColumnType<unknown, string | null, string | null>;

export interface CompaniesTable {
  id: Generated<string>;
  name: string;
  slug: string;
  timezone: Generated<string>;
  grace_days: Generated<number>;
  integration_kind: Generated<(typeof INTEGRATION_KINDS)[number]>;
  integration_provider: string | null;
  integration_settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  integration_secrets_encrypted: string | null;
  csv_column_mapping: ColumnType<Record<string, string>, string | undefined, string>;
  sync_hour: number | null;
  last_scheduled_sync_on: CalendarDate | null;
  require_staff_two_factor: Generated<boolean>;
  /** Null: the default for the company's kind of connection (on for an API, off otherwise). */
  create_properties_from_accounting: boolean | null;
  /** File companies' receipts SFTP (migration 0020): all set or all null; the key encrypted, the host key pinned. */
  receipts_sftp_host: string | null;
  receipts_sftp_port: number | null;
  receipts_sftp_username: string | null;
  receipts_sftp_private_key_encrypted: string | null;
  receipts_sftp_remote_dir: string | null;
  receipts_sftp_host_key_sha256: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReceiptsDeliveriesTable {
  company_id: string;
  day: CalendarDate;
  delivered_at: NullableTimestamp;
  last_error: string | null;
  attempts: Generated<number>;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  role: Role;
  company_id: string | null;
  first_name: string;
  last_name: string;
  phone: string | null;
  password_hash: string | null;
  disabled_at: NullableTimestamp;
  email_verified_at: NullableTimestamp;
  two_factor_secret_encrypted: string | null;
  two_factor_pending_secret_encrypted: string | null;
  two_factor_enabled_at: NullableTimestamp;
  two_factor_last_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface UserTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: (typeof USER_TOKEN_PURPOSES)[number];
  token_hash: string;
  email: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface TwoFactorRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface LoginChallengesTable {
  id: Generated<string>;
  user_id: string;
  ip: string | null;
  user_agent: string | null;
  failed_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  created_at: Timestamp;
  expires_at: Timestamp;
  completed_at: NullableTimestamp;
}

/** One key's fixed window of a rate limit (lib/rate-limiter.ts); the key is a hash. */
export interface RateLimitsTable {
  scope: string;
  key_hash: string;
  count: number;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  company_id: string;
  created_by: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface PropertiesTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  street: string;
  city: string;
  state: string;
  postal_code: string;
  accounting_code: string | null;
  search_text: ColumnType<string, never, never>;
  street_number: ColumnType<string | null, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitsTable {
  id: Generated<string>;
  property_id: string;
  label: string;
  accounting_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];
export type SyncRunTrigger = (typeof SYNC_TRIGGERS)[number];

/** The properties and units a sync run created (at most MAX_CREATED_PLACES of each; the counts give the totals). */
export type CreatedPlaces = {
  properties: Array<{ id: string; code: string; name: string; address: string }>;
  units: Array<{ id: string; propertyId: string; propertyName: string; label: string; namedByAddress: boolean }>;
};

export interface SyncRunsTable {
  id: Generated<string>;
  company_id: string;
  trigger: SyncRunTrigger;
  status: Generated<SyncRunStatus>;
  progress_processed: Generated<number>;
  progress_total: number | null;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  errors: ColumnType<Array<{ row: number | null; field: string | null; message: string }>, string | undefined, string>;
  message: string | null;
  created_by: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  heartbeat_at: NullableTimestamp;
  source_name: string | null;
  format: (typeof SYNC_FORMATS)[number] | null;
  created_places: ColumnType<CreatedPlaces, string | undefined, string>;
}

export interface SyncRunUploadChunksTable {
  sync_run_id: string;
  seq: number;
  content: Buffer;
  created_at: Generated<Timestamp>;
}

export type AccountingStatus = (typeof ACCOUNTING_STATUSES)[number];

export interface AccountingRecordsTable {
  id: Generated<string>;
  company_id: string;
  accounting_resident_id: string;
  property_code: string | null;
  unit_code: string | null;
  property_id: string | null;
  unit_id: string | null;
  first_name: Generated<string>;
  last_name: Generated<string>;
  emails: ColumnType<string[], string[] | undefined, string[]>;
  phones: ColumnType<string[], string[] | undefined, string[]>;
  lease_start: CalendarDate | null;
  lease_end: CalendarDate | null;
  rent_cents: number | null;
  balance_cents: number | null;
  status: AccountingStatus;
  do_not_accept_payments: Generated<boolean>;
  last_sync_run_id: string | null;
  synced_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];
export type ResidentSource = (typeof RESIDENT_SOURCES)[number];
export type PaymentPolicy = (typeof PAYMENT_POLICIES)[number];

export interface ResidentsTable {
  id: Generated<string>;
  company_id: string;
  user_id: string | null;
  unit_id: string | null;
  property_id: string | null;
  accounting_record_id: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  status: ResidentStatus;
  source: ResidentSource;
  accounting_resident_id: string | null;
  rent_cents: number | null;
  due_day: Generated<number>;
  lease_start: CalendarDate | null;
  lease_end: CalendarDate | null;
  month_to_month: Generated<boolean>;
  balance_cents: number | null;
  payment_policy: Generated<PaymentPolicy>;
  credit_reporting_consent: Generated<boolean>;
  credit_reporting_consent_at: NullableTimestamp;
  declined_reason: string | null;
  approved_at: NullableTimestamp;
  approved_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  deleted_by: string | null;
  version: Generated<number>;
  stated_rent_cents: number | null;
  stated_lease_start: CalendarDate | null;
  stated_lease_end: CalendarDate | null;
  stated_unit_text: string | null;
  pending_since: NullableTimestamp;
  next_reminder_at: NullableTimestamp;
  reminders_sent: Generated<number>;
  declined_at: NullableTimestamp;
  declined_by: string | null;
  merged_into: string | null;
  /** "End lease": the last day the landlord recorded (apart from lease_end, which a sync refreshes), why, by whom, when. */
  lease_ended_on: CalendarDate | null;
  lease_end_reason: string | null;
  lease_ended_by: string | null;
  lease_end_recorded_at: NullableTimestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  resident_id: string;
  token_hash: string;
  email: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  sent_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  idempotency_key: string;
  company_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<(typeof EMAIL_STATUSES)[number]>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface SupportRequestsTable {
  id: Generated<string>;
  company_id: string | null;
  requested_by: string;
  resident_id: string | null;
  kind: (typeof SUPPORT_KINDS)[number];
  message: string;
  context: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<(typeof SUPPORT_REQUEST_STATUSES)[number]>;
  answer: string | null;
  answered_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: NullableTimestamp;
}

export interface AuditEventsTable {
  id: Generated<string>;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  company_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: JsonSnapshot;
  after: JsonSnapshot;
}

export type BankAccountType = (typeof BANK_ACCOUNT_TYPES)[number];
export type BankAccountStatus = (typeof BANK_ACCOUNT_STATUSES)[number];
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export type AchEntryPurpose = (typeof ACH_ENTRY_PURPOSES)[number];
/** PostgreSQL bigint: node-postgres returns it as a string so no digit is lost. */
type BigIntText = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface PaymentSettingsTable {
  company_id: string;
  immediate_destination: string;
  immediate_destination_name: string;
  immediate_origin: string;
  immediate_origin_name: string;
  company_name: string;
  company_identification: string;
  entry_description: Generated<string>;
  odfi_identification: string;
  settlement_account_encrypted: string;
  settlement_account_last4: string;
  settlement_account_type: BankAccountType;
  balanced_files: Generated<boolean>;
  cutoff_time: Generated<string>;
  window_from_day: number | null;
  window_to_day: number | null;
  max_payment_cents: number | null;
  sftp_host: string | null;
  sftp_port: number | null;
  sftp_username: string | null;
  sftp_private_key_encrypted: string | null;
  sftp_remote_dir: string | null;
  sftp_host_key_sha256: string | null;
  next_trace_sequence: ColumnType<string, string | number | undefined, string | number>;
  last_cutoff_file_on: CalendarDate | null;
  retry_returns: Generated<boolean>;
  sftp_returns_dir: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BankAccountsTable {
  id: Generated<string>;
  company_id: string;
  user_id: string;
  holder_name: string;
  account_type: BankAccountType;
  numbers_encrypted: string;
  fingerprint: string;
  last4: string;
  status: Generated<BankAccountStatus>;
  status_reason: string | null;
  micro_credit_1_cents: number;
  micro_credit_2_cents: number;
  verify_tries: Generated<number>;
  verified_at: NullableTimestamp;
  removed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AutopayPlansTable {
  id: Generated<string>;
  company_id: string;
  resident_id: string;
  user_id: string;
  bank_account_id: string;
  day_of_month: number;
  kind: 'fixed' | 'balance';
  amount_cents: number | null;
  cap_cents: number | null;
  status: Generated<'active' | 'paused' | 'cancelled'>;
  last_run_month: string | null;
  last_reminded_month: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: NullableTimestamp;
}

export interface PaymentAuthorizationsTable {
  id: Generated<string>;
  company_id: string;
  resident_id: string;
  user_id: string;
  bank_account_id: string;
  kind: 'one_time' | 'autopay';
  autopay_plan_id: string | null;
  text: string;
  accepted_at: Timestamp;
  ip: string;
  user_agent: string;
  revoked_at: NullableTimestamp;
}

export interface AchFilesTable {
  id: Generated<string>;
  company_id: string;
  file_date: CalendarDate;
  file_id_modifier: string;
  effective_date: CalendarDate;
  content: string;
  sha256: string;
  batch_count: number;
  entry_count: number;
  debit_total_cents: BigIntText;
  credit_total_cents: BigIntText;
  created_by: string | null;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
  delivery_error: string | null;
}

export interface PaymentsTable {
  id: Generated<string>;
  company_id: string;
  resident_id: string;
  user_id: string;
  bank_account_id: string;
  authorization_id: string;
  autopay_plan_id: string | null;
  amount_cents: number;
  payment_type: 'S' | 'R';
  status: Generated<PaymentStatus>;
  scheduled_for: CalendarDate;
  ach_file_id: string | null;
  trace_number: string | null;
  effective_date: CalendarDate | null;
  idempotency_key: string | null;
  status_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  cancelled_at: NullableTimestamp;
  voided_at: NullableTimestamp;
  voided_by: string | null;
  settled_at: NullableTimestamp;
  return_code: string | null;
  returned_at: NullableTimestamp;
  retry_of: string | null;
}

export interface AchReturnFilesTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  sha256: string;
  source: (typeof RETURN_FILE_SOURCES)[number];
  returns: Generated<number>;
  nocs: Generated<number>;
  unmatched: Generated<number>;
  read_by: string | null;
  read_at: Timestamp;
}

export interface AchReturnEntriesTable {
  id: Generated<string>;
  company_id: string;
  return_file_id: string;
  kind: (typeof RETURN_ENTRY_KINDS)[number];
  code: string;
  original_trace_number: string;
  amount_cents: BigIntText;
  corrected_data: string | null;
  payment_id: string | null;
  bank_account_id: string | null;
  outcome: (typeof RETURN_ENTRY_OUTCOMES)[number];
  created_at: Timestamp;
}

export interface AchEntriesTable {
  id: Generated<string>;
  ach_file_id: string;
  purpose: AchEntryPurpose;
  bank_account_id: string | null;
  transaction_code: string;
  amount_cents: BigIntText;
  is_debit: boolean;
  trace_number: string;
}

export interface PaidOutsideMarksTable {
  id: Generated<string>;
  company_id: string;
  resident_id: string;
  month: string;
  amount_cents: number;
  paid_on: CalendarDate;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface RentAlertsTable {
  id: Generated<string>;
  company_id: string;
  resident_id: string;
  month: string;
  kind: RentAlertKind;
  payment_id: string | null;
  amount_cents: number;
  due_cents: number | null;
  received_cents: number | null;
  shortfall_cents: number | null;
  grace_ends_on: CalendarDate | null;
  return_code: string | null;
  return_reason: string | null;
  created_at: Timestamp;
  resolved_at: NullableTimestamp;
  resolution: RentAlertResolution | null;
}

export interface StaffAlertPreferencesTable {
  user_id: string;
  payment_alert_email: ColumnType<PaymentAlertEmail, PaymentAlertEmail | undefined, PaymentAlertEmail>;
  digest_covered_until: NullableTimestamp;
  last_digest_on: CalendarDate | null;
  updated_at: Timestamp;
}

export interface RentAlertDigestItemsTable {
  user_id: string;
  alert_id: string;
  sent_at: Timestamp;
}

export interface RentRemindersTable {
  id: Generated<string>;
  company_id: string;
  resident_id: string;
  month: string;
  kind: RentReminderKind;
  sent_on: CalendarDate;
  sent_by: string | null;
  created_at: Timestamp;
}

export interface AccountingPostingsTable {
  id: Generated<string>;
  company_id: string;
  payment_id: string;
  resident_id: string;
  kind: (typeof POSTING_KINDS)[number];
  system: (typeof POSTING_SYSTEMS)[number];
  idempotency_key: string;
  amount_cents: number;
  status: (typeof POSTING_STATUSES)[number];
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  last_error: string | null;
  external_id: string | null;
  /** The accounting resident ID the posting was sent under (read from the resident when it is sent). */
  accounting_resident_id: string | null;
  /** The property code the posting was sent under (Yardi), kept with the accounting resident ID for its reversal. */
  accounting_property_code: string | null;
  /** The job run that is sending it and until when its claim holds; a claim past its expiry is a send left unanswered. */
  claimed_by: string | null;
  claim_expires_at: NullableTimestamp;
  /** A send went unanswered (a timeout, a lost connection, a run that died mid-send): it may be in the ledger. */
  may_be_recorded: Generated<boolean>;
  posted_at: NullableTimestamp;
  receipts_day: CalendarDate | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  companies: CompaniesTable;
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  rate_limits: RateLimitsTable;
  api_tokens: ApiTokensTable;
  properties: PropertiesTable;
  units: UnitsTable;
  sync_runs: SyncRunsTable;
  sync_run_upload_chunks: SyncRunUploadChunksTable;
  accounting_records: AccountingRecordsTable;
  residents: ResidentsTable;
  invitations: InvitationsTable;
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
  support_requests: SupportRequestsTable;
  audit_events: AuditEventsTable;
  payment_settings: PaymentSettingsTable;
  bank_accounts: BankAccountsTable;
  autopay_plans: AutopayPlansTable;
  payment_authorizations: PaymentAuthorizationsTable;
  ach_files: AchFilesTable;
  payments: PaymentsTable;
  ach_entries: AchEntriesTable;
  ach_return_files: AchReturnFilesTable;
  ach_return_entries: AchReturnEntriesTable;
  paid_outside_marks: PaidOutsideMarksTable;
  accounting_postings: AccountingPostingsTable;
  receipts_deliveries: ReceiptsDeliveriesTable;
  rent_alerts: RentAlertsTable;
  staff_alert_preferences: StaffAlertPreferencesTable;
  rent_reminders: RentRemindersTable;
  rent_alert_digest_items: RentAlertDigestItemsTable;
}
