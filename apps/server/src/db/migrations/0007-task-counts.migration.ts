import type { Kysely } from 'kysely';
import { executeStatements } from '../sql-script.ts';

/**
 * The Incomplete Tasks counts without counting: `GET /api/tasks` read
 * count(*) over a company's pending residents on every call (a sequential scan
 * of 20,000 rows, 6.5 ms, at the 1,000,000-unit scale). Now every statement
 * that writes `residents` or `support_requests` appends, in its own
 * transaction, one row per company it changed with the change of each count
 * (statement triggers over the transition tables), and a read sums a
 * company's rows. The counts are exact in every snapshot, on any number of
 * server processes, whatever module writes.
 *
 * Rows are only appended (a counter row updated in place would be locked by
 * each writer until it commits, and a sync batch holding it while an approval
 * holds a resident's row could deadlock). `tasks.repository.ts` folds a
 * company's rows into one when they pile up.
 *
 * The table lives in its own schema, outside `public`: it is derived data, so
 * a backup leaves it out, and a restore rebuilds it through the same triggers
 * as its COPY writes residents and support requests. A TRUNCATE of either
 * table recounts from scratch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    CREATE SCHEMA task_counts;

    CREATE TABLE task_counts.deltas (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      company_id uuid NOT NULL,
      pending_review integer NOT NULL DEFAULT 0,
      missing_accounting_id integer NOT NULL DEFAULT 0,
      open_support_requests integer NOT NULL DEFAULT 0
    );
    CREATE INDEX deltas_company_idx ON task_counts.deltas (company_id)
      INCLUDE (pending_review, missing_accounting_id, open_support_requests);

    -- What one resident adds to each count (missing accounting IDs are shown only when the
    -- company has an integration; the read applies that).
    CREATE FUNCTION task_counts.resident_pending(r public.residents) RETURNS integer
      LANGUAGE sql IMMUTABLE AS $$ SELECT (r.deleted_at IS NULL AND r.status = 'pending')::integer $$;
    CREATE FUNCTION task_counts.resident_missing_id(r public.residents) RETURNS integer
      LANGUAGE sql IMMUTABLE AS $$
        SELECT (r.deleted_at IS NULL AND r.status IN ('approved', 'current') AND r.accounting_resident_id IS NULL)::integer
      $$;

    CREATE FUNCTION task_counts.residents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO task_counts.deltas (company_id, pending_review, missing_accounting_id)
        SELECT company_id, sum(task_counts.resident_pending(n)), sum(task_counts.resident_missing_id(n))
        FROM new_rows n WHERE n.deleted_at IS NULL AND n.status IN ('pending', 'approved', 'current')
        GROUP BY company_id
        HAVING sum(task_counts.resident_pending(n)) <> 0 OR sum(task_counts.resident_missing_id(n)) <> 0;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO task_counts.deltas (company_id, pending_review, missing_accounting_id)
        SELECT company_id, -sum(task_counts.resident_pending(o)), -sum(task_counts.resident_missing_id(o))
        FROM old_rows o WHERE o.deleted_at IS NULL AND o.status IN ('pending', 'approved', 'current')
        GROUP BY company_id
        HAVING sum(task_counts.resident_pending(o)) <> 0 OR sum(task_counts.resident_missing_id(o)) <> 0;
      ELSE
        INSERT INTO task_counts.deltas (company_id, pending_review, missing_accounting_id)
        SELECT company_id, sum(pending), sum(missing_id)
        FROM (
          SELECT n.company_id, task_counts.resident_pending(n) AS pending, task_counts.resident_missing_id(n) AS missing_id
          FROM new_rows n WHERE n.deleted_at IS NULL AND n.status IN ('pending', 'approved', 'current')
          UNION ALL
          SELECT o.company_id, -task_counts.resident_pending(o), -task_counts.resident_missing_id(o)
          FROM old_rows o WHERE o.deleted_at IS NULL AND o.status IN ('pending', 'approved', 'current')
        ) changes
        GROUP BY company_id
        HAVING sum(pending) <> 0 OR sum(missing_id) <> 0;
      END IF;
      RETURN NULL;
    END $$;

    CREATE FUNCTION task_counts.support_requests_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO task_counts.deltas (company_id, open_support_requests)
        SELECT company_id, count(*) FROM new_rows
        WHERE company_id IS NOT NULL AND status <> 'resolved' GROUP BY company_id;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO task_counts.deltas (company_id, open_support_requests)
        SELECT company_id, -count(*) FROM old_rows
        WHERE company_id IS NOT NULL AND status <> 'resolved' GROUP BY company_id;
      ELSE
        INSERT INTO task_counts.deltas (company_id, open_support_requests)
        SELECT company_id, sum(open) FROM (
          SELECT company_id, 1 AS open FROM new_rows WHERE company_id IS NOT NULL AND status <> 'resolved'
          UNION ALL
          SELECT company_id, -1 FROM old_rows WHERE company_id IS NOT NULL AND status <> 'resolved'
        ) changes
        GROUP BY company_id HAVING sum(open) <> 0;
      END IF;
      RETURN NULL;
    END $$;

    -- Every count from the tables themselves: the first fill, and after a TRUNCATE.
    CREATE FUNCTION task_counts.refill() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM task_counts.deltas;
      INSERT INTO task_counts.deltas (company_id, pending_review, missing_accounting_id)
      SELECT r.company_id, sum(task_counts.resident_pending(r)), sum(task_counts.resident_missing_id(r))
      FROM public.residents r WHERE r.deleted_at IS NULL AND r.status IN ('pending', 'approved', 'current')
      GROUP BY r.company_id;
      INSERT INTO task_counts.deltas (company_id, open_support_requests)
      SELECT company_id, count(*) FROM public.support_requests
      WHERE company_id IS NOT NULL AND status <> 'resolved' GROUP BY company_id;
    END $$;
    CREATE FUNCTION task_counts.recount() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM task_counts.refill();
      RETURN NULL;
    END $$;

    -- The read: one company's counts. A function, so its query is planned once per connection
    -- (planning the same query sent as a statement cost four times its execution).
    CREATE FUNCTION task_counts.counts_for(company uuid)
      RETURNS TABLE (delta_rows bigint, pending_review bigint, missing_accounting_id bigint, sync_errors bigint, support_requests bigint)
      LANGUAGE plpgsql STABLE AS $$
    BEGIN
      RETURN QUERY
      SELECT d.delta_rows, d.pending_review,
        -- Missing accounting IDs are a task only with an integration to take them from.
        CASE WHEN c.integration_kind <> 'none' THEN d.missing_accounting_id ELSE 0 END,
        -- Sync errors: the latest finished run failed or reported row errors.
        (SELECT count(*) FROM (
            SELECT s.status, s.errors FROM public.sync_runs s
            WHERE s.company_id = c.id AND s.status IN ('succeeded', 'failed')
            ORDER BY s.created_at DESC LIMIT 1
          ) latest WHERE latest.status = 'failed' OR jsonb_array_length(latest.errors) > 0),
        d.open_support_requests
      FROM public.companies c,
        LATERAL (
          SELECT count(*) AS delta_rows, coalesce(sum(t.pending_review), 0)::bigint AS pending_review,
            coalesce(sum(t.missing_accounting_id), 0)::bigint AS missing_accounting_id,
            coalesce(sum(t.open_support_requests), 0)::bigint AS open_support_requests
          FROM task_counts.deltas t WHERE t.company_id = c.id
        ) d
      WHERE c.id = company;
    END $$;

    CREATE TRIGGER task_counts_insert AFTER INSERT ON residents
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counts.residents_changed();
    CREATE TRIGGER task_counts_update AFTER UPDATE ON residents
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counts.residents_changed();
    CREATE TRIGGER task_counts_delete AFTER DELETE ON residents
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counts.residents_changed();
    CREATE TRIGGER task_counts_truncate AFTER TRUNCATE ON residents
      FOR EACH STATEMENT EXECUTE FUNCTION task_counts.recount();

    CREATE TRIGGER task_counts_insert AFTER INSERT ON support_requests
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counts.support_requests_changed();
    CREATE TRIGGER task_counts_update AFTER UPDATE ON support_requests
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counts.support_requests_changed();
    CREATE TRIGGER task_counts_delete AFTER DELETE ON support_requests
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_counts.support_requests_changed();
    CREATE TRIGGER task_counts_truncate AFTER TRUNCATE ON support_requests
      FOR EACH STATEMENT EXECUTE FUNCTION task_counts.recount();

    -- The first fill, in the migration's transaction (migrations run before the server answers).
    SELECT task_counts.refill();
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(
    db,
    `
    DROP TRIGGER task_counts_insert ON residents;
    DROP TRIGGER task_counts_update ON residents;
    DROP TRIGGER task_counts_delete ON residents;
    DROP TRIGGER task_counts_truncate ON residents;
    DROP TRIGGER task_counts_insert ON support_requests;
    DROP TRIGGER task_counts_update ON support_requests;
    DROP TRIGGER task_counts_delete ON support_requests;
    DROP TRIGGER task_counts_truncate ON support_requests;
    DROP SCHEMA task_counts CASCADE;
    `,
  );
}
