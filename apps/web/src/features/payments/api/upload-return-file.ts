import type { ReturnFileSummary } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

/**
 * POST /api/ach-returns (landlord), multipart: the bank's return or NOC file in "file". 200 with what it changed
 * (the same file again changes nothing: alreadyRead); 400 return_file_invalid names each bad line ("line N").
 */
export function uploadReturnFile(file: File): Promise<ReturnFileSummary> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api.post<ReturnFileSummary>('/api/ach-returns', body);
}

export function useUploadReturnFile() {
  const queryClient = useQueryClient();
  // Returns change payments (Returned, retries), bank accounts and the files read: refresh the whole feature.
  return useMutation({ mutationFn: uploadReturnFile, onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.all }) });
}
