import type { Tasks } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { taskKeys } from '../../../lib/query-keys.ts';

/** GET /api/tasks (landlord): the counts behind Incomplete Tasks. */
export function getTasks(signal?: AbortSignal): Promise<Tasks> {
  return api.get<Tasks>('/api/tasks', { signal });
}

export const tasksQueryOptions = () => queryOptions({ queryKey: taskKeys.counts(), queryFn: ({ signal }) => getTasks(signal) });

export function useTasks() {
  return useQuery(tasksQueryOptions());
}
