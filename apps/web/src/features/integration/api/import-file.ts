import type { SYNC_FORMATS, startSyncResponseSchema } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { syncRunKeys } from '../../../lib/query-keys.ts';

/** The sync formats that come as a file (the others are fetched from the provider's API). */
export type ImportFormat = Extract<(typeof SYNC_FORMATS)[number], 'csv' | 'mits'>;

type SyncStarted = z.infer<typeof startSyncResponseSchema>;

/**
 * POST /api/integration/import (landlord), multipart: the file in "file", optionally "format".
 * 202 { syncRunId }; 409 sync_in_progress (details.syncRunId), 413 over 50 MB, 400 empty.
 */
export function importFile({ file, format }: { file: File; format?: ImportFormat }): Promise<SyncStarted> {
  const body = new FormData();
  // Fields before the file: the server reads the parts in order.
  if (format) body.append('format', format);
  body.append('file', file, file.name);
  return api.post<SyncStarted>('/api/integration/import', body);
}

export function useImportFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importFile,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncRunKeys.all }),
  });
}
