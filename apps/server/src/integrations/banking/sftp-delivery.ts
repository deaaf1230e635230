import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { type BankDelivery, BankDeliveryError, type BankDeliveryFailure, type SftpTarget } from './bank-delivery.ts';
import { fingerprintOfBlob, normalizeFingerprint } from './host-key.ts';

/**
 * BankDelivery over SFTP (ssh2-sftp-client). One connection per call, always ended. The server's host key
 * must match the target's pinned fingerprint, checked in the key exchange before any key is offered.
 */

export type SftpDeliveryOptions = {
  /** TCP connect plus SSH handshake and sign-in. */
  readyTimeoutMs?: number;
  /** A whole call, connection included; past it the connection is cut and the call fails as `unreachable`. */
  operationTimeoutMs?: number;
};

const PART_SUFFIX = '.part';

export function createSftpDelivery(options: SftpDeliveryOptions = {}): BankDelivery {
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  const operationTimeoutMs = options.operationTimeoutMs ?? 120_000;

  /** Connects, runs `work`, ends the connection whatever happened; every failure becomes a BankDeliveryError. */
  async function withSftp<T>(target: SftpTarget, secrets: Secrets, work: (sftp: SftpClient) => Promise<T>): Promise<T> {
    const where = `${target.username}@${target.host}:${target.port}`;
    const pinned = normalizeFingerprint(target.hostKeySha256);
    if (!pinned) {
      throw new BankDeliveryError('host_key_mismatch', `The pinned host key for ${where} is not a SHA-256 fingerprint (expected base64 as "ssh-keygen -lf" prints it); nothing was sent`);
    }
    let presented: string | null = null;
    // The library's default listeners write to the console; the errors it sees also reach the promises below.
    const sftp = new SftpClient('bank', { error: () => {}, end: () => {}, close: () => {} });
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        cut(sftp);
        reject(new BankDeliveryError('unreachable', `The bank's SFTP server ${where} did not finish within ${operationTimeoutMs / 1000} s; the connection was cut`));
      }, operationTimeoutMs);
    });
    try {
      const connected = sftp
        .connect({
          host: target.host,
          port: target.port,
          username: target.username,
          privateKey: target.privateKey,
          readyTimeout: readyTimeoutMs,
          // Without hostHash, ssh2 passes the key's wire blob: hashed here as OpenSSH does (base64, not hex).
          hostVerifier: (key: Buffer) => {
            presented = fingerprintOfBlob(key);
            return presented === pinned;
          },
        })
        .catch((error: unknown) => {
          throw connectFailure(error, where, pinned, presented, secrets);
        });
      await Promise.race([connected, deadline]);
      return await Promise.race([
        work(sftp).catch((error: unknown) => {
          if (error instanceof BankDeliveryError) throw error;
          if (timedOut) throw new BankDeliveryError('unreachable', `The bank's SFTP server ${where} did not finish within ${operationTimeoutMs / 1000} s`);
          throw new BankDeliveryError(isConnectionLoss(error) ? 'unreachable' : 'io', `SFTP ${where}: ${detail(error, secrets)}`);
        }),
        deadline,
      ]);
    } finally {
      clearTimeout(timer);
      await end(sftp);
    }
  }

  return {
    async upload(target, fileName, content) {
      const finalPath = remotePathOf(target, fileName);
      const partPath = `${finalPath}${PART_SUFFIX}`;
      const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      const where = `${target.username}@${target.host}:${target.port}`;
      const alreadyThere = () => new BankDeliveryError('exists', `${finalPath} is on ${where} already: a file is never sent twice, so it was not overwritten`);
      return withSftp(target, secretsOf(target, body), async (sftp) => {
        if (await sftp.exists(finalPath)) throw alreadyThere();
        try {
          // A .part left by an earlier attempt that failed is written over: it was never picked up.
          await sftp.put(body, partPath);
          const written = Number((await sftp.stat(partPath)).size);
          if (written !== body.length) throw new Error(`${partPath} holds ${written} bytes, not the ${body.length} written`);
        } catch (error) {
          await sftp.delete(partPath, true).catch(() => {});
          throw error;
        }
        try {
          // SFTP's rename (protocol version 3, not posix-rename@openssh.com) fails when the new name exists,
          // so an upload racing this one for the name is never overwritten.
          await sftp.rename(partPath, finalPath);
        } catch (error) {
          await sftp.delete(partPath, true).catch(() => {});
          if (await sftp.exists(finalPath).catch(() => false)) throw alreadyThere();
          throw error;
        }
        return { remotePath: finalPath };
      });
    },

    async list(target, pattern) {
      const dir = remoteDirOf(target);
      return withSftp(target, secretsOf(target), async (sftp) => {
        const entries = await sftp.list(dir);
        return entries
          .filter((entry) => entry.type === '-' && !entry.name.endsWith(PART_SUFFIX) && (!pattern || matches(pattern, entry.name)))
          .map((entry) => entry.name)
          .sort();
      });
    },

    async download(target, remoteName) {
      const path = remotePathOf(target, remoteName);
      return withSftp(target, secretsOf(target), async (sftp) => {
        const data = await sftp.get(path);
        if (!Buffer.isBuffer(data)) throw new Error(`${path} did not come back as bytes`);
        return data;
      });
    },
  };
}

function matches(pattern: RegExp, name: string) {
  pattern.lastIndex = 0;
  return pattern.test(name);
}

function remoteDirOf(target: SftpTarget) {
  const dir = target.remoteDir.trim();
  return dir === '' ? '.' : dir;
}

/** A name in remoteDir: a plain file name, never a path that could climb out of it. */
function remotePathOf(target: SftpTarget, fileName: string) {
  if (fileName === '' || fileName === '.' || fileName === '..' || /[/\\\p{Cc}]/u.test(fileName)) {
    throw new BankDeliveryError('io', `Not a file name for the bank's folder: ${JSON.stringify(fileName.slice(0, 100))}`);
  }
  return posix.join(remoteDirOf(target), fileName);
}

// ---- errors ----

/** What an error message must never repeat: the private key, and the content of the file sent. */
type Secrets = { privateKey: string; content?: Buffer };

function secretsOf(target: SftpTarget, content?: Buffer): Secrets {
  return { privateKey: target.privateKey, content };
}

/**
 * An underlying error's message, cut short, with anything that looks like key material or file content
 * removed: a PEM block, and every run of 12 or more non-blank characters found in the key or the file.
 */
function detail(error: unknown, secrets: Secrets) {
  let message = error instanceof Error ? error.message : String(error);
  message = message.replace(/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g, '[private key]');
  if (message.length > 300) message = `${message.slice(0, 300)}...`;
  const content = secrets.content?.toString('utf8');
  return message.replace(/\S{12,}/g, (run) => (secrets.privateKey.includes(run) || content?.includes(run) ? '[redacted]' : run));
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function codeOf(error: unknown) {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

function isConnectionLoss(error: unknown) {
  const message = error instanceof Error ? error.message : '';
  return UNREACHABLE_CODES.has(codeOf(error)) || /no sftp connection|connection (lost|closed)|not connected|No response from server|Keepalive timeout/i.test(message);
}

function connectFailure(error: unknown, where: string, pinned: string, presented: string | null, secrets: Secrets): BankDeliveryError {
  if (error instanceof BankDeliveryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (presented !== null && presented !== pinned) {
    return new BankDeliveryError('host_key_mismatch', `The bank's SFTP server ${where} presented host key SHA256:${presented}, not the pinned SHA256:${pinned}; refused before signing in, nothing was sent`);
  }
  let reason: BankDeliveryFailure = 'io';
  let summary: string;
  if (/authentication methods failed|privateKey|private key|Permission denied/i.test(message)) {
    reason = 'auth_failed';
    summary = /Cannot parse privateKey|does not contain a \(valid\) private key|Encrypted private key/i.test(message)
      ? 'the private key cannot be read (expected an unencrypted OpenSSH or PEM private key)'
      : 'the server refused the key';
  } else if (UNREACHABLE_CODES.has(codeOf(error)) || /Timed out while waiting for handshake|refused connection|Address lookup failed|reset the connection|Connection lost|No response from server|Keepalive timeout/i.test(message)) {
    reason = 'unreachable';
    summary = 'cannot reach the server';
  } else {
    summary = 'the connection failed';
  }
  return new BankDeliveryError(reason, `Could not connect to the bank's SFTP server ${where}: ${summary} (${detail(error, secrets)})`);
}

// ---- connection lifetime ----

type WithSsh = { client?: { end(): void; destroy?: () => void } };

/** Drops the SSH connection at once, whether or not SFTP was ever ready. */
function cut(sftp: SftpClient) {
  const ssh = (sftp as unknown as WithSsh).client;
  try {
    ssh?.destroy?.();
    ssh?.end();
  } catch {
    // Already closed.
  }
}

async function end(sftp: SftpClient) {
  // end() only closes a connection whose SFTP channel opened; a failed sign-in leaves the socket to cut.
  await Promise.race([sftp.end().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  cut(sftp);
}
