import type { PaymentSettings, PaymentSettingsInput } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/** PUT /api/payment-settings (landlord): 400 names each field the bank would refuse. */
export function putPaymentSettings(body: PaymentSettingsInput): Promise<PaymentSettings> {
  return api.put<PaymentSettings>('/api/payment-settings', body);
}

export function usePutPaymentSettings() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: putPaymentSettings, onSuccess: (settings) => queryClient.setQueryData(paymentKeys.settings(), settings) });
}
