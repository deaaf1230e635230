import type { PaymentStatus, paymentListSchema } from '@rentledger/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

export type PaymentList = z.infer<typeof paymentListSchema>;
export type PaymentFilters = { status?: PaymentStatus; from?: string; to?: string; q?: string; residentId?: string; propertyId?: string };
export type PaymentListQuery = PaymentFilters & { page: number; pageSize: number };

/** GET /api/payments (landlord): the company's payments the filters find, their count and total. */
export function getCompanyPayments(query: PaymentListQuery, signal?: AbortSignal): Promise<PaymentList> {
  return api.get<PaymentList>('/api/payments', { query, signal });
}

export const companyPaymentsQueryOptions = (query: PaymentListQuery) =>
  queryOptions({ queryKey: paymentKeys.company(query), queryFn: ({ signal }) => getCompanyPayments(query, signal), placeholderData: keepPreviousData });

export function useCompanyPayments(query: PaymentListQuery) {
  return useQuery(companyPaymentsQueryOptions(query));
}

/** The CSV export of the same filters: a plain link, since the session cookie authenticates a GET. */
export function paymentsExportUrl(filters: PaymentFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `/api/payments/export.csv${search ? `?${search}` : ''}`;
}
