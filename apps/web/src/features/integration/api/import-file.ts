import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { syncRunKeys } from '../../../lib/query-keys.ts';

export type ImportFormat = 'csv' | 'mits';

/**
 * POST /api/integration/import (landlord), multipart: the file in "file", optionally "format".
 * 202 { syncRunId }; 409 sync_in_progress (details.syncRunId), 413 over 50 MB, 400 empty.
 */
export function importFile({ file, format }: { file: File; format?: ImportFormat }): Promise<{ syncRunId: string }> {
  const body = new FormData();
  // Fields before the file: the server reads the parts in order.
  if (format) body.append('format', format);
  body.append('file', file, file.name);
  return api.post<{ syncRunId: string }>('/api/integration/import', body);
}

export function useImportFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importFile,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncRunKeys.all }),
  });
}
