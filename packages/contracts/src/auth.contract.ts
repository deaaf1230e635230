import { z } from 'zod';
import { idSchema } from './common.contract.ts';

export const ROLES = ['landlord', 'resident', 'support'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }));

export const passwordSchema = z
  .string()
  .min(12, { message: 'Use at least 12 characters' })
  .max(200, { message: 'Use at most 200 characters' });

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, { message: 'Enter your password' }).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: idSchema,
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: roleSchema,
  company: z.object({ id: idSchema, name: z.string(), slug: z.string() }).nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

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
