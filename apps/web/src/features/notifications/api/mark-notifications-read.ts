import type { okSchema } from '@rentledger/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { notificationKeys } from '../../../lib/query-keys.ts';
import type { NotificationList } from './get-notifications.ts';

/** POST /api/notifications/read: marks all of the user's notifications read. */
export async function markNotificationsRead(): Promise<void> {
  await api.post<z.infer<typeof okSchema>>('/api/notifications/read');
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: () => {
      const readAt = new Date().toISOString();
      queryClient.setQueryData<NotificationList>(notificationKeys.list(), (list) =>
        list ? { unread: 0, items: list.items.map((item) => ({ ...item, readAt: item.readAt ?? readAt })) } : list,
      );
      return queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
}
