import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * AES-256-GCM for secrets at rest (accounting passwords, client secrets).
 * Stored as "v1:<iv>:<tag>:<ciphertext>" in base64url, so a later key or
 * algorithm can be told apart.
 */
export type Encryptor = {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /**
   * A keyed hash of a secret: equal secrets give equal fingerprints, so a bank account added twice is found
   * without decrypting every stored one, while the fingerprint alone tells nothing (unlike a plain hash, it
   * cannot be reversed by trying every 9-digit routing number).
   */
  fingerprint(plain: string): string;
};

export function createEncryptor(secretKey: string): Encryptor {
  // Any string of 32+ characters becomes a 256-bit key.
  const key = createHash('sha256').update(secretKey).digest();
  const fingerprintKey = createHash('sha256').update(`fingerprint:${secretKey}`).digest();
  return {
    fingerprint(plain) {
      return createHmac('sha256', fingerprintKey).update(plain).digest('base64url');
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
    },
    decrypt(stored) {
      const [version, iv, tag, data] = stored.split(':');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown secret format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * SECRET_KEY when set; otherwise a key generated once into DATA_DIR, so a
 * single-machine install works with no set-up. Several servers sharing one
 * PostgreSQL must all be given the same SECRET_KEY.
 */
export function resolveSecretKey(configured: string | undefined, dataDir: string): { key: string; generated: boolean } {
  if (configured) return { key: configured, generated: false };
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return { key: fs.readFileSync(file, 'utf8').trim(), generated: false };
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, generated: true };
}
