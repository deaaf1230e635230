import type { PaymentAlertList } from '@rentledger/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentAlertKeys } from '../../../lib/query-keys.ts';

/** GET /api/payment-alerts (landlord): a page of the company's open or resolved alerts, newest first. */
export function getPaymentAlerts(status: 'open' | 'resolved', cursor: string | undefined, signal?: AbortSignal): Promise<PaymentAlertList> {
  return api.get<PaymentAlertList>('/api/payment-alerts', { query: { status, ...(cursor ? { cursor } : {}) }, signal });
}

export function usePaymentAlerts(status: 'open' | 'resolved') {
  return useInfiniteQuery({
    queryKey: paymentAlertKeys.list(status),
    queryFn: ({ pageParam, signal }) => getPaymentAlerts(status, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
