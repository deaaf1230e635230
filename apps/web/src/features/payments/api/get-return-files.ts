import type { ReturnFiles } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/**
 * GET /api/ach-returns (landlord: its company; support: every company): the return and NOC files read, the
 * entries that matched nothing, and the return rates of the last 60 days (null for support).
 */
export function getReturnFiles(signal?: AbortSignal): Promise<ReturnFiles> {
  return api.get<ReturnFiles>('/api/ach-returns', { signal });
}

export const returnFilesQueryOptions = () => queryOptions({ queryKey: [...paymentKeys.all, 'return-files'] as const, queryFn: ({ signal }) => getReturnFiles(signal) });

export function useReturnFiles() {
  return useQuery(returnFilesQueryOptions());
}
