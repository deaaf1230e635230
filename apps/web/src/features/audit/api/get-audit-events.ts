import type { auditEventListSchema, listAuditEventsQuerySchema } from '@rentledger/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { auditEventKeys } from '../../../lib/query-keys.ts';

export type AuditEventsQuery = z.infer<typeof listAuditEventsQuerySchema>;

export type AuditEventPage = z.infer<typeof auditEventListSchema>;

/** GET /api/audit-events (support), newest first. */
export function getAuditEvents(query: AuditEventsQuery, signal?: AbortSignal): Promise<AuditEventPage> {
  return api.get<AuditEventPage>('/api/audit-events', { query, signal });
}

export const auditEventsQueryOptions = (query: AuditEventsQuery) =>
  queryOptions({
    queryKey: auditEventKeys.list(query),
    queryFn: ({ signal }) => getAuditEvents(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

export function useAuditEvents(query: AuditEventsQuery) {
  return useQuery(auditEventsQueryOptions(query));
}
