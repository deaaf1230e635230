import type { CreateStaffRequest, StaffUser } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { companyKeys } from '../../../lib/query-keys.ts';

/** POST /api/companies/:companyId/staff (support) -> 201 StaffUser; 409 email_taken. */
export function createStaff(companyId: string, body: CreateStaffRequest): Promise<StaffUser> {
  return api.post<StaffUser>(`/api/companies/${encodeURIComponent(companyId)}/staff`, body);
}

export function useCreateStaff(companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStaffRequest) => createStaff(companyId, body),
    // The companies list shows staff counts, so it is stale too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companyKeys.all }),
  });
}
