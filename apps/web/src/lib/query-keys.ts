import type { listAuditEventsQuerySchema, listResidentsQuerySchema, SupportRequest } from '@rentledger/contracts';
import type { z } from 'zod';

/**
 * The query keys of every web feature, one factory each. A feature's queries, cache writes and
 * invalidations build their keys here, never inline. The factories share this file rather than
 * each feature's folder because a change in one feature refreshes another's data (approving a
 * resident refreshes Incomplete Tasks; adding a unit refreshes the companies' counts) and features
 * never import each other (ARCHITECTURE.md, Web).
 *
 * `all` is the first element(s) of every key of its feature, so invalidating it covers them all;
 * `lists` covers every list whatever its filters.
 */

export const authKeys = {
  all: ['auth'] as const,
  /** The signed-in session (null when signed out). */
  session: () => [...authKeys.all, 'session'] as const,
};

export const accountKeys = {
  all: ['account'] as const,
  sessions: () => [...accountKeys.all, 'sessions'] as const,
};

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  list: () => apiTokenKeys.all,
};

export const auditEventKeys = {
  all: ['audit-events'] as const,
  list: (query: z.infer<typeof listAuditEventsQuerySchema>) => [...auditEventKeys.all, query] as const,
};

export const companyKeys = {
  /** Also the key of the companies list: invalidating the list refreshes every company and its staff. */
  all: ['companies'] as const,
  list: () => companyKeys.all,
  detail: (companyId: string) => [...companyKeys.all, companyId] as const,
  staff: (companyId: string) => [...companyKeys.detail(companyId), 'staff'] as const,
};

export const devMailboxKeys = {
  all: ['dev-mailbox'] as const,
  list: (to?: string) => [...devMailboxKeys.all, to ?? ''] as const,
};

export const integrationKeys = {
  all: ['integration'] as const,
  settings: () => integrationKeys.all,
};

export const syncRunKeys = {
  all: ['sync-runs'] as const,
  list: () => [...syncRunKeys.all, 'list'] as const,
  detail: (syncRunId: string) => [...syncRunKeys.all, 'detail', syncRunId] as const,
};

export const invitationKeys = {
  all: ['invitations'] as const,
  lookup: (token: string) => [...invitationKeys.all, 'lookup', token] as const,
};

export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => notificationKeys.all,
};

export const propertyKeys = {
  all: ['properties'] as const,
  lists: () => [...propertyKeys.all, 'list'] as const,
  list: (companyId?: string) => [...propertyKeys.lists(), companyId ?? 'all'] as const,
  detail: (propertyId: string) => [...propertyKeys.all, 'detail', propertyId] as const,
};

export const rentalKeys = {
  all: ['rentals'] as const,
  search: (q: string) => [...rentalKeys.all, 'search', q] as const,
};

export const residentKeys = {
  all: ['residents'] as const,
  lists: () => [...residentKeys.all, 'list'] as const,
  list: (query: z.infer<typeof listResidentsQuerySchema>) => [...residentKeys.lists(), query] as const,
  detail: (residentId: string) => [...residentKeys.all, 'detail', residentId] as const,
};

/** The signed-in resident's own residencies (GET /api/me/residencies). */
export const residencyKeys = {
  all: ['me', 'residencies'] as const,
  list: () => residencyKeys.all,
};

export const supportRequestKeys = {
  all: ['support-requests'] as const,
  list: (status?: SupportRequest['status']) => [...supportRequestKeys.all, 'list', status ?? 'all'] as const,
};

/** Payments needing attention (rent alerts); a resolution also changes Incomplete Tasks. */
export const paymentAlertKeys = {
  all: ['payment-alerts'] as const,
  list: (status: 'open' | 'resolved') => [...paymentAlertKeys.all, 'list', status] as const,
  /** The signed-in staff user's alert email preference. */
  preferences: () => [...paymentAlertKeys.all, 'preferences'] as const,
};

export const postingKeys = {
  all: ['postings'] as const,
  /** A status filter's pages (undefined: every status). */
  list: (status: string | undefined) => [...postingKeys.all, 'list', status ?? 'all'] as const,
  receiptDays: () => [...postingKeys.all, 'receipt-days'] as const,
};

export const taskKeys = {
  all: ['tasks'] as const,
  counts: () => taskKeys.all,
};
