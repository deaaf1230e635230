import type { Principal } from '../auth/principal.ts';
import type { NotificationsRepository } from './notifications.repository.ts';

/** How many notifications the bell shows. */
const LIST_LIMIT = 50;

/** Everyone reads and clears their own notifications; other modules add them through the repository, in their transactions. */
export function createNotificationsService({ repository }: { repository: NotificationsRepository }) {
  return {
    listFor: (principal: Principal) => repository.listFor(principal.userId, LIST_LIMIT),
    markAllRead: (principal: Principal) => repository.markAllRead(principal.userId),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
