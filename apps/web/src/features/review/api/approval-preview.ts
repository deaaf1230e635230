import type { ApprovalPreview, ApprovalPreviewRequest } from '@rentledger/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';

/** POST /api/residents/:residentId/approve/preview (landlord): the warnings a manual approval with this lease would get; changes nothing. */
export function previewApproval(residentId: string, body: ApprovalPreviewRequest): Promise<ApprovalPreview> {
  return api.post<ApprovalPreview>(`/api/residents/${encodeURIComponent(residentId)}/approve/preview`, body);
}

/** A mutation, not a query: it is asked again as the landlord types, and only its last answer matters. */
export function useApprovalPreview(residentId: string) {
  return useMutation({ mutationFn: (body: ApprovalPreviewRequest) => previewApproval(residentId, body) });
}
