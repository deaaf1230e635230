import type { removeBankAccountResultSchema } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

export type RemoveBankAccountResult = z.infer<typeof removeBankAccountResultSchema>;

/** DELETE /api/me/bank-accounts/:id (resident): payments scheduled on it are cancelled, autopay on it stops. */
export function removeBankAccount(bankAccountId: string): Promise<RemoveBankAccountResult> {
  return api.delete<RemoveBankAccountResult>(`/api/me/bank-accounts/${encodeURIComponent(bankAccountId)}`);
}

export function useRemoveBankAccount() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: removeBankAccount, onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }) });
}
