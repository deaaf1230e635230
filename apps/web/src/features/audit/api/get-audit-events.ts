import type { AuditEvent } from '@rentledger/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { auditEventKeys } from '../../../lib/query-keys.ts';

export type AuditEventsQuery = { companyId?: string; action?: string; entityType?: string; page: number; pageSize: number };

export type AuditEventPage = { items: AuditEvent[]; total: number };

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
