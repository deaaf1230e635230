import type { columnSuggestionSchema } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';

export type ColumnSuggestion = z.infer<typeof columnSuggestionSchema>;

/** POST /api/integration/csv-columns (landlord): a mapping proposed from a rent roll's header line. */
export function suggestCsvColumns(headerLine: string): Promise<ColumnSuggestion> {
  return api.post<ColumnSuggestion>('/api/integration/csv-columns', { headerLine });
}

export function useSuggestCsvColumns() {
  return useMutation({ mutationFn: suggestCsvColumns });
}
