import path from 'node:path';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { passwordSchema, emailSchema } from '@rentledger/contracts';
import { createServices } from '../composition.ts';
import { ConfigError, loadConfig, SHUTDOWN_DEADLINE_MS } from '../config/config.ts';
import { BackupError, checkRestore, loadBackup, writeBackup } from '../db/backup.ts';
import { openConfiguredDatabase } from '../db/database.ts';
import { EmbeddedPostgresError } from '../db/embedded-postgres.ts';
import { migrateTo, migrateToLatest } from '../db/migrator.ts';
import type { Logger } from '../jobs/job-definition.ts';
import { createEncryptor, resolveSecretKey } from '../lib/encryption.ts';
import { AppError } from '../lib/app-error.ts';
import { uploadFromFile, uploadHead } from '../lib/upload.ts';
import { recordAudit } from '../modules/audit/audit.repository.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { isCommonPassword } from '../modules/auth/password-policy.ts';
import { createCompaniesRepository } from '../modules/companies/companies.repository.ts';
import { detectFormat } from '../modules/integration/integration.domain.ts';

const USAGE = `Usage: rentledger <command> [options]

Commands:
  import --company <slug> --file <path> [--format csv|mits]
      Imports a rent roll (CSV) or MITS ResidentTransactions (XML) file for a
      company, with a progress bar; prints the counts and row errors. Exits 1
      when the run failed.
  create-support-user --email <email> --first-name <name> --last-name <name>
      Creates a platform support account. The password is read from
      RENTLEDGER_PASSWORD, or asked for on the terminal.
  nacha --company <slug> [--date YYYY-MM-DD] --out <file>
      Makes the company's NACHA file for a banking day (default: today's, or
      the next banking day after the cutoff) from the payments and
      micro-entries due, and writes it; with nothing new due, writes that
      day's last file again. Exits 1 when the day has no file.
  returns --company <slug> --file <path>
      Reads the bank's return or NOC file for the company: returned payments,
      corrected accounts, entries that match nothing. The same file read
      again changes nothing.
  backup --out <file>
      Writes every table to a gzip file in one consistent snapshot, while the
      app keeps running. The secret key is not in it: keep SECRET_KEY (or
      DATA_DIR/secret.key) with the backup.
  restore --file <file> [--discard-secrets]
      Loads a backup into an empty database (a new DATABASE_URL, or a new
      DATA_DIR before the app's first start), then applies newer migrations.
      Refuses a file that is not a RentLedger backup, one from a newer
      RentLedger, and a database that holds data.

The database is the one the server uses: DATABASE_URL, else the embedded
PostgreSQL in DATA_DIR (joined while the app runs, started and stopped
again when it does not).`;

async function readPassword(): Promise<string> {
  if (process.env.RENTLEDGER_PASSWORD) return process.env.RENTLEDGER_PASSWORD;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('Password (at least 12 characters): ');
  prompt.close();
  return answer;
}

async function createSupportUser(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, 'first-name': { type: 'string' }, 'last-name': { type: 'string' } },
  });
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) throw new UsageError('--email: give a valid email address');
  if (!values['first-name'] || !values['last-name']) throw new UsageError('--first-name and --last-name are required');
  const password = passwordSchema.safeParse(await readPassword());
  if (!password.success) throw new UsageError(`password: ${password.error.issues[0]?.message}`);
  if (await isCommonPassword(password.data)) throw new UsageError('password: this password is one of the most common and easy to guess; choose another');

  const config = loadConfig();
  const database = await openConfiguredDatabase(config, { embedded: { log: (line) => console.log(line) } });
  try {
    await migrateToLatest(database.db);
    const passwordHash = await hashPassword(password.data);
    const user = await database.db.transaction().execute(async (trx) => {
      const created = await createCompaniesRepository(trx).insertUser(trx, {
        email: email.data,
        role: 'support',
        companyId: null,
        firstName: values['first-name'] ?? '',
        lastName: values['last-name'] ?? '',
        phone: null,
        passwordHash,
      });
      await recordAudit(trx, {
        actorUserId: null,
        companyId: null,
        action: 'support_user.created',
        entityType: 'user',
        entityId: created.id,
        after: { email: created.email, firstName: created.firstName, lastName: created.lastName, via: 'cli' },
      });
      return created;
    });
    console.log(`Created support user ${user.email}`);
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

/** What background code logs during a command (a sync run failing unexpectedly, a lost connection): a line on stderr, no stack. */
const terminalLogger: Logger = {
  info: () => undefined,
  warn: (_details, message) => console.error(message),
  error: (details, message) => {
    const error = (details as { err?: unknown }).err;
    console.error(error instanceof Error ? `${message}: ${error.message}` : message);
  },
};

function progressBar(processed: number, total: number | null): string {
  if (!total) return `  reading... ${processed} rows`;
  const width = 30;
  const done = Math.round((processed / total) * width);
  return `  [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${processed}/${total} rows`;
}

async function importFile(args: string[]) {
  const { values } = parseArgs({ args, options: { company: { type: 'string' }, file: { type: 'string' }, format: { type: 'string' } } });
  if (!values.company || !values.file) throw new UsageError('import needs --company <slug> and --file <path>');
  if (values.format && values.format !== 'csv' && values.format !== 'mits') throw new UsageError('--format: use csv or mits');
  const file = values.file;
  const upload = await fs.promises.access(file, fs.constants.R_OK).then(
    () => uploadFromFile(file),
    () => {
      throw new UsageError(`--file: cannot read ${file}`);
    },
  );

  const config = loadConfig();
  const database = await openConfiguredDatabase(config, { logger: terminalLogger, embedded: { log: (line) => console.log(line) } });
  try {
    // No job queue: the run executes here, and so does its follow-up (re-matching pending residents), before the counts print.
    const { services, company } = await servicesForCompany(config, database, values.company);

    console.log(`Importing ${path.basename(values.file)} into ${company.name}`);
    const format = (values.format as 'csv' | 'mits' | undefined) ?? detectFormat(await uploadHead(upload));
    // A run left running by a process that is gone (its heartbeat stale) is marked interrupted first, as the server does.
    const interrupted = await services.syncService.failInterrupted();
    for (const id of interrupted) console.log(`Marked run ${shortId(id)} as interrupted: the process running it stopped.`);
    const runId = await services.syncService
      .start(null, company.id, { trigger: 'upload', format, sourceName: path.basename(file), upload })
      .catch(async (error: unknown) => {
        if (!(error instanceof AppError && error.code === 'sync_in_progress')) throw error;
        const otherId = (error.details as { syncRunId?: string | null } | undefined)?.syncRunId;
        const other = otherId ? await services.syncService.find(otherId) : undefined;
        const since = other ? `started ${clockTime(other.startedAt ?? other.createdAt)}, run ${shortId(other.id)}` : 'just started';
        throw new AppError('conflict', 'sync_in_progress', `Another import for ${company.name} is running (${since}). Wait for it, or stop the server that runs it.`);
      });
    // A tick still reading when the run ends is waited for before the database closes: a query cut off by the
    // close would reject unhandled and turn a finished import's exit code into 1.
    let tick: Promise<void> = Promise.resolve();
    const ticker = setInterval(() => {
      if (!process.stdout.isTTY) return;
      tick = (async () => {
        const run = await services.syncService.find(runId);
        if (run) process.stdout.write(`\r${progressBar(run.progress.processed, run.progress.total)}`);
      })().catch(() => undefined);
    }, 250);
    // Ctrl-C or a SIGTERM: the batch in flight commits (or rolls back) whole, the run is marked interrupted, the counts print.
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping the import after the batch in flight...`);
      setTimeout(() => {
        console.error('The import did not stop in time: exiting. Its run is marked interrupted by the next import or server start.');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      void services.syncService.interrupt(`the import was stopped (${signal})`);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    await services.syncService.execute(runId).finally(async () => {
      clearInterval(ticker);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await tick;
    });
    const run = await services.syncService.find(runId);
    if (!run) throw new Error(`sync run ${runId} vanished`);
    if (process.stdout.isTTY) process.stdout.write(`\r${progressBar(run.progress.processed, run.progress.total)}\n`);
    const c = run.counts;
    console.log(`${run.status === 'succeeded' ? 'Done' : 'Failed'}: created ${c.created ?? 0}, updated ${c.updated ?? 0}, unchanged ${c.unchanged ?? 0}, invited ${c.invited ?? 0}, waiting ${c.waiting ?? 0}, finished ${c.finished ?? 0}, rows in error ${c.errors ?? 0}`);
    if (run.message) console.log(run.message);
    for (const error of run.errors) console.log(`  row ${error.row ?? '-'}${error.field ? ` ${error.field}` : ''}: ${error.message}`);
    if (run.status !== 'succeeded') process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/** A run's id as people quote it: its first characters. */
const shortId = (id: string) => `${id.slice(0, 8)}...`;

/** "14:02" today, "2026-12-06 14:02" another day, in this machine's time zone. */
function clockTime(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === new Date().toDateString()) return time;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`;
}

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} KB`;

async function backup(args: string[]) {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) throw new UsageError('backup needs --out <file>');
  if (fs.existsSync(values.out)) throw new UsageError(`--out: ${values.out} exists; choose a new file name`);
  if (!fs.existsSync(path.dirname(path.resolve(values.out)))) throw new UsageError(`--out: the folder ${path.dirname(values.out)} does not exist`);
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, { poolSize: 1, embedded: { log: (line) => console.log(line) } });
  try {
    const started = performance.now();
    const secret = resolveSecretKey(config.secretKey, config.dataDir);
    const summary = await writeBackup(database.url, values.out, { secretKey: secret.key });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Backed up ${summary.tables} tables, ${summary.rows.toLocaleString('en-US')} rows (schema ${summary.migrations.at(-1)}) to ${values.out}: ${kilobytes(summary.bytes)} in ${seconds} s`);
  } finally {
    await database.close();
  }
}

async function restore(args: string[]) {
  const { values } = parseArgs({ args, options: { file: { type: 'string' }, 'discard-secrets': { type: 'boolean' } } });
  if (!values.file) throw new UsageError('restore needs --file <file>');
  const discardSecrets = values['discard-secrets'] ?? false;
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, { poolSize: 1, embedded: { log: (line) => console.log(line) } });
  try {
    const started = performance.now();
    const secret = resolveSecretKey(config.secretKey, config.dataDir);
    const header = await checkRestore(database.url, values.file, { secretKey: secret.key, discardSecrets });
    const schema = header.migrations.at(-1);
    if (schema) await migrateTo(database.db, schema);
    const loaded = await loadBackup(database.url, values.file, { discardSecrets });
    const applied = await migrateToLatest(database.db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Restored ${loaded.tables} tables, ${loaded.rows.toLocaleString('en-US')} rows from the backup of ${header.createdAt} in ${seconds} s`);
    if (applied.length > 0) console.log(`Applied newer migrations: ${applied.join(', ')}`);
    if (discardSecrets && header.hasEncryptedSecrets) console.log('Accounting secrets were discarded: enter them again on the Accounting page.');
  } finally {
    await database.close();
  }
}

/** The schema brought up to date, the services without a job queue, and the company `--company` names. */
async function servicesForCompany(config: ReturnType<typeof loadConfig>, database: Awaited<ReturnType<typeof openConfiguredDatabase>>, slug: string) {
  await migrateToLatest(database.db);
  const secret = resolveSecretKey(config.secretKey, config.dataDir);
  const services = createServices({ db: database.db, databaseKind: database.kind, jobs: null, logger: terminalLogger, encryptor: createEncryptor(secret.key), config });
  const company = await services.companiesService.bySlug(slug);
  if (!company) throw new UsageError(`--company: no company with slug "${slug}"`);
  return { services, company };
}

async function nacha(args: string[]) {
  const { values } = parseArgs({ args, options: { company: { type: 'string' }, date: { type: 'string' }, out: { type: 'string' } } });
  if (!values.company) throw new UsageError('--company: give the company slug');
  if (!values.out) throw new UsageError('--out: give the file to write');
  if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date: a date as YYYY-MM-DD');
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, { poolSize: 2, embedded: { log: (line) => console.log(line) } });
  try {
    const { services, company } = await servicesForCompany(config, database, values.company);
    const result = await services.achFilesService.fileForDay(company.id, values.date);
    if (!result) {
      console.error(`Nothing is due for ${company.name}${values.date ? ` on ${values.date}` : ''}, and that day has no file.`);
      process.exitCode = 1;
      return;
    }
    await fs.promises.writeFile(values.out, result.content, 'ascii');
    const { file } = result;
    const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    console.log(`${result.created ? 'Made' : 'Wrote again'} ${company.name}'s file for ${file.fileDate} (modifier ${file.fileIdModifier}, effective ${file.effectiveDate}): ${file.paymentCount} payments, ${file.entryCount} entries, debits ${dollars(file.debitTotalCents)}, credits ${dollars(file.creditTotalCents)} -> ${values.out}`);
  } finally {
    await database.close();
  }
}

async function returns(args: string[]) {
  const { values } = parseArgs({ args, options: { company: { type: 'string' }, file: { type: 'string' } } });
  if (!values.company) throw new UsageError('--company: give the company slug');
  if (!values.file) throw new UsageError('--file: give the return file to read');
  const file = values.file;
  const content = await fs.promises.readFile(file, 'latin1').catch(() => {
    throw new UsageError(`--file: cannot read ${file}`);
  });
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, { poolSize: 2, embedded: { log: (line) => console.log(line) } });
  try {
    const { services, company } = await servicesForCompany(config, database, values.company);
    const summary = await services.achReturnsService.readReturnFile({ companyId: company.id, name: path.basename(file), content, source: 'cli', actorUserId: null });
    if (summary.alreadyRead) console.log(`${path.basename(file)} was read before for ${company.name}: nothing changed (${summary.returns} returns, ${summary.nocs} NOCs, ${summary.unmatched} unmatched then).`);
    else console.log(`Read ${path.basename(file)} for ${company.name}: ${summary.returns} returns (${summary.retries} presented again), ${summary.nocs} NOCs, ${summary.unmatched} matching nothing (listed for support), ${summary.duplicates} seen before.`);
  } finally {
    await database.close();
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'import') await importFile(rest);
  else if (command === 'create-support-user') await createSupportUser(rest);
  else if (command === 'backup') await backup(rest);
  else if (command === 'restore') await restore(rest);
  else if (command === 'nacha') await nacha(rest);
  else if (command === 'returns') await returns(rest);
  else {
    console.log(USAGE);
    process.exitCode = command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
} catch (error) {
  if (error instanceof BackupError || error instanceof AppError) {
    // An expected refusal (a restore that would lose data, an import while another runs): its message, no stack.
    console.error(error.message);
    process.exitCode = 1;
  } else if (error instanceof UsageError || error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    console.error(error.message);
    process.exitCode = 2;
  } else if ((error as { code?: string }).code === '23505') {
    console.error('An account with this email already exists');
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
