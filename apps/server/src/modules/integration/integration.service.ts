import type { IntegrationSettings, UpdateIntegrationRequest } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/app-error.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import type { Connection } from '../../integrations/accounting/accounting-source.ts';
import { MAX_CSV_COLUMNS } from '../../integrations/accounting/csv/csv-columns.ts';
import { type Upload, uploadHead } from '../../lib/upload.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { SyncService } from '../sync/sync.service.ts';
import { createsPlaces } from '../sync/places.domain.ts';
import { detectFormat, isScheduledSyncDue } from './integration.domain.ts';
import type { IntegrationRepository, StoredIntegration, StoredReceiptsSftp } from './integration.repository.ts';
import { describeHostKey, HostKeyFormatError } from '../../integrations/banking/host-key.ts';

export type Secrets = { yardiPassword?: string; buildiumClientSecret?: string };
type YardiSettings = { url: string; userName: string; serverName: string; database: string; propertyIds: string[] };
type BuildiumSettings = { baseUrl: string; clientId: string };

type Deps = { db: Kysely<Database>; repository: IntegrationRepository; encryptor: Encryptor; sync: SyncService; now?: () => Date };

function companyOf(principal: Principal): string {
  const companyId = principal.company?.id;
  if (principal.role !== 'landlord' || !companyId) throw forbidden();
  return companyId;
}

/**
 * What a sync run needs of the integration: the connection to open a source
 * with, and a retry for a scheduled run that failed for a passing reason.
 * Built from the repository alone, before the sync service, which the
 * integration service then uses: no cycle between the two.
 */
export function createIntegrationConnections({ repository, encryptor }: { repository: IntegrationRepository; encryptor: Encryptor }) {
  async function load(companyId: string): Promise<StoredIntegration> {
    const stored = await repository.find(companyId);
    if (!stored) throw notFound('Company');
    return stored;
  }

  function secretsOf(stored: StoredIntegration): Secrets {
    return stored.secretsEncrypted ? (JSON.parse(encryptor.decrypt(stored.secretsEncrypted)) as Secrets) : {};
  }

  return {
    load,
    secretsOf,

    /** Settings with decrypted secrets, for the sync job only; never sent to a client. */
    async connectionOf(companyId: string): Promise<Connection> {
      const stored = await load(companyId);
      return { provider: stored.provider, settings: stored.settings, secrets: secretsOf(stored), csvColumnMapping: stored.csvColumnMapping };
    },

    /** A scheduled run that failed for a passing reason is tried again at the next tick. */
    async allowScheduledRetry(companyId: string) {
      await repository.markScheduled(companyId, null);
    },
  };
}

export type IntegrationConnections = ReturnType<typeof createIntegrationConnections>;

export function createIntegrationService({ db, repository, encryptor, sync, now = () => new Date() }: Deps) {
  const connections = createIntegrationConnections({ repository, encryptor });
  const { load, secretsOf } = connections;

  function toSettings(stored: StoredIntegration): IntegrationSettings {
    const secrets = secretsOf(stored);
    const yardi = stored.settings.yardi as YardiSettings | undefined;
    const buildium = stored.settings.buildium as BuildiumSettings | undefined;
    return {
      provider: stored.provider,
      csvColumnMapping: stored.csvColumnMapping,
      syncHour: stored.syncHour,
      timezone: stored.timezone,
      createPropertiesFromAccounting: createsPlaces(stored.createPropertiesFromAccounting, stored.integrationKind),
      createPropertiesFromAccountingIsDefault: stored.createPropertiesFromAccounting === null,
      yardi: yardi ? { ...yardi, passwordSet: Boolean(secrets.yardiPassword) } : null,
      buildium: buildium ? { ...buildium, clientSecretSet: Boolean(secrets.buildiumClientSecret) } : null,
      receiptsSftp: stored.receiptsSftp
        ? { host: stored.receiptsSftp.host, port: stored.receiptsSftp.port, username: stored.receiptsSftp.username, remoteDir: stored.receiptsSftp.remoteDir, hostKeySha256: stored.receiptsSftp.hostKeySha256, hasPrivateKey: true }
        : null,
    };
  }

  /** The receipts SFTP to store: kept when omitted, cleared by null or by a provider that is not a file. */
  function receiptsSftpOf(stored: StoredIntegration, input: UpdateIntegrationRequest): StoredReceiptsSftp | null {
    const isFile = input.provider === 'csv' || input.provider === 'mits';
    if (input.receiptsSftp === undefined) return isFile ? stored.receiptsSftp : null;
    if (input.receiptsSftp === null) return null;
    if (!isFile) throw invalid([{ path: 'receiptsSftp', message: 'Receipts by SFTP are for file companies (CSV or MITS); an API connection posts payments itself' }]);
    const given = input.receiptsSftp;
    const problems: Array<{ path: string; message: string }> = [];
    let hostKeySha256 = '';
    try {
      hostKeySha256 = describeHostKey(given.hostKey).sha256;
    } catch (error) {
      if (!(error instanceof HostKeyFormatError)) throw error;
      problems.push({ path: 'receiptsSftp.hostKey', message: "Paste the server's host key fingerprint (SHA256:...) or its public key line (ssh-ed25519 AAAA...)" });
    }
    const privateKey = given.privateKey?.trim();
    if (privateKey && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) problems.push({ path: 'receiptsSftp.privateKey', message: 'Paste the whole private key, from -----BEGIN to -----END (OpenSSH or PEM, unencrypted)' });
    if (!privateKey && !stored.receiptsSftp) problems.push({ path: 'receiptsSftp.privateKey', message: 'Required: the private key the SFTP server authorized' });
    if (problems.length > 0) throw invalid(problems);
    return {
      host: given.host,
      port: given.port ?? 22,
      username: given.username,
      remoteDir: given.remoteDir,
      hostKeySha256,
      privateKeyEncrypted: privateKey ? encryptor.encrypt(`${privateKey}\n`) : (stored.receiptsSftp?.privateKeyEncrypted ?? ''),
    };
  }

  return {
    connectionOf: connections.connectionOf,

    async get(principal: Principal): Promise<IntegrationSettings> {
      return toSettings(await load(companyOf(principal)));
    },

    async update(principal: Principal, input: UpdateIntegrationRequest): Promise<IntegrationSettings> {
      const companyId = companyOf(principal);
      const stored = await load(companyId);
      const secrets = secretsOf(stored);
      const settings: Record<string, unknown> = { ...stored.settings };
      const mappedColumns = Object.keys(input.csvColumnMapping ?? {}).length;
      if (mappedColumns > MAX_CSV_COLUMNS) {
        throw invalid([{ path: 'csvColumnMapping', message: `A column mapping has at most ${MAX_CSV_COLUMNS} columns (this one has ${mappedColumns.toLocaleString('en-US')}); map the rent roll's columns only` }]);
      }
      if (input.provider === 'yardi' && !input.yardi && !settings.yardi) throw invalid([{ path: 'yardi', message: 'Give the Yardi connection settings' }]);
      if (input.provider === 'buildium' && !input.buildium && !settings.buildium) throw invalid([{ path: 'buildium', message: 'Give the Buildium connection settings' }]);
      if (input.yardi) {
        const { password, ...rest } = input.yardi;
        settings.yardi = rest;
        if (password) secrets.yardiPassword = password;
        if (!secrets.yardiPassword) throw invalid([{ path: 'yardi.password', message: 'Enter the Yardi password' }]);
      }
      if (input.buildium) {
        const { clientSecret, ...rest } = input.buildium;
        settings.buildium = rest;
        if (clientSecret) secrets.buildiumClientSecret = clientSecret;
        if (!secrets.buildiumClientSecret) throw invalid([{ path: 'buildium.clientSecret', message: 'Enter the Buildium client secret' }]);
      }
      const syncHour = input.syncHour === undefined ? stored.syncHour : input.syncHour;
      if (syncHour !== null && input.provider !== 'yardi' && input.provider !== 'buildium') {
        throw invalid([{ path: 'syncHour', message: 'Daily syncs need an API connection (Yardi or Buildium)' }]);
      }
      // Unchosen, the setting keeps following the connection's kind (an API creates, a file does not).
      const createPropertiesFromAccounting = input.createPropertiesFromAccounting ?? stored.createPropertiesFromAccounting;
      const receiptsSftp = receiptsSftpOf(stored, input);
      const visibleSftp = (value: StoredReceiptsSftp | null) => (value ? { host: value.host, port: value.port, username: value.username, remoteDir: value.remoteDir, hostKeySha256: value.hostKeySha256 } : null);
      await db.transaction().execute(async (trx) => {
        await repository.save(trx, companyId, {
          provider: input.provider,
          settings,
          secretsEncrypted: Object.keys(secrets).length > 0 ? encryptor.encrypt(JSON.stringify(secrets)) : null,
          csvColumnMapping: input.csvColumnMapping ?? stored.csvColumnMapping,
          syncHour,
          createPropertiesFromAccounting,
          receiptsSftp,
        });
        await recordAudit(trx, {
          actorUserId: principal.userId,
          companyId,
          action: 'integration.updated',
          entityType: 'company',
          entityId: companyId,
          before: {
            provider: stored.provider,
            settings: stored.settings,
            syncHour: stored.syncHour,
            csvColumnMapping: stored.csvColumnMapping,
            createPropertiesFromAccounting: stored.createPropertiesFromAccounting,
            receiptsSftp: visibleSftp(stored.receiptsSftp),
          },
          after: {
            provider: input.provider,
            settings,
            syncHour,
            createPropertiesFromAccounting,
            csvColumnMapping: input.csvColumnMapping ?? stored.csvColumnMapping,
            secretsChanged: Boolean(input.yardi?.password || input.buildium?.clientSecret),
            receiptsSftp: visibleSftp(receiptsSftp),
            receiptsSftpKeyChanged: Boolean(input.receiptsSftp?.privateKey),
          },
        });
      });
      return toSettings(await load(companyId));
    },

    async importFile(principal: Principal, file: { upload: Upload; name: string; format: 'csv' | 'mits' | undefined }) {
      const companyId = companyOf(principal);
      if (file.upload.sizeBytes === 0) throw invalid([{ path: 'file', message: 'The file is empty' }]);
      const format = file.format ?? detectFormat(await uploadHead(file.upload));
      const syncRunId = await sync.start(principal.userId, companyId, { trigger: 'upload', format, sourceName: file.name.slice(0, 200), upload: file.upload });
      return { syncRunId };
    },

    async syncNow(principal: Principal, trigger: 'manual' | 'approval' = 'manual') {
      const companyId = companyOf(principal);
      const stored = await load(companyId);
      if (stored.provider !== 'yardi' && stored.provider !== 'buildium') {
        throw conflict('no_api_connection', 'Sync Now needs an API connection (Yardi or Buildium); upload a rent roll file instead');
      }
      const syncRunId = await sync.start(principal.userId, companyId, { trigger, format: stored.provider, sourceName: null });
      return { syncRunId };
    },

    /** Starts each API-connected company's daily sync once its local hour has come. */
    async startDueScheduledSyncs(): Promise<string[]> {
      const started: string[] = [];
      for (const company of await repository.dueForScheduledSync()) {
        const { due, localDate } = isScheduledSyncDue(company, now());
        if (!due) continue;
        const stored = await load(company.companyId);
        try {
          started.push(await sync.start(null, company.companyId, { trigger: 'schedule', format: stored.provider as 'yardi' | 'buildium', sourceName: null }));
          await repository.markScheduled(company.companyId, localDate);
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'sync_in_progress')) throw error;
        }
      }
      return started;
    },

    allowScheduledRetry: connections.allowScheduledRetry,
  };
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;
