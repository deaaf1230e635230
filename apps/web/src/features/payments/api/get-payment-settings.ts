import type { PaymentSettings } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** GET /api/payment-settings (landlord): the bank's originator settings; secrets come back as last 4 only. */
export function getPaymentSettings(signal?: AbortSignal): Promise<PaymentSettings> {
  return api.get<PaymentSettings>('/api/payment-settings', { signal });
}

export const paymentSettingsQueryOptions = () => queryOptions({ queryKey: paymentKeys.settings(), queryFn: ({ signal }) => getPaymentSettings(signal) });

export function usePaymentSettings() {
  return useQuery(paymentSettingsQueryOptions());
}
