import type { SftpTarget } from '../../integrations/banking/bank-delivery.ts';
import type { Encryptor } from '../../lib/encryption.ts';
import type { PaymentSettingsRow } from './payments.repository.ts';

/** The company's bank SFTP account for one of its folders (files out, or returns in), or null when not set up. */
export function bankTargetOf(settings: PaymentSettingsRow, encryptor: Encryptor, folder: string | null): SftpTarget | null {
  if (!settings.sftp_host || !settings.sftp_port || !settings.sftp_username || !settings.sftp_private_key_encrypted || !folder || !settings.sftp_host_key_sha256) return null;
  return {
    host: settings.sftp_host,
    port: settings.sftp_port,
    username: settings.sftp_username,
    privateKey: encryptor.decrypt(settings.sftp_private_key_encrypted),
    remoteDir: folder,
    hostKeySha256: settings.sftp_host_key_sha256,
  };
}
