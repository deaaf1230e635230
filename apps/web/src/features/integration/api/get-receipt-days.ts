import type { ReceiptDay } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { postingKeys } from '../../../lib/query-keys.ts';

/** GET /api/postings/receipt-days (landlord, file companies): the days with a receipts file, newest first. */
export async function getReceiptDays(signal?: AbortSignal): Promise<{ items: ReceiptDay[] }> {
  return api.get<{ items: ReceiptDay[] }>('/api/postings/receipt-days', { signal });
}

/** The day's receipts CSV, downloaded by the browser (GET /api/postings/receipts?date=). */
export const receiptsDownloadUrl = (day: string) => `/api/postings/receipts?date=${encodeURIComponent(day)}`;

export const receiptDaysQueryOptions = () => queryOptions({ queryKey: postingKeys.receiptDays(), queryFn: ({ signal }) => getReceiptDays(signal) });

export function useReceiptDays(enabled: boolean) {
  return useQuery({ ...receiptDaysQueryOptions(), enabled });
}
