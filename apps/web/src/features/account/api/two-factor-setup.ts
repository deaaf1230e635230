import type { TwoFactorSetupResponse } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** POST /api/auth/two-factor/setup -> { secret, otpauthUrl }, shown once; not on until confirmed. */
export function startTwoFactorSetup(): Promise<TwoFactorSetupResponse> {
  return api.post<TwoFactorSetupResponse>('/api/auth/two-factor/setup');
}

export function useStartTwoFactorSetup() {
  return useMutation({ mutationFn: startTwoFactorSetup });
}
