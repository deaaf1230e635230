import type { Kysely } from 'kysely';
import type { Database, SyncRunTrigger } from '../../db/database.types.ts';
import { AppError, isUniqueViolation, notFound } from '../../lib/app-error.ts';
import { type AccountingRow, type RowError, SourceError, type SyncSource } from '../../integrations/accounting/accounting-provider.ts';
import { type Logger, silentLogger } from '../../jobs/job-definition.ts';
import type { InlineJobs, JobQueue } from '../../jobs/job-queue.ts';
import type { Upload } from '../../lib/upload.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { companyFilterFor } from '../auth/company-access.ts';
import type { Principal } from '../auth/principal.ts';
import { syncSummaryEmail } from '../email/email-templates.ts';
import type { Mailer } from '../email/mailer.ts';
import type { InvitationsService } from '../invitations/invitations.service.ts';
import type { CreatedPlaces } from '../../db/database.types.ts';
import { applyBatch, emptyCounts, type SyncCounts } from './sync-apply.repository.ts';
import { errorCounts } from './places.domain.ts';
import { addCreatedPlaces, type SyncFormat, type SyncRun, type SyncRunPage, type SyncRunsRepository } from './sync-runs.repository.ts';
import { syncRunFinishedJob, syncRunJob } from './sync.jobs.ts';
import { runMessage, staffEmailReason } from './sync.domain.ts';

export type { SyncSource };

export type SourceOpener = (run: SyncRun, upload: Upload | undefined) => Promise<SyncSource>;

type Deps = {
  db: Kysely<Database>;
  runs: SyncRunsRepository;
  jobs: JobQueue | null;
  /** Without a queue, the run's follow-up jobs (sync-run-finished) run here, once the run is finished. */
  inlineJobs?: InlineJobs;
  logger?: Logger;
  mailer: Mailer;
  invitations: InvitationsService;
  openSource: SourceOpener;
  appUrl: string;
  batchSize?: number;
  staleSeconds?: number;
  /** Pause after each batch; 0 still yields to waiting requests. */
  batchPauseMs?: number;
  now?: () => Date;
  /** Stored row errors per run; the count covers them all. */
  maxStoredErrors?: number;
  /** A scheduled run failed for a passing reason (timeout, 5xx): the company's next scheduled tick may try again. */
  allowScheduledRetry?: (companyId: string) => Promise<void>;
};

export type StartRunInput = { trigger: SyncRunTrigger; format: SyncFormat | null; sourceName?: string | null; upload?: Upload };

/** The process is stopping (SIGTERM, SIGINT): a run ends after the batch in flight, whole. */
class RunInterrupted extends Error {
  constructor(readonly reason: string) {
    super(`interrupted: ${reason}`);
  }
}


export function createSyncService(deps: Deps) {
  const { db, runs, jobs, mailer, invitations, openSource, appUrl } = deps;
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const batchSize = deps.batchSize ?? 2000;
  const staleSeconds = deps.staleSeconds ?? 60;
  const batchPauseMs = deps.batchPauseMs ?? 0;
  const maxStoredErrors = deps.maxStoredErrors ?? 1000;
  /** Every execution in this process, whoever started it (the job queue, the CLI), so shutdown can wait for them. */
  const executing = new Set<Promise<void>>();
  /** Set when the process is stopping: runs end after the batch in flight and are marked interrupted. */
  let stoppingFor: string | null = null;
  const throwIfStopping = () => {
    if (stoppingFor) throw new RunInterrupted(stoppingFor);
  };
  const failInterrupted = () => runs.failInterrupted(new Date(now().getTime() - staleSeconds * 1000), now());

  async function start(actorUserId: string | null, companyId: string, input: StartRunInput): Promise<string> {
    // A run left running by a process that is gone (no heartbeat for staleSeconds) no longer blocks this one.
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await insertRun(actorUserId, companyId, input);
      } catch (error) {
        if (!isUniqueViolation(error, 'sync_runs_one_active_per_company')) throw error;
        if (attempt === 1 && (await failInterrupted()).length > 0) continue;
        const running = await runs.findActive(companyId);
        throw new AppError('conflict', 'sync_in_progress', 'A sync of this company is already running; wait for it to finish', { syncRunId: running ?? null });
      }
    }
  }

  async function insertRun(actorUserId: string | null, companyId: string, input: StartRunInput): Promise<string> {
    return await db.transaction().execute(async (trx) => {
      const runId = await runs.insert(trx, { companyId, trigger: input.trigger, format: input.format, sourceName: input.sourceName ?? null, createdBy: actorUserId });
      if (input.upload) await runs.saveUpload(trx, runId, input.upload);
      if (jobs) await jobs.send(syncRunJob, { syncRunId: runId }, { trx });
      await recordAudit(trx, {
        actorUserId,
        companyId,
        action: 'sync_run.started',
        entityType: 'sync_run',
        entityId: runId,
        after: { trigger: input.trigger, format: input.format, sourceName: input.sourceName ?? null },
      });
      return runId;
    });
  }

  /**
   * Reads the source once, applying rows a batch per transaction, and collects row errors. While a batch is applied
   * (the database's work) the next one is read and parsed (this process's): at most one batch is in flight, and
   * batches commit in file order.
   */
  type RunCompany = { name: string; createPlaces: boolean };

  async function applyAll(run: SyncRun, source: SyncSource, estimatedTotal: number | null, company: RunCompany, counts: SyncCounts, errors: RowError[], createdPlaces: CreatedPlaces) {
    let processed = 0;
    let total = estimatedTotal;
    let batch: AccountingRow[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    const apply = async (rows: AccountingRow[], processedThrough: number) => {
      await db.transaction().execute(async (trx) => {
        const outcome = await applyBatch(trx, { companyId: run.companyId, runId: run.id, actorUserId: run.createdBy?.id ?? null, allowCreate: company.createPlaces }, rows);
        await invitations.issue(trx, outcome.invitees, { companyId: run.companyId, companyName: company.name, createdBy: run.createdBy?.id ?? null });
        for (const key of Object.keys(outcome.counts) as (keyof SyncCounts)[]) counts[key] += outcome.counts[key];
        errors.push(...outcome.errors);
        // Rows in error and problems are counted over the whole run (the source's errors too), never summed per batch.
        Object.assign(counts, errorCounts(errors));
        addCreatedPlaces(createdPlaces, outcome.createdPlaces);
        await runs.progress(trx, run.id, processedThrough, total === null ? null : Math.max(total, processedThrough), counts, now(), createdPlaces);
      });
    };
    const flush = async () => {
      await inFlight;
      if (batch.length === 0) return;
      const applying = apply(batch, processed);
      batch = [];
      // Awaited before the next batch starts or the run ends; a failure surfaces there.
      applying.catch(() => undefined);
      inFlight = applying;
    };
    const rowsInError = new Set<number>();
    try {
      for await (const item of source.read({ onTotal: (exact) => (total = exact) })) {
        // Stopping: the rows read since the last batch are left unapplied, so only whole batches are in the database.
        throwIfStopping();
        if (item.kind === 'error') {
          errors.push(item.error);
          if (!rowsInError.has(item.error.row ?? -1)) {
            rowsInError.add(item.error.row ?? -1);
            processed += 1;
          }
          continue;
        }
        batch.push(item.row);
        processed += 1;
        if (batch.length >= batchSize) {
          await flush();
          // Between batches, yield to waiting requests (and throttle when SYNC_BATCH_PAUSE_MS asks).
          await new Promise((resolve) => setTimeout(resolve, batchPauseMs));
        }
      }
      await flush();
    } finally {
      // The batch in flight commits or rolls back whole before the run is marked, whatever ended the reading.
      await inFlight.catch(() => undefined);
    }
    await inFlight;
    Object.assign(counts, errorCounts(errors));
    await runs.progress(db, run.id, processed, processed, counts, now());
    return processed;
  }

  async function notifyStaff(trx: Kysely<Database>, run: SyncRun, companyName: string, succeeded: boolean, counts: SyncCounts, message: string | null) {
    const staff = await runs.staffOf(trx, run.companyId);
    const link = `${appUrl}/app/sync-runs/${run.id}`;
    // Every run ends with an in-app notice; an email only when there is something to do.
    const emailed = staffEmailReason({ succeeded, counts, open: await runs.openResidents(trx, run.companyId) }) !== null;
    await mailer.queue(
      trx,
      (emailed ? staff : []).map((user) => ({
        idempotencyKey: `sync-summary:${run.id}:${user.id}`,
        companyId: run.companyId,
        to: user.email,
        ...syncSummaryEmail({ firstName: user.first_name, companyName, succeeded, counts, message, link }),
      })),
    );
    await runs.notify(
      trx,
      staff.map((user) => ({
        userId: user.id,
        kind: succeeded ? 'sync_succeeded' : 'sync_failed',
        title: succeeded ? 'Accounting sync finished' : 'Accounting sync failed',
        body: message ?? `${counts.created} created, ${counts.updated} updated, ${counts.errors} rows in error`,
        link: `/app/sync-runs/${run.id}`,
      })),
    );
  }

  /** Executes a run; tracked, so shutdown can wait for it to end. */
  function execute(runId: string): Promise<void> {
    const done = executeRun(runId).finally(() => executing.delete(done));
    executing.add(done);
    return done;
  }

  async function executeRun(runId: string): Promise<void> {
    if (!(await runs.claim(runId, now()))) return;
    const run = await runs.find(runId);
    if (!run) return;
    const company = await runs.companyForRun(run.companyId);
    const companyName = company.name;
    const counts = emptyCounts();
    const errors: RowError[] = [];
    const createdPlaces: CreatedPlaces = { properties: [], units: [] };
    let succeeded = false;
    let retryable = false;
    let message: string | null = null;
    // The heartbeat says this process is alive and working on the run, even while a source is slow (a preflight,
    // an API call): another process takes the run as interrupted only once it stops (sync-fail-interrupted).
    const heartbeat = setInterval(() => {
      runs.beat(runId, now()).catch((error: unknown) => logger.warn({ err: error, syncRunId: runId }, 'Could not record the sync run heartbeat'));
    }, Math.max(1, staleSeconds / 3) * 1000);
    heartbeat.unref();
    try {
      throwIfStopping();
      const source = await openSource(run, await runs.loadUpload(runId));
      const estimatedTotal = source.preflight ? await source.preflight() : source.estimatedTotal;
      throwIfStopping();
      if (estimatedTotal !== null) await runs.setTotal(runId, estimatedTotal, now());
      const processed = await applyAll(run, source, estimatedTotal, company, counts, errors, createdPlaces);
      succeeded = true;
      message = runMessage(processed, errorCounts(errors), counts);
    } catch (error) {
      const applied = counts.created + counts.updated + counts.unchanged;
      if (error instanceof RunInterrupted) {
        message =
          `Interrupted: ${error.reason} during this run. ` +
          (applied > 0 ? `The ${applied} rows applied before it stopped are kept; ` : 'No rows were applied; ') +
          `start a new run (${run.sourceName ? 'import the file again' : 'Sync Now'}) to finish the work.`;
        retryable = true;
        logger.warn({ syncRunId: runId, applied }, `Sync run interrupted: ${error.reason}`);
      } else {
        message = error instanceof SourceError ? error.message : `Unexpected error: ${(error as Error).message}`;
        if (applied > 0) message += ` The ${applied} rows read before this were applied; fix the file and import it again to finish.`;
        retryable = error instanceof SourceError && error.retryable;
        if (!(error instanceof SourceError)) logger.error({ err: error, syncRunId: runId }, 'Sync run failed unexpectedly');
      }
    } finally {
      clearInterval(heartbeat);
    }
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const finalCounts = { ...counts, ...errorCounts(errors) };
    if (run.trigger === 'schedule' && !succeeded && retryable && deps.allowScheduledRetry) {
      await deps.allowScheduledRetry(run.companyId).catch((error: unknown) => logger.error({ err: error, syncRunId: runId }, 'Could not allow a retry of the scheduled sync'));
    }
    // The summary and the sync-run-finished job are queued with the run's end, so whoever sees the run done
    // also finds its emails, and its follow-up (re-matching pending residents) exists exactly when it is done.
    const finished = { companyId: run.companyId, syncRunId: runId, succeeded };
    await db.transaction().execute(async (trx) => {
      await runs.finish(trx, runId, { status: succeeded ? 'succeeded' : 'failed', counts: finalCounts, errors: errors.slice(0, maxStoredErrors), message }, now());
      await notifyStaff(trx, run, companyName, succeeded, finalCounts, message);
      if (jobs) await jobs.send(syncRunFinishedJob, finished, { trx });
    });
    // Without a queue (the CLI, tests), the follow-up runs here, before the caller reads the outcome.
    if (!jobs) await deps.inlineJobs?.run(syncRunFinishedJob, finished);
  }

  return {
    start,
    execute,

    /** Starts a run and executes it in this process without waiting for the job queue (CLI, demo load, tests). */
    async startAndRun(actorUserId: string | null, companyId: string, input: StartRunInput) {
      const runId = await start(actorUserId, companyId, input);
      await execute(runId);
      return runId;
    },

    async get(principal: Principal, runId: string): Promise<SyncRun> {
      const companyId = companyFilterFor(principal, undefined);
      const run = await runs.find(runId, companyId);
      if (!run) throw notFound('Sync run');
      return run;
    },

    /** A run by id with no access rule: for the CLI, which started it. */
    find: (runId: string) => runs.find(runId),

    /** A page of the history, newest first: `cursor` is the page before's `nextCursor`. */
    async list(principal: Principal, page: { limit?: number; cursor?: string } = {}): Promise<SyncRunPage> {
      return runs.list(companyFilterFor(principal, undefined), page.limit ?? 50, page.cursor);
    },

    /** Fails runs whose worker died: no heartbeat for staleSeconds (another live process may be running one). */
    failInterrupted,

    /**
     * The process is stopping: each run in this process ends after its batch in flight (committed whole) and is
     * marked interrupted, its message saying why (`reason`: "the server was stopped (SIGTERM)"); a run due to start
     * is marked so at once. Resolves when they have all ended.
     */
    async interrupt(reason: string): Promise<void> {
      stoppingFor ??= reason;
      await Promise.allSettled([...executing]);
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
