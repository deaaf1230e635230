import type { notificationListSchema } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { notificationKeys } from '../../../lib/query-keys.ts';

export type NotificationList = z.infer<typeof notificationListSchema>;
export type AppNotification = NotificationList['items'][number];

/** GET /api/notifications (every role): the latest notifications, newest first, and the unread count. */
export function getNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return api.get<NotificationList>('/api/notifications', { signal });
}

export const notificationsQueryOptions = () =>
  queryOptions({
    queryKey: notificationKeys.list(),
    queryFn: ({ signal }) => getNotifications(signal),
    staleTime: 0,
    // A new sign-up or an answer from support shows up within half a minute.
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });

export function useNotifications() {
  return useQuery(notificationsQueryOptions());
}
