import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

export type NewNotification = { userId: string; kind: string; title: string; body: string; link: string | null };

export function createNotificationsRepository(db: Kysely<Database>) {
  return {
    /** In the caller's transaction, with the change it tells about. */
    async insert(trx: Kysely<Database>, notifications: NewNotification[]) {
      if (notifications.length === 0) return;
      await trx
        .insertInto('notifications')
        .values(notifications.map((n) => ({ user_id: n.userId, kind: n.kind, title: n.title, body: n.body, link: n.link })))
        .execute();
    },

    async listFor(userId: string, limit: number) {
      const [rows, unread] = await Promise.all([
        db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
        db
          .selectFrom('notifications')
          .select(sql<number>`count(*)`.as('n'))
          .where('user_id', '=', userId)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      return {
        unread: Number(unread.n),
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          title: row.title,
          body: row.body,
          link: row.link,
          createdAt: row.created_at.toISOString(),
          readAt: row.read_at?.toISOString() ?? null,
        })),
      };
    },

    async markAllRead(userId: string) {
      await db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
