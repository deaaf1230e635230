import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** SQL of the receipts SFTP delivery (issue 13): which company-days are due, and what came of each try. */
export function createReceiptsDeliveryRepository(db: Kysely<Database>) {
  return {
    /**
     * File companies with a receipts SFTP, and their ended days (company-local, before today at `now`) that have
     * a posted line and no delivery yet, oldest first.
     */
    async dueDays(now: Date, limit = 200) {
      const { rows } = await sql<{
        company_id: string;
        day: string;
        attempts: number | null;
        host: string;
        port: number;
        username: string;
        private_key_encrypted: string;
        remote_dir: string;
        host_key_sha256: string;
      }>`
        SELECT c.id AS company_id, to_char(p.receipts_day, 'YYYY-MM-DD') AS day, max(d.attempts) AS attempts,
               c.receipts_sftp_host AS host, c.receipts_sftp_port AS port, c.receipts_sftp_username AS username,
               c.receipts_sftp_private_key_encrypted AS private_key_encrypted, c.receipts_sftp_remote_dir AS remote_dir,
               c.receipts_sftp_host_key_sha256 AS host_key_sha256
        FROM companies c
        JOIN accounting_postings p ON p.company_id = c.id AND p.system = 'receipts_file' AND p.status = 'posted' AND p.receipts_day IS NOT NULL
        LEFT JOIN receipts_deliveries d ON d.company_id = c.id AND d.day = p.receipts_day
        WHERE c.receipts_sftp_host IS NOT NULL
          AND (c.integration_provider IN ('csv', 'mits') OR (c.integration_provider IS NULL AND c.integration_kind = 'file'))
          AND p.receipts_day < (${now}::timestamptz AT TIME ZONE c.timezone)::date
          AND d.delivered_at IS NULL
        GROUP BY c.id, p.receipts_day
        ORDER BY p.receipts_day, c.id
        LIMIT ${limit}
      `.execute(db);
      return rows;
    },

    async markDelivered(companyId: string, day: string, at: Date) {
      await db
        .insertInto('receipts_deliveries')
        .values({ company_id: companyId, day, delivered_at: at, last_error: null, attempts: 1, updated_at: at })
        .onConflict((oc) => oc.columns(['company_id', 'day']).doUpdateSet({ delivered_at: at, last_error: null, attempts: sql`receipts_deliveries.attempts + 1`, updated_at: at }))
        .execute();
    },

    async markFailed(companyId: string, day: string, error: string, at: Date) {
      await db
        .insertInto('receipts_deliveries')
        .values({ company_id: companyId, day, delivered_at: null, last_error: error.slice(0, 500), attempts: 1, updated_at: at })
        .onConflict((oc) => oc.columns(['company_id', 'day']).doUpdateSet({ last_error: error.slice(0, 500), attempts: sql`receipts_deliveries.attempts + 1`, updated_at: at }))
        .execute();
    },
  };
}

export type ReceiptsDeliveryRepository = ReturnType<typeof createReceiptsDeliveryRepository>;
