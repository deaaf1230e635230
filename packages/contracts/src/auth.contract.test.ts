import { describe, expect, it } from 'vitest';
import { changePasswordRequestSchema, emailSchema, loginRequestSchema, passwordResetRequestSchema, passwordSchema } from './auth.contract.ts';

const messages = (result: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('empty required fields say Required; malformed ones keep their message', () => {
  it('an email', () => {
    expect(emailSchema.safeParse('').error?.issues.map((issue) => issue.message)).toEqual(['Required']);
    expect(emailSchema.safeParse('   ').error?.issues.map((issue) => issue.message)).toEqual(['Required']);
    expect(emailSchema.safeParse('not-an-email').error?.issues.map((issue) => issue.message)).toEqual(['Enter a valid email address']);
  });

  it('a new password', () => {
    expect(passwordSchema.safeParse('').error?.issues.map((issue) => issue.message)).toEqual(['Required']);
    expect(passwordSchema.safeParse('short').error?.issues.map((issue) => issue.message)).toEqual(['Use at least 12 characters']);
  });

  it('the sign-in, forgot-password and account forms', () => {
    expect(messages(loginRequestSchema.safeParse({ email: '', password: '' }))).toEqual({ email: 'Required', password: 'Required' });
    expect(messages(passwordResetRequestSchema.safeParse({ email: '' }))).toEqual({ email: 'Required' });
    expect(messages(changePasswordRequestSchema.safeParse({ currentPassword: '', newPassword: '' }))).toMatchObject({ currentPassword: 'Required', newPassword: 'Required' });
  });
});
