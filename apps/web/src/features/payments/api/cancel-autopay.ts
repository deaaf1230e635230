import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** DELETE /api/me/autopay/:residentId (resident) -> 204: the plan stops, its payments not yet sent to the bank are cancelled. */
export function cancelAutopay(residentId: string): Promise<void> {
  return api.delete(`/api/me/autopay/${encodeURIComponent(residentId)}`);
}

export function useCancelAutopay(residentId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => cancelAutopay(residentId), onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }) });
}
