import type { RentReminder } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentAlertKeys } from '../../../lib/query-keys.ts';

/** POST /api/residents/:residentId/rent-reminders (landlord): emails and notifies the resident; once a day (409). */
export function sendRentReminder(residentId: string, month: string): Promise<RentReminder> {
  return api.post<RentReminder>(`/api/residents/${encodeURIComponent(residentId)}/rent-reminders`, { month });
}

export function useSendRentReminder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ residentId, month }: { residentId: string; month: string }) => sendRentReminder(residentId, month),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentAlertKeys.all }),
  });
}
