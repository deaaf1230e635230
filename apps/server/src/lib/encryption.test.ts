import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEncryptor, resolveSecretKey } from './encryption.ts';

describe('createEncryptor', () => {
  const encryptor = createEncryptor('a-test-key-that-is-long-enough-0123456789');

  it('round-trips and never stores the plain text', () => {
    const stored = encryptor.encrypt('hunter2-password');
    expect(stored).not.toContain('hunter2');
    expect(stored.startsWith('v1:')).toBe(true);
    expect(encryptor.decrypt(stored)).toBe('hunter2-password');
    expect(encryptor.encrypt('same')).not.toBe(encryptor.encrypt('same'));
  });

  it('refuses a tampered value or another key', () => {
    const stored = encryptor.encrypt('secret');
    const parts = stored.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => encryptor.decrypt(parts.join(':'))).toThrow();
    expect(() => createEncryptor('another-key-that-is-long-enough-0123456789').decrypt(stored)).toThrow();
  });
});

describe('resolveSecretKey', () => {
  it('generates a key once into the data directory and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rentledger-key-'));
    const first = resolveSecretKey(undefined, dir);
    const second = resolveSecretKey(undefined, dir);
    expect(first.generated).toBe(true);
    expect(second).toEqual({ key: first.key, generated: false });
    expect(resolveSecretKey('configured-key', dir)).toEqual({ key: 'configured-key', generated: false });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
