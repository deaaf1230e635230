import type { BankAccount } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** POST /api/me/bank-accounts/:id/verify (resident) { amountsCents: [a, b] }: 400 with the tries left, 409 before the deposits went out. */
export function verifyBankAccount(bankAccountId: string, amountsCents: [number, number]): Promise<BankAccount> {
  return api.post<BankAccount>(`/api/me/bank-accounts/${encodeURIComponent(bankAccountId)}/verify`, { amountsCents });
}

export function useVerifyBankAccount(bankAccountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (amountsCents: [number, number]) => verifyBankAccount(bankAccountId, amountsCents),
    // A wrong try changes the tries left (or locks the account): refresh either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.bankAccounts() }),
  });
}
