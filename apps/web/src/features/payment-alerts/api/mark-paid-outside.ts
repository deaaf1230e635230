import type { PaidOutsideRequest, rentPeriodsSchema } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { paymentAlertKeys, taskKeys } from '../../../lib/query-keys.ts';

/** POST /api/residents/:residentId/paid-outside (landlord): rent paid outside RentLedger; audited. Resolves the month's alerts. */
export function markPaidOutside(residentId: string, body: PaidOutsideRequest): Promise<z.infer<typeof rentPeriodsSchema>> {
  return api.post(`/api/residents/${encodeURIComponent(residentId)}/paid-outside`, body);
}

export function useMarkPaidOutside() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ residentId, body }: { residentId: string; body: PaidOutsideRequest }) => markPaidOutside(residentId, body),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: paymentAlertKeys.all }), queryClient.invalidateQueries({ queryKey: taskKeys.all })]),
  });
}
