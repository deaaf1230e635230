import type { ActiveSession, activeSessionsResponseSchema } from '@rentledger/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { accountKeys } from '../../../lib/query-keys.ts';

/** GET /api/auth/sessions: the user's own active sessions, newest activity first. */
export async function getSessions(signal?: AbortSignal): Promise<ActiveSession[]> {
  return (await api.get<z.infer<typeof activeSessionsResponseSchema>>('/api/auth/sessions', { signal })).sessions;
}

export function useSessions() {
  return useQuery({ queryKey: accountKeys.sessions(), queryFn: ({ signal }) => getSessions(signal) });
}
