import type { PaymentSettings, PaymentSettingsInput } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { type FieldError, invalid, notFound } from '../../lib/app-error.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { AccountNumbers } from './bank-accounts.service.ts';
import { paymentWindowProblem } from './payment-rules.domain.ts';
import { windowOf } from './payments.service.ts';
import type { PaymentSettingsRow, PaymentsRepository } from './payments.repository.ts';
import { checkRoutingNumber, last4 } from './routing-number.domain.ts';

type Deps = { db: Kysely<Database>; repository: PaymentsRepository; encryptor: Encryptor; hostKeyFingerprint: (hostKey: string) => string | null; now?: () => Date };

/** The bank's settings as a landlord sees them: no secret (the settlement account and the SFTP key) comes back. */
function toSettings(row: PaymentSettingsRow | undefined, timezone: string, encryptor: Encryptor): PaymentSettings {
  if (!row) {
    return {
      configured: false,
      immediateDestination: '',
      immediateDestinationName: '',
      immediateOrigin: '',
      immediateOriginName: '',
      companyName: '',
      companyIdentification: '',
      entryDescription: 'RENT',
      odfiIdentification: '',
      settlementRoutingLast4: '',
      settlementAccountLast4: '',
      settlementAccountType: 'checking',
      balancedFiles: false,
      retryReturns: true,
      cutoffTime: '19:45',
      timezone,
      paymentWindow: { kind: 'any_day' },
      maxPaymentCents: null,
      sftp: null,
    };
  }
  const settlement = JSON.parse(encryptor.decrypt(row.settlement_account_encrypted)) as AccountNumbers;
  return {
    configured: true,
    immediateDestination: row.immediate_destination,
    immediateDestinationName: row.immediate_destination_name,
    immediateOrigin: row.immediate_origin,
    immediateOriginName: row.immediate_origin_name,
    companyName: row.company_name,
    companyIdentification: row.company_identification,
    entryDescription: row.entry_description,
    odfiIdentification: row.odfi_identification,
    settlementRoutingLast4: last4(settlement.routingNumber),
    settlementAccountLast4: row.settlement_account_last4,
    settlementAccountType: row.settlement_account_type,
    balancedFiles: row.balanced_files,
    retryReturns: row.retry_returns,
    cutoffTime: row.cutoff_time,
    timezone,
    paymentWindow: windowOf(row),
    maxPaymentCents: row.max_payment_cents,
    sftp:
      row.sftp_host && row.sftp_port && row.sftp_username && row.sftp_remote_dir && row.sftp_host_key_sha256
        ? { host: row.sftp_host, port: row.sftp_port, username: row.sftp_username, remoteDir: row.sftp_remote_dir, returnsDir: row.sftp_returns_dir, hostKeySha256: row.sftp_host_key_sha256, hasPrivateKey: Boolean(row.sftp_private_key_encrypted) }
        : null,
  };
}

/**
 * The originator settings a company's bank gives it. Routing numbers are checked by their check digit; the
 * settlement account and the SFTP private key are encrypted, and a change that leaves them out keeps the stored
 * ones. The audit event says what changed without either secret.
 */
export function createPaymentSettingsService({ db, repository, encryptor, hostKeyFingerprint, now = () => new Date() }: Deps) {
  async function companyOf(principal: Principal) {
    const company = principal.company ? await repository.companyOf(principal.company.id) : undefined;
    if (!company) throw notFound('Company', 'company_not_found');
    return company;
  }

  async function get(principal: Principal): Promise<PaymentSettings> {
    const company = await companyOf(principal);
    return toSettings(await repository.settingsOf(company.id), company.timezone, encryptor);
  }

  async function put(principal: Principal, input: PaymentSettingsInput & { entryDescription: string; retryReturns?: boolean }): Promise<PaymentSettings> {
    const company = await companyOf(principal);
    const stored = await repository.settingsOf(company.id);
    const problems: FieldError[] = [];
    for (const field of ['immediateDestination', 'settlementRoutingNumber'] as const) {
      const check = checkRoutingNumber(input[field]);
      if (!check.ok) problems.push({ path: field, message: check.message });
    }
    if (input.paymentWindow.kind === 'days') {
      const problem = paymentWindowProblem(input.paymentWindow);
      if (problem) problems.push({ path: 'paymentWindow', message: problem });
    }
    const storedSettlement = stored ? (JSON.parse(encryptor.decrypt(stored.settlement_account_encrypted)) as AccountNumbers) : null;
    const accountNumber = input.settlementAccountNumber ?? storedSettlement?.accountNumber;
    if (!accountNumber) problems.push({ path: 'settlementAccountNumber', message: 'Required: the account your rent is paid into' });
    let hostKeySha256: string | null = null;
    if (input.sftp) {
      hostKeySha256 = hostKeyFingerprint(input.sftp.hostKey);
      if (!hostKeySha256) problems.push({ path: 'sftp.hostKey', message: "Paste the bank's host key fingerprint (SHA256:...) or its public key line (ssh-ed25519 AAAA...)" });
      if (!input.sftp.privateKey && !stored?.sftp_private_key_encrypted) problems.push({ path: 'sftp.privateKey', message: 'Required: the private key your bank authorized' });
    }
    if (problems.length > 0 || !accountNumber) throw invalid(problems, problems[0]?.message);
    const settlement: AccountNumbers = { routingNumber: input.settlementRoutingNumber, accountNumber };
    const at = now();
    const values = {
      company_id: company.id,
      immediate_destination: input.immediateDestination,
      immediate_destination_name: input.immediateDestinationName,
      immediate_origin: input.immediateOrigin,
      immediate_origin_name: input.immediateOriginName,
      company_name: input.companyName,
      company_identification: input.companyIdentification,
      entry_description: input.entryDescription.toUpperCase(),
      // Batch headers and trace numbers carry the originating bank's first 8 routing digits.
      odfi_identification: input.immediateDestination.slice(0, 8),
      settlement_account_encrypted: encryptor.encrypt(JSON.stringify(settlement)),
      settlement_account_last4: last4(accountNumber),
      settlement_account_type: input.settlementAccountType,
      balanced_files: input.balancedFiles,
      retry_returns: input.retryReturns ?? true,
      cutoff_time: input.cutoffTime,
      window_from_day: input.paymentWindow.kind === 'days' ? input.paymentWindow.fromDay : null,
      window_to_day: input.paymentWindow.kind === 'days' ? input.paymentWindow.toDay : null,
      max_payment_cents: input.maxPaymentCents,
      sftp_host: input.sftp?.host ?? null,
      sftp_port: input.sftp?.port ?? null,
      sftp_username: input.sftp?.username ?? null,
      sftp_private_key_encrypted: input.sftp ? (input.sftp.privateKey ? encryptor.encrypt(input.sftp.privateKey) : (stored?.sftp_private_key_encrypted ?? null)) : null,
      sftp_remote_dir: input.sftp?.remoteDir ?? null,
      sftp_returns_dir: input.sftp?.returnsDir ?? null,
      sftp_host_key_sha256: hostKeySha256,
    };
    await db.transaction().execute(async (trx) => {
      await repository.upsertSettings(trx, values, at);
      const { settlement_account_encrypted: _account, sftp_private_key_encrypted: _key, ...visible } = values;
      await recordAudit(trx, {
        actorUserId: principal.userId,
        companyId: company.id,
        action: stored ? 'payment_settings.updated' : 'payment_settings.created',
        entityType: 'payment_settings',
        entityId: company.id,
        after: { ...visible, settlementAccountChanged: Boolean(input.settlementAccountNumber), sftpKeyChanged: Boolean(input.sftp?.privateKey) },
      });
    });
    return get(principal);
  }

  return { get, put };
}

export type PaymentSettingsService = ReturnType<typeof createPaymentSettingsService>;
