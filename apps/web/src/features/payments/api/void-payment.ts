import type { Payment } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** POST /api/payments/:id/void (landlord): until its bank file is made; after that only the bank can return it. */
export function voidPayment(paymentId: string): Promise<Payment> {
  return api.post<Payment>(`/api/payments/${encodeURIComponent(paymentId)}/void`);
}

export function useVoidPayment() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: voidPayment, onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }) });
}
