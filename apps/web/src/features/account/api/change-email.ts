import type { acceptedSchema, ChangeEmailRequest } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

type Accepted = z.infer<typeof acceptedSchema>;

/** POST /api/auth/email -> 202 { message }: a link goes to the new address; nothing changes until it is opened. */
export function requestEmailChange(body: ChangeEmailRequest): Promise<Accepted> {
  return api.post<Accepted>('/api/auth/email', body);
}

export function useRequestEmailChange() {
  return useMutation({ mutationFn: requestEmailChange });
}
