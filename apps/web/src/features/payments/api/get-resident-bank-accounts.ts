import type { BankAccount } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** GET /api/payments/bank-accounts?residentId= (landlord): a resident's accounts for the company, status and why. */
export async function getResidentBankAccounts(residentId: string, signal?: AbortSignal): Promise<BankAccount[]> {
  const { items } = await api.get<{ items: BankAccount[] }>('/api/payments/bank-accounts', { query: { residentId }, signal });
  return items;
}

export const residentBankAccountsQueryOptions = (residentId: string) =>
  queryOptions({ queryKey: [...paymentKeys.all, 'resident-bank-accounts', residentId] as const, queryFn: ({ signal }) => getResidentBankAccounts(residentId, signal) });

export function useResidentBankAccounts(residentId: string) {
  return useQuery(residentBankAccountsQueryOptions(residentId));
}
