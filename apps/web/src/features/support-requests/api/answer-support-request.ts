import type { answerSupportRequestSchema, SupportRequest } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { supportRequestKeys } from '../../../lib/query-keys.ts';

export type AnswerSupportRequest = z.infer<typeof answerSupportRequestSchema>;

/** PATCH /api/support-requests/:id (support) { answer, status }: the requester is told by email and in the app. */
export function answerSupportRequest(supportRequestId: string, body: AnswerSupportRequest): Promise<SupportRequest> {
  return api.patch<SupportRequest>(`/api/support-requests/${encodeURIComponent(supportRequestId)}`, body);
}

export function useAnswerSupportRequest(supportRequestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AnswerSupportRequest) => answerSupportRequest(supportRequestId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportRequestKeys.all }),
  });
}
