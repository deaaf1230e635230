import type { Autopay, PutAutopay } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** PUT /api/me/autopay/:residentId (resident): sets the plan (replacing the one there was); 400 names the fields. */
export function putAutopay(residentId: string, body: PutAutopay): Promise<Autopay> {
  return api.put<Autopay>(`/api/me/autopay/${encodeURIComponent(residentId)}`, body);
}

export function usePutAutopay(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutAutopay) => putAutopay(residentId, body),
    // A replaced plan's scheduled debits are cancelled: the payment history changes too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }),
  });
}
