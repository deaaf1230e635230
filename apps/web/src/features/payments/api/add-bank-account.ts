import type { BankAccount, CreateBankAccount } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** POST /api/me/bank-accounts (resident) -> 201 validating: two small deposits go out with the next bank file. */
export function addBankAccount(body: CreateBankAccount): Promise<BankAccount> {
  return api.post<BankAccount>('/api/me/bank-accounts', body);
}

export function useAddBankAccount() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: addBankAccount, onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.bankAccounts() }) });
}
