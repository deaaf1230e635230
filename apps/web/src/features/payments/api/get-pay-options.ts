import type { PayOptions } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** GET /api/me/payments/options?residentId= (resident): default amount, limits, window, dates, and whether paying is open. */
export function getPayOptions(residentId: string, signal?: AbortSignal): Promise<PayOptions> {
  return api.get<PayOptions>('/api/me/payments/options', { query: { residentId }, signal });
}

export const payOptionsQueryOptions = (residentId: string) => queryOptions({ queryKey: paymentKeys.options(residentId), queryFn: ({ signal }) => getPayOptions(residentId, signal) });

export function usePayOptions(residentId: string) {
  return useQuery(payOptionsQueryOptions(residentId));
}
