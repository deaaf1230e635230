import type { Company, UpdateCompanySecurityRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys } from '../../../lib/query-keys.ts';

/** PUT /api/companies/:id/security -> the company; staff without two-factor must set it up at their next request. */
export function updateCompanySecurity(companyId: string, body: UpdateCompanySecurityRequest): Promise<Company> {
  return api.put<Company>(`/api/companies/${encodeURIComponent(companyId)}/security`, body);
}

export function useUpdateCompanySecurity(companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCompanySecurityRequest) => updateCompanySecurity(companyId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyKeys.all }),
  });
}
