import { type Kysely, sql } from 'kysely';
import type { CreatedPlaces, Database, SyncRunStatus, SyncRunTrigger } from '../../db/database.types.ts';
import type { AccountingFormat, RowError } from '../../integrations/accounting/accounting-provider.ts';
import { evenChunks, type Upload } from '../../lib/upload.ts';
import type { SyncCounts } from './sync-apply.repository.ts';
import { createsPlaces } from './places.domain.ts';

export type SyncFormat = AccountingFormat;

export type SyncRun = {
  id: string;
  companyId: string;
  status: SyncRunStatus;
  trigger: SyncRunTrigger;
  format: SyncFormat | null;
  sourceName: string | null;
  progress: { processed: number; total: number | null };
  counts: SyncCounts;
  errors: RowError[];
  createdPlaces: CreatedPlaces;
  message: string | null;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

const COUNT_KEYS = ['created', 'updated', 'unchanged', 'invited', 'waiting', 'finished', 'errors', 'problems', 'propertiesCreated', 'unitsCreated'] as const;

/** Each list of created places a run keeps; its counts give the totals. */
export const MAX_CREATED_PLACES = 1000;

/** Appends a batch's created places to the run's, each list kept to MAX_CREATED_PLACES. */
export function addCreatedPlaces(into: CreatedPlaces, more: CreatedPlaces): void {
  into.properties.push(...more.properties.slice(0, Math.max(0, MAX_CREATED_PLACES - into.properties.length)));
  into.units.push(...more.units.slice(0, Math.max(0, MAX_CREATED_PLACES - into.units.length)));
}

/** What a run stores is bounded, whatever its source said: a run's message, and each row error's message and field. */
export const MAX_RUN_MESSAGE_CHARS = 2000;
export const MAX_ROW_ERROR_MESSAGE_CHARS = 300;
export const MAX_ROW_ERROR_FIELD_CHARS = 100;

/** The text cut to `max` characters, saying so and how long it was. */
export function boundedText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `… (shortened from ${text.length.toLocaleString('en-US')} characters)`;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

function boundedRowError(error: RowError): RowError {
  return {
    row: error.row,
    field: error.field === null ? null : boundedText(error.field, MAX_ROW_ERROR_FIELD_CHARS),
    message: boundedText(error.message, MAX_ROW_ERROR_MESSAGE_CHARS),
  };
}

/** A page of the sync history, newest first; `nextCursor` (the last run's id) asks for the page after it, or is null. */
export type SyncRunPage = { items: SyncRun[]; nextCursor: string | null };

function selectRuns(db: Kysely<Database>) {
  return db
    .selectFrom('sync_runs')
    .leftJoin('users', 'users.id', 'sync_runs.created_by')
    .select([
      'sync_runs.id',
      'sync_runs.company_id',
      'sync_runs.status',
      'sync_runs.trigger',
      'sync_runs.format',
      'sync_runs.source_name',
      'sync_runs.progress_processed',
      'sync_runs.progress_total',
      'sync_runs.counts',
      'sync_runs.errors',
      'sync_runs.created_places',
      'sync_runs.message',
      'sync_runs.created_at',
      'sync_runs.started_at',
      'sync_runs.finished_at',
      'users.id as user_id',
      sql<string | null>`users.first_name || ' ' || users.last_name`.as('user_name'),
    ]);
}

type RunRow = Awaited<ReturnType<ReturnType<typeof selectRuns>['executeTakeFirstOrThrow']>>;

function toSyncRun(row: RunRow, withErrors: boolean): SyncRun {
  const counts = Object.fromEntries(COUNT_KEYS.map((key) => [key, Number(row.counts?.[key] ?? 0)])) as SyncCounts;
  return {
    id: row.id,
    companyId: row.company_id,
    status: row.status,
    trigger: row.trigger,
    format: row.format,
    sourceName: row.source_name,
    progress: { processed: row.progress_processed, total: row.progress_total },
    counts,
    errors: withErrors ? row.errors : [],
    createdPlaces: withErrors ? { properties: row.created_places?.properties ?? [], units: row.created_places?.units ?? [] } : { properties: [], units: [] },
    message: row.message,
    createdBy: row.user_id ? { id: row.user_id, name: row.user_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export function createSyncRunsRepository(db: Kysely<Database>) {
  return {
    async insert(trx: Kysely<Database>, run: { companyId: string; trigger: SyncRunTrigger; format: SyncFormat | null; sourceName: string | null; createdBy: string | null }) {
      const row = await trx
        .insertInto('sync_runs')
        .values({ company_id: run.companyId, trigger: run.trigger, format: run.format, source_name: run.sourceName, created_by: run.createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async findActive(companyId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('sync_runs')
        .select('id')
        .where('company_id', '=', companyId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return row?.id;
    },

    /** Streams the upload into the run's chunks, one at a time: memory holds one chunk, whatever the file's size. */
    async saveUpload(trx: Kysely<Database>, runId: string, upload: Upload) {
      let seq = 0;
      for await (const content of evenChunks(upload.open())) {
        await trx.insertInto('sync_run_upload_chunks').values({ sync_run_id: runId, seq, content }).execute();
        seq += 1;
      }
    },

    /** The run's upload, read back a chunk at a time on each open; undefined when it has none. */
    async loadUpload(runId: string): Promise<Upload | undefined> {
      const stored = await db
        .selectFrom('sync_run_upload_chunks')
        .select([sql<number>`count(*)`.as('chunks'), sql<number>`coalesce(sum(octet_length(content)), 0)`.as('bytes')])
        .where('sync_run_id', '=', runId)
        .executeTakeFirstOrThrow();
      const chunks = Number(stored.chunks);
      if (chunks === 0) return undefined;
      return {
        sizeBytes: Number(stored.bytes),
        open: async function* () {
          for (let seq = 0; seq < chunks; seq += 1) {
            const row = await db.selectFrom('sync_run_upload_chunks').select('content').where('sync_run_id', '=', runId).where('seq', '=', seq).executeTakeFirst();
            if (!row) throw new Error(`upload chunk ${seq} of sync run ${runId} is missing`);
            yield Buffer.from(row.content);
          }
        },
      };
    },

    async find(runId: string, companyId?: string): Promise<SyncRun | undefined> {
      let query = selectRuns(db).where('sync_runs.id', '=', runId);
      if (companyId) query = query.where('sync_runs.company_id', '=', companyId);
      const row = await query.executeTakeFirst();
      return row && toSyncRun(row, true);
    },

    /** Newest first, `limit` at a time; `afterRunId` (a page's cursor) continues after that run, ties on time broken by id. */
    async list(companyId: string | undefined, limit: number, afterRunId?: string): Promise<SyncRunPage> {
      let query = selectRuns(db).orderBy('sync_runs.created_at', 'desc').orderBy('sync_runs.id', 'desc').limit(limit + 1);
      if (companyId) query = query.where('sync_runs.company_id', '=', companyId);
      // Compared in the database, at its microseconds: a cursor naming no run of the company ends the list.
      if (afterRunId) {
        const sameCompany = companyId ? sql`AND r.company_id = ${companyId}` : sql``;
        query = query.where(sql<boolean>`(sync_runs.created_at, sync_runs.id) < (SELECT r.created_at, r.id FROM sync_runs r WHERE r.id = ${afterRunId} ${sameCompany})`);
      }
      const rows = (await query.execute()).map((row) => toSyncRun(row, false));
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? last.id : null };
    },

    /** queued -> running; false when another worker took it or it was already settled. */
    async claim(runId: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('sync_runs')
        .set({ status: 'running', started_at: now, heartbeat_at: now })
        .where('id', '=', runId)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async progress(trx: Kysely<Database>, runId: string, processed: number, total: number | null, counts: SyncCounts, now: Date, createdPlaces?: CreatedPlaces) {
      await trx
        .updateTable('sync_runs')
        .set({
          progress_processed: processed,
          progress_total: total,
          counts: JSON.stringify(counts),
          heartbeat_at: now,
          ...(createdPlaces ? { created_places: JSON.stringify(createdPlaces) } : {}),
        })
        .where('id', '=', runId)
        .execute();
    },

    /** The worker is alive: only a running run beats. */
    async beat(runId: string, now: Date) {
      await db.updateTable('sync_runs').set({ heartbeat_at: now }).where('id', '=', runId).where('status', '=', 'running').execute();
    },

    async setTotal(runId: string, total: number, now: Date) {
      await db.updateTable('sync_runs').set({ progress_total: total, heartbeat_at: now }).where('id', '=', runId).execute();
    },

    /** In the caller's transaction, so the run reads as done only together with what announces it. */
    async finish(trx: Kysely<Database>, runId: string, outcome: { status: 'succeeded' | 'failed'; counts: SyncCounts; errors: RowError[]; message: string | null; processed?: number }, now: Date) {
      await trx
        .updateTable('sync_runs')
        .set({
          status: outcome.status,
          counts: JSON.stringify(outcome.counts),
          errors: JSON.stringify(outcome.errors.map(boundedRowError)),
          message: outcome.message === null ? null : boundedText(outcome.message, MAX_RUN_MESSAGE_CHARS),
          finished_at: now,
          heartbeat_at: now,
          ...(outcome.processed !== undefined ? { progress_processed: outcome.processed } : {}),
        })
        .where('id', '=', runId)
        .execute();
      await trx.deleteFrom('sync_run_upload_chunks').where('sync_run_id', '=', runId).execute();
    },

    /** The company's name and whether its runs may create properties and units (see `createsPlaces`). */
    async companyForRun(companyId: string): Promise<{ name: string; createPlaces: boolean }> {
      const company = await db
        .selectFrom('companies')
        .select(['name', 'integration_kind', 'create_properties_from_accounting'])
        .where('id', '=', companyId)
        .executeTakeFirstOrThrow();
      return { name: company.name, createPlaces: createsPlaces(company.create_properties_from_accounting, company.integration_kind) };
    },

    /** The company's active landlord staff, who hear how each run ended. */
    async staffOf(trx: Kysely<Database>, companyId: string) {
      return trx
        .selectFrom('users')
        .select(['id', 'email', 'first_name'])
        .where('company_id', '=', companyId)
        .where('role', '=', 'landlord')
        .where('disabled_at', 'is', null)
        .execute();
    },

    /** The company's residents left for staff: pending review, and waiting for an email. */
    async openResidents(trx: Kysely<Database>, companyId: string): Promise<{ pendingReview: number; waitingForEmail: number }> {
      const row = await trx
        .selectFrom('residents')
        .select((eb) => [
          eb.fn.countAll<string>().filterWhere('status', '=', 'pending').as('pending'),
          eb.fn.countAll<string>().filterWhere('status', '=', 'waiting').as('waiting'),
        ])
        .where('company_id', '=', companyId)
        .where('deleted_at', 'is', null)
        .where('status', 'in', ['pending', 'waiting'])
        .executeTakeFirstOrThrow();
      return { pendingReview: Number(row.pending), waitingForEmail: Number(row.waiting) };
    },

    /** In-app notices of a run's end, in the transaction that ends it. */
    async notify(trx: Kysely<Database>, notices: { userId: string; kind: 'sync_succeeded' | 'sync_failed'; title: string; body: string; link: string }[]) {
      if (notices.length === 0) return;
      await trx
        .insertInto('notifications')
        .values(notices.map((notice) => ({ user_id: notice.userId, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link })))
        .execute();
    },

    /**
     * Runs whose worker stopped beating (the process was killed) become
     * failed, so the company can start a new one. Returns their ids.
     */
    async failInterrupted(staleBefore: Date, now: Date): Promise<string[]> {
      const rows = await db
        .updateTable('sync_runs')
        .set({ status: 'failed', finished_at: now, message: 'Interrupted: the server stopped during this run. Rows already applied are kept; start a new run to finish the work.' })
        .where('status', '=', 'running')
        .where('heartbeat_at', '<=', staleBefore)
        .returning('id')
        .execute();
      if (rows.length > 0) await db.deleteFrom('sync_run_upload_chunks').where('sync_run_id', 'in', rows.map((r) => r.id)).execute();
      return rows.map((row) => row.id);
    },
  };
}

export type SyncRunsRepository = ReturnType<typeof createSyncRunsRepository>;
