import { invalid } from '../../lib/app-error.ts';
import { hashPassword } from './password.ts';

/**
 * Refuses passwords that attackers try first. The list is zxcvbn's 49,000
 * most common passwords, bundled with the app (no network look-up); most are
 * shorter than our 12-character minimum, so a password is also refused when
 * it is a listed one with a few digits or symbols around it ("Password1234!")
 * or one short piece repeated ("abcabcabcabc").
 */
let common: Promise<Set<string>> | undefined;

function commonPasswords(): Promise<Set<string>> {
  // Loaded on first use: the list is about 1 MB in memory and most processes never check a password.
  common ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set(dictionary['passwords-common'] as string[]));
  return common;
}

const AFFIXES = /^[\d\W_]{0,6}|[\d\W_]{0,6}$/g;

function isRepetition(value: string): boolean {
  for (let size = 1; size <= value.length / 2; size++) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value) return true;
  }
  return false;
}

export async function isCommonPassword(password: string): Promise<boolean> {
  const lowered = password.toLowerCase();
  if (isRepetition(lowered)) return true;
  const list = await commonPasswords();
  if (list.has(lowered)) return true;
  const core = lowered.replace(AFFIXES, '');
  return core.length >= 4 && (list.has(core) || isRepetition(core));
}

/** 400 naming the field when the password is a common one; the length rule is the schema's. */
export async function assertAcceptablePassword(password: string, field = 'password'): Promise<void> {
  if (await isCommonPassword(password)) {
    throw invalid([{ path: field, message: 'This password is one of the most common and easy to guess: choose another' }]);
  }
}

/** Every password a person chooses goes through here: the common-password rule, then argon2id. */
export async function hashNewPassword(password: string, field = 'password'): Promise<string> {
  await assertAcceptablePassword(password, field);
  return hashPassword(password);
}
