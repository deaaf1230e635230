import type { Tasks } from '@rentledger/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.types.ts';

/** The counts behind a company's Incomplete Tasks, in one round trip. */
export function createTasksRepository(db: Kysely<Database>) {
  return {
    async countsFor(companyId: string): Promise<Tasks> {
      const { rows } = await sql<{
        pending_review: number;
        missing_accounting_id: number;
        sync_errors: number;
        support_requests: number;
      }>`
        SELECT
          (SELECT count(*) FROM residents r
            WHERE r.company_id = ${companyId} AND r.deleted_at IS NULL AND r.status = 'pending') AS pending_review,
          (SELECT count(*) FROM residents r JOIN companies c ON c.id = r.company_id
            WHERE r.company_id = ${companyId} AND r.deleted_at IS NULL AND c.integration_kind <> 'none'
              AND r.status IN ('approved', 'current') AND r.accounting_resident_id IS NULL) AS missing_accounting_id,
          (SELECT count(*) FROM (
              SELECT DISTINCT ON (s.company_id) s.status, s.errors FROM sync_runs s
              WHERE s.company_id = ${companyId} AND s.status IN ('succeeded', 'failed')
              ORDER BY s.company_id, s.created_at DESC
            ) latest WHERE latest.status = 'failed' OR jsonb_array_length(latest.errors) > 0) AS sync_errors,
          (SELECT count(*) FROM support_requests sr
            WHERE sr.company_id = ${companyId} AND sr.status <> 'resolved') AS support_requests
      `.execute(db);
      const row = rows[0];
      return {
        pendingReview: Number(row?.pending_review ?? 0),
        missingAccountingId: Number(row?.missing_accounting_id ?? 0),
        syncErrors: Number(row?.sync_errors ?? 0),
        supportRequests: Number(row?.support_requests ?? 0),
      };
    },
  };
}
