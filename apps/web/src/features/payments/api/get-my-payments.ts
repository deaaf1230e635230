import type { Payment } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** GET /api/me/payments (resident): the resident's payments, newest first (the first 200). */
export async function getMyPayments(signal?: AbortSignal): Promise<Payment[]> {
  const { items } = await api.get<{ items: Payment[] }>('/api/me/payments', { query: { pageSize: 200 }, signal });
  return items;
}

export const myPaymentsQueryOptions = () => queryOptions({ queryKey: paymentKeys.mine(), queryFn: ({ signal }) => getMyPayments(signal) });

export function useMyPayments() {
  return useQuery(myPaymentsQueryOptions());
}
