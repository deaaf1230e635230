import type { AlertPreferences } from '@rentledger/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentAlertKeys } from '../../../lib/query-keys.ts';

/** GET /api/me/alert-preferences (staff): how payment alerts are emailed to you. */
export function getAlertPreferences(signal?: AbortSignal): Promise<AlertPreferences> {
  return api.get<AlertPreferences>('/api/me/alert-preferences', { signal });
}

export function useAlertPreferences() {
  return useQuery({ queryKey: paymentAlertKeys.preferences(), queryFn: ({ signal }) => getAlertPreferences(signal) });
}
