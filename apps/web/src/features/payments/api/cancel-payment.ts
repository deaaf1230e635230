import type { Payment } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** POST /api/me/payments/:id/cancel (resident): until its bank file is made. */
export function cancelPayment(paymentId: string): Promise<Payment> {
  return api.post<Payment>(`/api/me/payments/${encodeURIComponent(paymentId)}/cancel`);
}

export function useCancelPayment() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelPayment, onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.mine() }) });
}
