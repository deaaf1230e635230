import { z } from 'zod';
import { SYNC_FORMATS, SYNC_RUN_STATUSES, SYNC_TRIGGERS } from './statuses.contract.ts';
import { idSchema } from './common.contract.ts';

export const syncFormatSchema = z.enum(SYNC_FORMATS);
export const PROVIDERS = ['none', 'csv', 'mits', 'buildium', 'yardi'] as const;
export const providerSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof providerSchema>;

export const syncRunStatusSchema = z.enum(SYNC_RUN_STATUSES);
export const syncTriggerSchema = z.enum(SYNC_TRIGGERS);

export const syncCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  invited: z.number().int(),
  waiting: z.number().int(),
  finished: z.number().int(),
  errors: z.number().int().describe('Rows in error: one row may have several problems'),
  problems: z.number().int().describe('Problems found, each a row error; an error of the whole file names no row'),
  propertiesCreated: z.number().int(),
  unitsCreated: z.number().int(),
});
export type SyncCounts = z.infer<typeof syncCountsSchema>;

export const rowErrorSchema = z.object({ row: z.number().int().nullable(), field: z.string().nullable(), message: z.string() });

/** What a run created, at most 1,000 of each (the counts give the totals). */
export const createdPlacesSchema = z.object({
  properties: z.array(z.object({ id: idSchema, code: z.string(), name: z.string(), address: z.string() })),
  units: z.array(
    z.object({
      id: idSchema,
      propertyId: idSchema,
      propertyName: z.string(),
      label: z.string(),
      namedByAddress: z.boolean().describe("The one unit of a single-family property, named by the property's address"),
    }),
  ),
});
export type CreatedPlaces = z.infer<typeof createdPlacesSchema>;

export const syncRunSchema = z.object({
  id: idSchema,
  companyId: idSchema,
  status: syncRunStatusSchema,
  trigger: syncTriggerSchema,
  format: syncFormatSchema.nullable(),
  sourceName: z.string().nullable(),
  progress: z.object({ processed: z.number().int(), total: z.number().int().nullable() }),
  counts: syncCountsSchema,
  errors: z.array(rowErrorSchema),
  createdPlaces: createdPlacesSchema,
  message: z.string().nullable(),
  createdBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

/** A page of the sync history, newest first; `nextCursor` asks for the next page (`?cursor=`), null on the last. */
export const syncRunListSchema = z.object({ items: z.array(syncRunSchema), nextCursor: z.string().nullable() });
export const SYNC_RUN_PAGE_DEFAULT = 50;
export const SYNC_RUN_PAGE_MAX = 100;
export const syncRunListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(SYNC_RUN_PAGE_MAX).default(SYNC_RUN_PAGE_DEFAULT),
  cursor: idSchema.optional(),
});
export const startSyncResponseSchema = z.object({ syncRunId: idSchema });

const urlSchema = z.url({ message: 'Enter a full URL, e.g. https://example.com/api' });

/** File companies (csv, mits): where the daily receipts CSV is put by SFTP once the day has ended. The key is never answered. */
export const receiptsSftpSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  remoteDir: z.string(),
  hostKeySha256: z.string().describe('The pinned SHA-256 fingerprint of the server host key (base64, as ssh-keygen -lf prints it)'),
  hasPrivateKey: z.boolean(),
});
export type ReceiptsSftp = z.infer<typeof receiptsSftpSchema>;

export const receiptsSftpInputSchema = z.strictObject({
  host: z.string().trim().min(1, { message: 'Enter the SFTP server host name' }).max(255),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().trim().min(1, { message: 'Enter the SFTP user name' }).max(200),
  privateKey: z.string().min(1).max(20_000).optional().describe('Write-only; omit to keep the stored one'),
  remoteDir: z.string().trim().max(500).describe('The folder files are put in, e.g. /inbound ("" for the login folder)'),
  hostKey: z.string().trim().min(1, { message: "Paste the server's host key" }).max(20_000).describe('A SHA256: fingerprint or the public key line; pinned'),
});
export type ReceiptsSftpInput = z.input<typeof receiptsSftpInputSchema>;

/** Settings as stored and shown: secrets are never returned, only whether one is set. */
export const integrationSettingsSchema = z.object({
  provider: providerSchema,
  csvColumnMapping: z.record(z.string(), z.string()),
  syncHour: z.number().int().min(0).max(23).nullable(),
  timezone: z.string(),
  createPropertiesFromAccounting: z
    .boolean()
    .describe('Whether a sync run may create the properties and units the accounting system names that RentLedger does not have'),
  createPropertiesFromAccountingIsDefault: z.boolean().describe("True while the company has not chosen: on for an API connection, off for files"),
  yardi: z
    .object({
      url: z.string(),
      userName: z.string(),
      serverName: z.string(),
      database: z.string(),
      propertyIds: z.array(z.string()),
      passwordSet: z.boolean(),
    })
    .nullable(),
  buildium: z.object({ baseUrl: z.string(), clientId: z.string(), clientSecretSet: z.boolean(), paymentGlAccountId: z.number().int().optional().describe('The income GL account posted payments are booked to') }).nullable(),
  receiptsSftp: receiptsSftpSchema.nullable().optional().describe('File companies only: the receipts CSV delivered by SFTP; null when not set'),
});
export type IntegrationSettings = z.infer<typeof integrationSettingsSchema>;

export const updateIntegrationRequestSchema = z.strictObject({
  provider: providerSchema,
  csvColumnMapping: z.record(z.string().max(100), z.string().max(50)).optional(),
  syncHour: z.number().int().min(0).max(23).nullable().optional(),
  createPropertiesFromAccounting: z.boolean().optional().describe('Omit to keep the current choice'),
  yardi: z
    .strictObject({
      url: urlSchema,
      userName: z.string().trim().min(1).max(200),
      password: z.string().min(1).max(500).optional().describe('Write-only; omit to keep the stored one'),
      serverName: z.string().trim().min(1).max(200),
      database: z.string().trim().min(1).max(200),
      propertyIds: z.array(z.string().trim().min(1).max(50)).min(1, { message: 'Give at least one Yardi property ID' }).max(500),
    })
    .optional(),
  buildium: z
    .strictObject({
      baseUrl: urlSchema,
      clientId: z.string().trim().min(1).max(200),
      clientSecret: z.string().min(1).max(500).optional().describe('Write-only; omit to keep the stored one'),
      paymentGlAccountId: z.number().int().positive().optional().describe('The income GL account posted payments are booked to; needed to post payments back'),
    })
    .optional(),
  receiptsSftp: receiptsSftpInputSchema.nullable().optional().describe('File companies (csv, mits) only: omit to keep, null to stop sending by SFTP'),
});
export type UpdateIntegrationRequest = z.infer<typeof updateIntegrationRequestSchema>;

export const columnSuggestionSchema = z.object({
  mapping: z.record(z.string(), z.string()),
  unmatched: z.array(z.string()),
  missingRequired: z.array(z.string()),
});

/** The fields a rent roll column can feed, with the words landlords see ("" in a mapping ignores a column). */
export const CSV_FIELD_LABELS = {
  property_code: 'Property code',
  property_name: 'Property name',
  address: 'Address',
  city: 'City',
  state: 'State',
  postal_code: 'ZIP code',
  unit: 'Unit',
  resident_id: 'Resident ID',
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Full name',
  email: 'Email',
  phone: 'Phone',
  lease_start: 'Lease start',
  lease_end: 'Lease end',
  rent: 'Rent',
  balance: 'Balance',
  status: 'Status',
  do_not_accept_payments: 'Do not accept payments',
} as const;
export type CsvField = keyof typeof CSV_FIELD_LABELS;
export const CSV_FIELDS = Object.keys(CSV_FIELD_LABELS) as CsvField[];
