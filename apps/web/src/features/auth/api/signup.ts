import type { SignupAccepted, SignupRequest } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** POST /api/auth/signup (public) -> 202 { status: 'check_email' }: no session; the emailed link confirms the address. */
export function signup(body: SignupRequest): Promise<SignupAccepted> {
  return api.post<SignupAccepted>('/api/auth/signup', body);
}

export function useSignup() {
  return useMutation({ mutationFn: signup });
}
