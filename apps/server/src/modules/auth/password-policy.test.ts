import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './password-policy.ts';

describe('common passwords', () => {
  it('refuses listed passwords, ignoring case', async () => {
    expect(await isCommonPassword('qwerty123456')).toBe(true);
    expect(await isCommonPassword('1Qaz2wsx3edc')).toBe(true);
  });

  it('refuses a listed word with a few digits or symbols around it', async () => {
    expect(await isCommonPassword('Password1234!')).toBe(true);
    expect(await isCommonPassword('!!sunshine2024')).toBe(true);
  });

  it('refuses one piece repeated', async () => {
    expect(await isCommonPassword('abcabcabcabc')).toBe(true);
    expect(await isCommonPassword('aaaaaaaaaaaa')).toBe(true);
  });

  it('accepts a passphrase of its own', async () => {
    expect(await isCommonPassword('correct horse battery staple')).toBe(false);
    expect(await isCommonPassword('resident-password-1')).toBe(false);
    expect(await isCommonPassword('demo-password-123')).toBe(false);
  });
});
