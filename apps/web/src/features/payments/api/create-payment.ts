import type { CreatePayment, Payment } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/**
 * POST /api/me/payments (resident) with an Idempotency-Key: the same key answers with the payment the first
 * request made, so a retried or doubled submit never pays twice.
 */
export function createPayment(body: CreatePayment, idempotencyKey: string): Promise<Payment> {
  return api.post<Payment>('/api/me/payments', body, { headers: { 'idempotency-key': idempotencyKey } });
}

export function useCreatePayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreatePayment; idempotencyKey: string }) => createPayment(body, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.mine() }),
  });
}
