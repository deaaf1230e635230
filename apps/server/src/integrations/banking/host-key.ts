import { createHash } from 'node:crypto';

/**
 * Host key fingerprints as OpenSSH writes them: SHA-256 of the key's wire blob (the base64 part of a
 * public key line), base64 without padding. `ssh-keygen -lf key.pub` prints it as `SHA256:<fingerprint>`.
 */

const FINGERPRINT = /^[A-Za-z0-9+/]{43}$/;

export class HostKeyFormatError extends Error {
  override readonly name = 'HostKeyFormatError';
}

/** The fingerprint of a host key's wire blob (what ssh2's `hostVerifier` is given when `hostHash` is not set). */
export function fingerprintOfBlob(blob: Buffer): string {
  return createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/**
 * A pinned fingerprint as compared: without `SHA256:` and without base64 padding; null when it is not a
 * SHA-256 fingerprint at all (an MD5 one such as `MD5:12:f3:...`, a hex digest, a public key line).
 */
export function normalizeFingerprint(value: string): string | null {
  const bare = value.trim().replace(/^SHA256:/i, '').replace(/=+$/, '');
  return FINGERPRINT.test(bare) ? bare : null;
}

/**
 * The SHA-256 fingerprint of an OpenSSH public key line (`ssh-ed25519 AAAAC3Nz... comment`, as in
 * `/etc/ssh/ssh_host_ed25519_key.pub` or a line of `ssh-keyscan`'s output, whose leading host name is
 * skipped). Throws HostKeyFormatError when the line is not a public key.
 */
export function fingerprintOf(publicKeyLine: string): string {
  return describeHostKey(publicKeyLine).sha256;
}

/**
 * What the settings page accepts for a bank's host key: a public key line, or a fingerprint with or without
 * `SHA256:`. Gives the fingerprint to pin (`sha256`) and, from a key line, its type. Throws
 * HostKeyFormatError with a message fit for the form.
 */
export function describeHostKey(input: string): { sha256: string; keyType: string | null } {
  const fingerprint = normalizeFingerprint(input);
  if (fingerprint) return { sha256: fingerprint, keyType: null };
  const fields = input.trim().split(/\s+/);
  // ssh-keyscan prints `host keytype base64`; a public key file `keytype base64 comment`.
  const at = fields.findIndex((field, index) => /^(ssh-|ecdsa-|sk-)[a-z0-9@.-]+$/i.test(field) && /^AAAA[A-Za-z0-9+/]+={0,2}$/.test(fields[index + 1] ?? ''));
  const keyType = at === -1 ? undefined : fields[at];
  const base64 = at === -1 ? undefined : fields[at + 1];
  if (!keyType || !base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new HostKeyFormatError('Not a host key: paste the server\'s public key line ("ssh-ed25519 AAAA...") or its SHA256 fingerprint');
  }
  const blob = Buffer.from(base64, 'base64');
  // The blob starts with its own key type, length-prefixed: a truncated or mistyped paste fails here.
  const typeLength = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (typeLength < 1 || 4 + typeLength > blob.length || blob.toString('latin1', 4, 4 + typeLength) !== keyType) {
    throw new HostKeyFormatError(`Not a valid ${keyType} key: the key text is cut short or mistyped`);
  }
  return { sha256: fingerprintOfBlob(blob), keyType };
}
