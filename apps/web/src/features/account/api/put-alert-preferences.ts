import type { AlertPreferences } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentAlertKeys } from '../../../lib/query-keys.ts';

/** PUT /api/me/alert-preferences (staff): each alert emailed at once, or one digest a day at 08:00; audited. */
export function putAlertPreferences(body: AlertPreferences): Promise<AlertPreferences> {
  return api.put<AlertPreferences>('/api/me/alert-preferences', body);
}

export function usePutAlertPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putAlertPreferences,
    onSuccess: (saved) => queryClient.setQueryData(paymentAlertKeys.preferences(), saved),
  });
}
