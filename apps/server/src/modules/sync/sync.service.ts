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
import { applyBatch, emptyCounts, type SyncCounts } from './sync-apply.repository.ts';
import type { SyncFormat, SyncRun, SyncRunsRepository } from './sync-runs.repository.ts';
import { syncRunFinishedJob, syncRunJob } from './sync.jobs.ts';
import { staffEmailReason } from './sync.domain.ts';

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


export function createSyncService(deps: Deps) {
  const { db, runs, jobs, mailer, invitations, openSource, appUrl } = deps;
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const batchSize = deps.batchSize ?? 2000;
  const staleSeconds = deps.staleSeconds ?? 60;
  const batchPauseMs = deps.batchPauseMs ?? 0;
  const maxStoredErrors = deps.maxStoredErrors ?? 1000;
  /** Runs executing in this process, so a run that is started here can also be awaited here (CLI, tests). */
  const inProcess = new Map<string, Promise<void>>();

  async function start(actorUserId: string | null, companyId: string, input: StartRunInput): Promise<string> {
    try {
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
    } catch (error) {
      if (isUniqueViolation(error, 'sync_runs_one_active_per_company')) {
        const running = await runs.findActive(companyId);
        throw new AppError('conflict', 'sync_in_progress', 'A sync of this company is already running; wait for it to finish', { syncRunId: running ?? null });
      }
      throw error;
    }
  }

  /** Reads the source once, applying rows a batch per transaction, and collects row errors. */
  async function applyAll(run: SyncRun, source: SyncSource, estimatedTotal: number | null, companyName: string, counts: SyncCounts, errors: RowError[]) {
    let processed = 0;
    let total = estimatedTotal;
    let batch: AccountingRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      await db.transaction().execute(async (trx) => {
        const outcome = await applyBatch(trx, { companyId: run.companyId, runId: run.id, actorUserId: run.createdBy?.id ?? null }, rows);
        await invitations.issue(trx, outcome.invitees, { companyId: run.companyId, companyName, createdBy: run.createdBy?.id ?? null });
        for (const key of Object.keys(outcome.counts) as (keyof SyncCounts)[]) counts[key] += outcome.counts[key];
        errors.push(...outcome.errors);
        await runs.progress(trx, run.id, processed, total === null ? null : Math.max(total, processed), counts, now());
      });
    };
    const rowsInError = new Set<number>();
    for await (const item of source.read({ onTotal: (exact) => (total = exact) })) {
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

  async function execute(runId: string): Promise<void> {
    if (!(await runs.claim(runId, now()))) return;
    const run = await runs.find(runId);
    if (!run) return;
    const companyName = await runs.companyName(run.companyId);
    const counts = emptyCounts();
    const errors: RowError[] = [];
    let succeeded = false;
    let retryable = false;
    let message: string | null = null;
    try {
      const source = await openSource(run, await runs.loadUpload(runId));
      const estimatedTotal = source.preflight ? await source.preflight() : source.estimatedTotal;
      if (estimatedTotal !== null) await runs.setTotal(runId, estimatedTotal, now());
      const processed = await applyAll(run, source, estimatedTotal, companyName, counts, errors);
      const rowsInError = new Set(errors.map((error) => error.row ?? -1)).size;
      succeeded = true;
      message = rowsInError > 0 ? `${rowsInError} of ${processed} rows could not be imported; the others were applied.` : null;
    } catch (error) {
      message = error instanceof SourceError ? error.message : `Unexpected error: ${(error as Error).message}`;
      const applied = counts.created + counts.updated + counts.unchanged;
      if (applied > 0) message += ` The ${applied} rows read before this were applied; fix the file and import it again to finish.`;
      retryable = error instanceof SourceError && error.retryable;
      if (!(error instanceof SourceError)) logger.error({ err: error, syncRunId: runId }, 'Sync run failed unexpectedly');
    }
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const finalCounts = { ...counts, errors: new Set(errors.map((error) => error.row ?? -1)).size };
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
      const done = execute(runId).finally(() => inProcess.delete(runId));
      inProcess.set(runId, done);
      await done;
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

    async list(principal: Principal, limit = 50): Promise<SyncRun[]> {
      return runs.list(companyFilterFor(principal, undefined), limit);
    },

    /** Fails runs whose worker died: no heartbeat for staleSeconds (another live process may be running one). */
    failInterrupted: () => runs.failInterrupted(new Date(now().getTime() - staleSeconds * 1000), now()),
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
