import type { BankAccount } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** GET /api/me/bank-accounts (resident): the resident's accounts, last 4 only, with their status. */
export async function getBankAccounts(signal?: AbortSignal): Promise<BankAccount[]> {
  const { items } = await api.get<{ items: BankAccount[] }>('/api/me/bank-accounts', { signal });
  return items;
}

export const bankAccountsQueryOptions = () => queryOptions({ queryKey: paymentKeys.bankAccounts(), queryFn: ({ signal }) => getBankAccounts(signal) });

export function useBankAccounts() {
  return useQuery(bankAccountsQueryOptions());
}
