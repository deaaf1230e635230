import type { RecoveryCodesResponse } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** POST /api/auth/two-factor/confirm { code } -> { recoveryCodes } (ten, shown once). The session is refetched by the caller. */
export function confirmTwoFactor(code: string): Promise<RecoveryCodesResponse> {
  return api.post<RecoveryCodesResponse>('/api/auth/two-factor/confirm', { code });
}

export function useConfirmTwoFactor() {
  return useMutation({ mutationFn: confirmTwoFactor });
}
