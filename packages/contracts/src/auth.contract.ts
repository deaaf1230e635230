import { z } from 'zod';
import { ROLES } from './statuses.contract.ts';
import { idSchema } from './common.contract.ts';

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** An empty required field says "Required"; only a typed value gets the message about its shape. */
export const REQUIRED_MESSAGE = 'Required';

export const emailSchema = z
  .string()
  .trim()
  .min(1, { message: REQUIRED_MESSAGE, abort: true })
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }));

export const passwordSchema = z
  .string()
  .min(1, { message: REQUIRED_MESSAGE, abort: true })
  .min(12, { message: 'Use at least 12 characters' })
  .max(200, { message: 'Use at most 200 characters' });

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, { message: REQUIRED_MESSAGE }).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: idSchema,
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: roleSchema,
  company: z.object({ id: idSchema, name: z.string(), slug: z.string() }).nullable(),
  emailVerified: z.boolean().describe('False until the user follows the emailed verification link (or accepts an invitation)'),
  twoFactorEnabled: z.boolean(),
  twoFactorSetupRequired: z
    .boolean()
    .describe('Two-factor sign-in is required of this user and not set up yet: only the session, sign-out and two-factor routes answer until it is'),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** The web app's question on every page, signed out or in: a signed-out caller is an answer, not an error. */
export const sessionProbeResponseSchema = z.object({ session: sessionResponseSchema.nullable() });
export type SessionProbeResponse = z.infer<typeof sessionProbeResponseSchema>;

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  createdBy: z.object({ id: idSchema, name: z.string() }),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createApiTokenRequestSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Name the token' }).max(100),
});
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>;

export const createApiTokenResponseSchema = z.object({
  token: apiTokenSchema,
  secret: z.string().describe('Shown once: send as "Authorization: Bearer <secret>"'),
});
export type CreateApiTokenResponse = z.infer<typeof createApiTokenResponseSchema>;

/** An emailed single-use token (verification, password reset); it travels in the link's URL fragment. */
export const emailedTokenSchema = z.string().trim().min(20, { message: 'This link is incomplete: open it from the email again' }).max(200);

export const twoFactorChallengeSchema = z.object({
  twoFactorRequired: z.literal(true),
  challengeId: idSchema,
});
export type TwoFactorChallenge = z.infer<typeof twoFactorChallengeSchema>;

export const loginResponseSchema = z.union([sessionResponseSchema, twoFactorChallengeSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const signupAcceptedSchema = z.object({
  status: z.literal('check_email'),
  email: z.string(),
  message: z.string(),
});
export type SignupAccepted = z.infer<typeof signupAcceptedSchema>;

export const verifyEmailRequestSchema = z.strictObject({ token: emailedTokenSchema });
export type VerifyEmailRequest = z.infer<typeof verifyEmailRequestSchema>;

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetConfirmSchema = z.strictObject({ token: emailedTokenSchema, password: passwordSchema });
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, { message: REQUIRED_MESSAGE }).max(200),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const changeEmailRequestSchema = z.strictObject({
  newEmail: emailSchema,
  currentPassword: z.string().min(1, { message: REQUIRED_MESSAGE }).max(200),
});
export type ChangeEmailRequest = z.infer<typeof changeEmailRequestSchema>;

export const confirmEmailChangeRequestSchema = z.strictObject({ token: emailedTokenSchema });
export const emailChangedResponseSchema = z.object({ email: z.string() });
export type EmailChangedResponse = z.infer<typeof emailChangedResponseSchema>;

export const acceptedSchema = z.object({ message: z.string() });

export const activeSessionSchema = z.object({
  id: idSchema,
  device: z.string().describe('Browser and system, read from the user agent'),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type ActiveSession = z.infer<typeof activeSessionSchema>;
export const activeSessionsResponseSchema = z.object({ sessions: z.array(activeSessionSchema) });

/** Six digits from the authenticator app, or one of the recovery codes (xxxxx-xxxxx). */
export const twoFactorCodeSchema = z
  .string()
  .trim()
  .min(1, { message: REQUIRED_MESSAGE, abort: true })
  .min(6, { message: 'Enter the 6-digit code from your authenticator app' })
  .max(20, { message: 'Enter the 6-digit code from your authenticator app' });

export const twoFactorSetupResponseSchema = z.object({
  secret: z.string().describe('Base32; shown once, for typing into an authenticator app'),
  otpauthUrl: z.string().describe('otpauth:// URL for the QR code'),
});
export type TwoFactorSetupResponse = z.infer<typeof twoFactorSetupResponseSchema>;

export const twoFactorCodeRequestSchema = z.strictObject({ code: twoFactorCodeSchema });
export type TwoFactorCodeRequest = z.infer<typeof twoFactorCodeRequestSchema>;

export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()).describe('Shown once; each works once in place of a code') });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;

export const loginTwoFactorRequestSchema = z.strictObject({ challengeId: idSchema, code: twoFactorCodeSchema });
export type LoginTwoFactorRequest = z.infer<typeof loginTwoFactorRequestSchema>;
