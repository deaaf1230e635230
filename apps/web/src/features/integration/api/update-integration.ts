import type { IntegrationSettings, UpdateIntegrationRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys, integrationKeys, taskKeys } from '../../../lib/query-keys.ts';

/** PUT /api/integration (landlord): secrets are write-only, so leaving one out keeps the stored one. */
export function updateIntegration(body: UpdateIntegrationRequest): Promise<IntegrationSettings> {
  return api.put<IntegrationSettings>('/api/integration', body);
}

export function useUpdateIntegration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateIntegration,
    onSuccess: (settings) => {
      queryClient.setQueryData(integrationKeys.settings(), settings);
      // The dashboard shows the integration kind and, for integrated companies, the accounting-ID task.
      void queryClient.invalidateQueries({ queryKey: companyKeys.all });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}
