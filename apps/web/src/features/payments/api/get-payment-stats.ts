import type { PaymentStats } from '@rentledger/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

export type PaymentStatsRange = { from: string; to: string };

/** GET /api/payment-stats?from=&to= (landlord: its company): on-time rent per property and month, and the return rates. */
export function getPaymentStats(range: PaymentStatsRange, signal?: AbortSignal): Promise<PaymentStats> {
  return api.get<PaymentStats>('/api/payment-stats', { query: range, signal });
}

export const paymentStatsQueryOptions = (range: PaymentStatsRange) =>
  queryOptions({ queryKey: [...paymentKeys.all, 'stats', range] as const, queryFn: ({ signal }) => getPaymentStats(range, signal) });

/** The previous range's figures stay on screen while a new range loads. */
export function usePaymentStats(range: PaymentStatsRange, enabled = true) {
  return useQuery({ ...paymentStatsQueryOptions(range), enabled, placeholderData: keepPreviousData });
}
