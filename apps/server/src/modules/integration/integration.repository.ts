import type { Provider } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export type StoredIntegration = {
  companyId: string;
  companyName: string;
  timezone: string;
  provider: Provider;
  settings: Record<string, unknown>;
  secretsEncrypted: string | null;
  csvColumnMapping: Record<string, string>;
  syncHour: number | null;
  lastScheduledSyncOn: string | null;
  /** The company's choice; null while it has made none (`createsPlaces` gives the default). */
  createPropertiesFromAccounting: boolean | null;
  integrationKind: 'none' | 'file' | 'api';
  /** File companies' receipts SFTP; the key still encrypted. */
  receiptsSftp: StoredReceiptsSftp | null;
};

export type StoredReceiptsSftp = { host: string; port: number; username: string; privateKeyEncrypted: string; remoteDir: string; hostKeySha256: string };

export function createIntegrationRepository(db: Kysely<Database>) {
  return {
    async find(companyId: string): Promise<StoredIntegration | undefined> {
      const row = await db
        .selectFrom('companies')
        .select([
          'id',
          'name',
          'timezone',
          'integration_kind',
          'integration_provider',
          'integration_settings',
          'integration_secrets_encrypted',
          'csv_column_mapping',
          'sync_hour',
          'last_scheduled_sync_on',
          'create_properties_from_accounting',
          'receipts_sftp_host',
          'receipts_sftp_port',
          'receipts_sftp_username',
          'receipts_sftp_private_key_encrypted',
          'receipts_sftp_remote_dir',
          'receipts_sftp_host_key_sha256',
        ])
        .where('id', '=', companyId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        companyId: row.id,
        companyName: row.name,
        timezone: row.timezone,
        // Companies set up before a provider was chosen: file import means a rent roll CSV.
        provider: (row.integration_provider as Provider | null) ?? (row.integration_kind === 'file' ? 'csv' : 'none'),
        settings: row.integration_settings ?? {},
        secretsEncrypted: row.integration_secrets_encrypted,
        csvColumnMapping: row.csv_column_mapping ?? {},
        syncHour: row.sync_hour,
        lastScheduledSyncOn: row.last_scheduled_sync_on,
        createPropertiesFromAccounting: row.create_properties_from_accounting,
        integrationKind: row.integration_kind,
        receiptsSftp:
          row.receipts_sftp_host && row.receipts_sftp_port && row.receipts_sftp_username && row.receipts_sftp_private_key_encrypted && row.receipts_sftp_remote_dir !== null && row.receipts_sftp_host_key_sha256
            ? { host: row.receipts_sftp_host, port: row.receipts_sftp_port, username: row.receipts_sftp_username, privateKeyEncrypted: row.receipts_sftp_private_key_encrypted, remoteDir: row.receipts_sftp_remote_dir, hostKeySha256: row.receipts_sftp_host_key_sha256 }
            : null,
      };
    },

    async save(
      trx: Kysely<Database>,
      companyId: string,
      values: {
        provider: Provider;
        settings: Record<string, unknown>;
        secretsEncrypted: string | null;
        csvColumnMapping: Record<string, string>;
        syncHour: number | null;
        createPropertiesFromAccounting: boolean | null;
        receiptsSftp: StoredReceiptsSftp | null;
      },
    ) {
      const kind = values.provider === 'none' ? 'none' : values.provider === 'csv' || values.provider === 'mits' ? 'file' : 'api';
      await trx
        .updateTable('companies')
        .set({
          integration_kind: kind,
          integration_provider: values.provider,
          integration_settings: JSON.stringify(values.settings),
          integration_secrets_encrypted: values.secretsEncrypted,
          csv_column_mapping: JSON.stringify(values.csvColumnMapping),
          sync_hour: values.syncHour,
          create_properties_from_accounting: values.createPropertiesFromAccounting,
          receipts_sftp_host: values.receiptsSftp?.host ?? null,
          receipts_sftp_port: values.receiptsSftp?.port ?? null,
          receipts_sftp_username: values.receiptsSftp?.username ?? null,
          receipts_sftp_private_key_encrypted: values.receiptsSftp?.privateKeyEncrypted ?? null,
          receipts_sftp_remote_dir: values.receiptsSftp?.remoteDir ?? null,
          receipts_sftp_host_key_sha256: values.receiptsSftp?.hostKeySha256 ?? null,
          updated_at: new Date(),
        })
        .where('id', '=', companyId)
        .execute();
    },

    /** API-connected companies whose daily sync has not run today (in their time zone) and whose hour has come. */
    async dueForScheduledSync(): Promise<Array<{ companyId: string; timezone: string; syncHour: number; lastScheduledSyncOn: string | null }>> {
      const rows = await db
        .selectFrom('companies')
        .select(['id', 'timezone', 'sync_hour', 'last_scheduled_sync_on'])
        .where('integration_kind', '=', 'api')
        .where('sync_hour', 'is not', null)
        .execute();
      return rows.map((row) => ({ companyId: row.id, timezone: row.timezone, syncHour: row.sync_hour ?? 0, lastScheduledSyncOn: row.last_scheduled_sync_on }));
    },

    async markScheduled(companyId: string, localDate: string | null) {
      await db.updateTable('companies').set({ last_scheduled_sync_on: localDate }).where('id', '=', companyId).execute();
    },
  };
}

export type IntegrationRepository = ReturnType<typeof createIntegrationRepository>;
