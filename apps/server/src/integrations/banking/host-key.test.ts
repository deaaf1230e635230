import { describe, expect, it } from 'vitest';
import { describeHostKey, fingerprintOf, HostKeyFormatError, normalizeFingerprint } from './host-key.ts';

// Generated with ssh-keygen; the fingerprints are what `ssh-keygen -lf` printed for them.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbTx574azHTpiyZDXp4w3RGtiACZxlfSyCTZ16iGVzW fixture';
const ED25519_SHA256 = 'ThykU4m9tKMbhsFCEByUSQlSa6v5y7tg3Y4Yk6+fpqw';
const RSA =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCvKxcU+zlQT0wFkNlqu28JdqKkKwC1eNpNc/8Zru8I5OjexGu2mwh1Lsb3ZNp53ARqP2vsPotgqZnLkT0AJHhWrTxZXiUZM9UAPsbJ8mSHnQ7AhU8sRW0VR+ZOQCt5jLzAezHNi7hxhAoMQ7ob0YY8GlUwwPtE5DyGHcR3QYH/YBv0R2oj4WVMU6zOE4n7Bb2a2hc3oRPiRJt5t9NgaPrghqmeeOQtPuwZYtCJblJRKrKKXLjmxzcm5SD3JcMDC/EqtZTPsqpmM0LCkUxX5SmoDsQ7bN1yskS4I5b4SU/YJNs7WgDZPmbGLySe/QYehyERdsZLV8Pf3xENC9FBwq1X fixture';
const RSA_SHA256 = 'Vietfzp5BqzzU8qbXlwuhsoI5mhtO0H1+XmZSJgLRSw';

describe('host key fingerprints', () => {
  it('fingerprints public key lines as ssh-keygen -lf does', () => {
    expect(fingerprintOf(ED25519)).toBe(ED25519_SHA256);
    expect(fingerprintOf(RSA)).toBe(RSA_SHA256);
  });

  it('reads a key line without a comment, with surrounding blanks, or as ssh-keyscan prints it', () => {
    const [type, base64] = ED25519.split(' ');
    expect(fingerprintOf(`  ${type} ${base64}\n`)).toBe(ED25519_SHA256);
    expect(fingerprintOf(`[sftp.bank.example]:2222 ${type} ${base64}`)).toBe(ED25519_SHA256);
    expect(fingerprintOf(`ssh-gateway.bank.example ${type} ${base64}`)).toBe(ED25519_SHA256);
  });

  it('takes a fingerprint with or without SHA256: and padding', () => {
    expect(describeHostKey(`SHA256:${ED25519_SHA256}`)).toEqual({ sha256: ED25519_SHA256, keyType: null });
    expect(describeHostKey(ED25519_SHA256)).toEqual({ sha256: ED25519_SHA256, keyType: null });
    expect(describeHostKey(`${ED25519_SHA256}=`).sha256).toBe(ED25519_SHA256);
    expect(describeHostKey(ED25519)).toEqual({ sha256: ED25519_SHA256, keyType: 'ssh-ed25519' });
  });

  it('refuses what is not a host key: MD5 fingerprints, truncated or mistyped keys, a key of another type', () => {
    expect(normalizeFingerprint('MD5:12:f3:aa:bb')).toBeNull();
    expect(normalizeFingerprint('SHA256:tooshort')).toBeNull();
    expect(() => describeHostKey('MD5:12:f3:aa:bb')).toThrow(HostKeyFormatError);
    expect(() => describeHostKey('')).toThrow(HostKeyFormatError);
    expect(() => describeHostKey(ED25519.slice(0, 30))).toThrow(/cut short or mistyped/);
    expect(() => describeHostKey(ED25519.replace('ssh-ed25519', 'ssh-rsa'))).toThrow(/Not a valid ssh-rsa key/);
    expect(() => describeHostKey('-----BEGIN OPENSSH PRIVATE KEY-----')).toThrow(HostKeyFormatError);
  });
});
