import type { IntegrationSettings } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { integrationKeys } from '../../../lib/query-keys.ts';

/** GET /api/integration (landlord): provider and settings; secrets only as "set or not". */
export function getIntegration(signal?: AbortSignal): Promise<IntegrationSettings> {
  return api.get<IntegrationSettings>('/api/integration', { signal });
}

export const integrationQueryOptions = () => queryOptions({ queryKey: integrationKeys.settings(), queryFn: ({ signal }) => getIntegration(signal) });

export function useIntegration() {
  return useQuery(integrationQueryOptions());
}
