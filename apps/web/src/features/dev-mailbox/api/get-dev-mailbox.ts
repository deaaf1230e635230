import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../lib/api-client.ts';
import { devMailboxKeys } from '../../../lib/query-keys.ts';

export type MailboxEmail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: 'pending' | 'sent' | 'failed';
  createdAt: string;
};

/**
 * GET /api/dev/mailbox?to= (support): the newest outbox emails. The route exists only while the
 * server has no SMTP_URL; a 404 means "no dev mailbox here".
 */
export async function getDevMailbox(to: string | undefined, signal?: AbortSignal): Promise<MailboxEmail[]> {
  const { items } = await api.get<{ items: MailboxEmail[] }>('/api/dev/mailbox', { query: { to }, signal });
  return items;
}

export const devMailboxQueryOptions = (to?: string) =>
  queryOptions({
    queryKey: devMailboxKeys.list(to),
    queryFn: ({ signal }) => getDevMailbox(to, signal),
    staleTime: 5_000,
  });

export function useDevMailbox(to?: string) {
  return useQuery(devMailboxQueryOptions(to));
}

/** Whether to offer the Dev mailbox link: true once the route answered, false on 404 (or for other roles). */
export function useDevMailboxAvailable(enabled: boolean): boolean {
  const probe = useQuery({ ...devMailboxQueryOptions(), enabled, staleTime: 5 * 60_000, retry: false });
  if (!enabled || probe.isError) return false;
  return probe.isSuccess;
}

export const isMailboxMissing = (error: unknown) => isApiError(error) && error.status === 404;
