import type { createAchFileResultSchema } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

export type CreateAchFileResult = z.infer<typeof createAchFileResultSchema>;

/** POST /api/ach-files (landlord): 201 with the file made of the entries due now, or 200 { created: false } when nothing is due. */
export function createAchFile(): Promise<CreateAchFileResult> {
  return api.post<CreateAchFileResult>('/api/ach-files');
}

export function useCreateAchFile() {
  const queryClient = useQueryClient();
  // The file moves payments to Processing: the payments list changes too.
  return useMutation({ mutationFn: createAchFile, onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }) });
}
