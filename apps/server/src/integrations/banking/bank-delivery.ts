/**
 * The one interface the payments module sends NACHA files to the company's bank (the ODFI) through, and reads
 * its return files back from. `sftp-delivery.ts` implements it over SFTP; `host-key.ts` turns what a landlord
 * pastes on the settings page into the fingerprint a target pins.
 */

/** Where and as whom to deliver: one company's bank SFTP account. */
export type SftpTarget = {
  host: string;
  port: number;
  username: string;
  /** The client's private key, OpenSSH or PEM text. Never logged, never in an error message. */
  privateKey: string;
  /** The folder on the server files are put in and read from, e.g. `/inbound`. */
  remoteDir: string;
  /**
   * The pinned SHA-256 fingerprint of the server's host key, base64 as `ssh-keygen -lf` prints it, with or
   * without the `SHA256:` prefix. A server presenting any other key is refused before signing in.
   */
  hostKeySha256: string;
};

export type BankDelivery = {
  /**
   * Puts a file in `remoteDir` under `fileName`, atomically: written as `<fileName>.part`, then renamed, so the
   * bank never picks up half a file. Fails with reason `exists` when a file of that name is there already:
   * a file is never sent twice, nor overwritten.
   */
  upload(target: SftpTarget, fileName: string, content: string | Buffer): Promise<{ remotePath: string }>;
  /** The names of the regular files in `remoteDir` (matching `pattern` when given), sorted; never `.part` files. */
  list(target: SftpTarget, pattern?: RegExp): Promise<string[]>;
  /** One file of `remoteDir`, whole. */
  download(target: SftpTarget, remoteName: string): Promise<Buffer>;
};

export const BANK_DELIVERY_FAILURES = ['host_key_mismatch', 'auth_failed', 'unreachable', 'exists', 'io'] as const;
/**
 * - `host_key_mismatch`: the server's host key is not the pinned one (or the pin is not a fingerprint); nothing was sent
 * - `auth_failed`: the server refused the client key, or the key cannot be read
 * - `unreachable`: no connection (refused, unknown host, timed out, cut off)
 * - `exists`: the file is on the server already; it was not overwritten
 * - `io`: the server answered but an operation failed (no such folder, no permission, no such file)
 */
export type BankDeliveryFailure = (typeof BANK_DELIVERY_FAILURES)[number];

/**
 * Every failure of a delivery. The message names the host, port, user and remote path, and never holds the
 * private key or the file's content.
 */
export class BankDeliveryError extends Error {
  override readonly name = 'BankDeliveryError';

  constructor(
    readonly reason: BankDeliveryFailure,
    message: string,
  ) {
    super(message);
  }

  /** Worth trying again later: the server could not be reached. Every other reason needs a person first. */
  get retryable(): boolean {
    return this.reason === 'unreachable';
  }
}
