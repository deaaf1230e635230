import { z } from 'zod';
import { idSchema } from './common.contract.ts';

export const auditEventSchema = z.object({
  id: idSchema,
  occurredAt: z.string(),
  actor: z.object({ id: idSchema, email: z.string(), name: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  companyId: idSchema.nullable(),
  companyName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const listAuditEventsQuerySchema = z.strictObject({
  companyId: idSchema.optional(),
  entityType: z.string().max(50).optional(),
  action: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditEventsQuery = z.input<typeof listAuditEventsQuerySchema>;

export const auditEventListSchema = z.object({ items: z.array(auditEventSchema), total: z.number().int() });
