import type { Company, CreateCompanyRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys } from '../../../lib/query-keys.ts';

/** POST /api/companies (support) -> 201 Company; 409 slug_taken. */
export function createCompany(body: CreateCompanyRequest): Promise<Company> {
  return api.post<Company>('/api/companies', body);
}

export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCompany,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyKeys.all }),
  });
}
