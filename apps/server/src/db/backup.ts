import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { KNOWN_MIGRATIONS } from './migrator.ts';

/**
 * Backup and restore of every RentLedger table, on the embedded server or
 * DATABASE_URL alike (the embedded packages ship no pg_dump).
 *
 * The file is gzip of UTF-8 lines:
 *   RENTLEDGER BACKUP 1
 *   {"createdAt", "migrations", "secretKeyCheck", "tables": [...]}       the header
 *   TABLE {"name", "columns"}                                             then the table's rows in
 *   ...rows in PostgreSQL's COPY text format, one per line...             COPY text format (newlines and
 *   \.                                                                    backslashes inside values are escaped)
 *   END {"rows": {"<table>": n, ...}}                                     absent when the file was cut short
 *
 * Tables come parents first (foreign keys), so a restore loads them in file
 * order. Every table is read inside one REPEATABLE READ transaction: one
 * consistent snapshot while the app keeps running. Generated columns are left
 * out (the restored schema computes them); pg-boss's own schema is left out
 * (queued work is not kept: runs that were in progress are marked interrupted).
 */

export const BACKUP_MAGIC = 'RENTLEDGER BACKUP 1';
const END_OF_DATA = '\\.';
/** Kysely keeps these itself; a restore lays the schema with the migrations instead of copying them. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export class BackupError extends Error {}

export type BackupHeader = {
  createdAt: string;
  /** The migrations applied to the database the backup was taken from, oldest first. */
  migrations: string[];
  /** Tells whether the restoring side holds the key that encrypted the integration secrets (never the key itself). */
  secretKeyCheck: string;
  hasEncryptedSecrets: boolean;
  tables: string[];
};

export type BackupSummary = { tables: number; rows: number; bytes: number; migrations: string[] };

export function secretKeyCheck(secretKey: string): string {
  return createHmac('sha256', secretKey).update('rentledger-backup-key-check').digest('hex').slice(0, 16);
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'rentledger-backup' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function appliedMigrations(client: pg.Client): Promise<string[] | null> {
  const exists = await client.query<{ found: boolean }>(`SELECT to_regclass('public.kysely_migration') IS NOT NULL AS found`);
  if (!exists.rows[0]?.found) return null;
  return (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name')).rows.map((row) => row.name);
}

/** The app's tables, each after the tables its foreign keys point to (a self-reference is checked at the end of its COPY). */
async function tablesParentsFirst(client: pg.Client): Promise<string[]> {
  const tables = (await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows
    .map((row) => row.name)
    .filter((name) => !MIGRATION_TABLES.has(name));
  const edges = (
    await client.query<{ child: string; parent: string }>(`
      SELECT c.relname AS child, p.relname AS parent
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
      JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND cn.nspname = 'public' AND c.relname <> p.relname`)
  ).rows;
  const ordered: string[] = [];
  const pending = new Set(tables);
  while (pending.size > 0) {
    const ready = [...pending].filter((table) => !edges.some((edge) => edge.child === table && pending.has(edge.parent)));
    if (ready.length === 0) throw new BackupError(`Tables refer to each other in a cycle (${[...pending].join(', ')}); they cannot be restored in order`);
    for (const table of ready) {
      ordered.push(table);
      pending.delete(table);
    }
  }
  return ordered;
}

async function copiedColumns(client: pg.Client, table: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
     WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
     ORDER BY attnum`,
    [`public.${quoteIdent(table)}`],
  );
  return result.rows.map((row) => row.name);
}

function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (let index = chunk.indexOf(0x0a); index !== -1; index = chunk.indexOf(0x0a, index + 1)) count += 1;
  return count;
}

/**
 * Writes a backup of the database at `url` to `outFile`: first to a `.partial`
 * file beside it, renamed when complete, so a failed backup never leaves a
 * file that looks whole.
 */
export async function writeBackup(url: string, outFile: string, options: { secretKey: string; now?: Date }): Promise<BackupSummary> {
  const partial = `${outFile}.partial`;
  const file = fs.createWriteStream(partial, { mode: 0o600 });
  const gzip = createGzip();
  gzip.pipe(file);
  const write = async (data: string | Buffer) => {
    if (!gzip.write(data)) await once(gzip, 'drain');
  };
  try {
    const summary = await withClient(url, async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const migrations = await appliedMigrations(client);
        if (!migrations || migrations.length === 0) throw new BackupError('This database has no RentLedger schema: nothing to back up');
        const tables = await tablesParentsFirst(client);
        const secrets = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM companies WHERE integration_secrets_encrypted IS NOT NULL');
        const header: BackupHeader = {
          createdAt: (options.now ?? new Date()).toISOString(),
          migrations,
          secretKeyCheck: secretKeyCheck(options.secretKey),
          hasEncryptedSecrets: (secrets.rows[0]?.n ?? 0) > 0,
          tables,
        };
        await write(`${BACKUP_MAGIC}\n${JSON.stringify(header)}\n`);
        const rows: Record<string, number> = {};
        for (const table of tables) {
          const columns = await copiedColumns(client, table);
          await write(`TABLE ${JSON.stringify({ name: table, columns })}\n`);
          let count = 0;
          const stream = client.query(copyTo(`COPY public.${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) TO STDOUT`));
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            count += countNewlines(chunk);
            await write(chunk);
          }
          rows[table] = count;
          await write(`${END_OF_DATA}\n`);
        }
        await write(`END ${JSON.stringify({ rows })}\n`);
        await client.query('COMMIT');
        return { tables: tables.length, rows: Object.values(rows).reduce((sum, n) => sum + n, 0), migrations };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    gzip.end();
    await finished(file);
    fs.renameSync(partial, outFile);
    return { ...summary, bytes: fs.statSync(outFile).size };
  } catch (error) {
    gzip.destroy();
    // A stream destroyed before its file was opened still opens (creates) it, then closes: remove it after that.
    const closed = file.closed ? Promise.resolve() : new Promise<void>((resolve) => file.once('close', () => resolve()));
    file.destroy();
    await closed;
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** The lines of a stream, as bytes without their "\n" (COPY data is passed on untouched). */
async function* lines(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
      yield data.subarray(start, end);
      start = end + 1;
    }
    data = data.subarray(start);
    rest = Buffer.from(data);
  }
  if (rest.length > 0) yield rest;
}

/** Opens a backup file and reads its header; refuses anything that is not a RentLedger backup. */
async function openBackup(file: string): Promise<{ header: BackupHeader; rest: AsyncGenerator<Buffer> }> {
  if (!fs.existsSync(file)) throw new BackupError(`--file: ${file} does not exist`);
  const gunzip = createGunzip();
  const input = fs.createReadStream(file);
  input.on('error', (error) => gunzip.destroy(error));
  const rest = lines(input.pipe(gunzip));
  const notABackup = () => new BackupError(`${file} is not a RentLedger backup (made by "rentledger backup")`);
  let first: IteratorResult<Buffer>;
  let second: IteratorResult<Buffer>;
  try {
    first = await rest.next();
    if (first.done || first.value.toString('utf8') !== BACKUP_MAGIC) throw notABackup();
    second = await rest.next();
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw notABackup();
  }
  let header: BackupHeader;
  try {
    header = JSON.parse(second.done ? '' : second.value.toString('utf8')) as BackupHeader;
  } catch {
    throw new BackupError(`${file} is a RentLedger backup with an unreadable header`);
  }
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables)) throw new BackupError(`${file} is a RentLedger backup with an unreadable header`);
  return { header, rest };
}

/**
 * Checks a backup against this build and the target database before anything
 * is written: a newer schema, a database that holds data, or another secret
 * key are refused with what to do.
 */
export async function checkRestore(url: string, file: string, options: { secretKey: string; discardSecrets?: boolean }): Promise<BackupHeader> {
  const { header, rest } = await openBackup(file);
  await rest.return(undefined);
  const unknown = header.migrations.filter((name) => !KNOWN_MIGRATIONS.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(`This backup comes from a newer RentLedger (schema ${unknown.at(-1)}); this version knows up to ${KNOWN_MIGRATIONS.at(-1)}. Upgrade RentLedger, then restore.`);
  }
  await withClient(url, async (client) => {
    const applied = (await appliedMigrations(client)) ?? [];
    const tables = applied.length > 0 ? await tablesParentsFirst(client) : [];
    for (const table of tables) {
      const any = await client.query(`SELECT 1 FROM public.${quoteIdent(table)} LIMIT 1`);
      if (any.rowCount) {
        throw new BackupError(`The database is not empty (table ${table} has rows). Restore into a new, empty database: another DATABASE_URL, or a new DATA_DIR before the app's first start.`);
      }
    }
    if (applied.some((name, index) => header.migrations[index] !== name)) {
      throw new BackupError(`The database's schema (${applied.at(-1)}) is newer than the backup's (${header.migrations.at(-1)}); restore into a new, empty database.`);
    }
  });
  if (header.hasEncryptedSecrets && header.secretKeyCheck !== secretKeyCheck(options.secretKey) && !options.discardSecrets) {
    throw new BackupError(
      'The accounting secrets in this backup were encrypted with another secret key. Set SECRET_KEY to that key (or copy secret.key from the old DATA_DIR) and restore again, or pass --discard-secrets to restore without them and enter them again on the Accounting page.',
    );
  }
  return header;
}

/**
 * Loads a checked backup into the database at `url`, whose schema is already
 * at the backup's migrations: every table in one transaction, so a damaged or
 * cut-short file leaves the database as empty as it was.
 */
export async function loadBackup(url: string, file: string, options: { discardSecrets?: boolean; now?: Date }): Promise<{ tables: number; rows: number }> {
  const { rest } = await openBackup(file);
  return withClient(url, async (client) => {
    await client.query('BEGIN');
    try {
      const rows: Record<string, number> = {};
      let end: { rows: Record<string, number> } | undefined;
      for (let next = await rest.next(); !next.done; next = await rest.next()) {
        const line = next.value.toString('utf8');
        if (line.startsWith('END ')) {
          end = JSON.parse(line.slice(4)) as { rows: Record<string, number> };
          break;
        }
        if (!line.startsWith('TABLE ')) throw new BackupError('The backup file is damaged: a table section was expected');
        const { name, columns } = JSON.parse(line.slice(6)) as { name: string; columns: string[] };
        rows[name] = await copyTableIn(client, name, columns, rest);
      }
      if (!end) throw new BackupError('The backup file is incomplete: it ends before its last table');
      for (const [table, count] of Object.entries(end.rows)) {
        if (rows[table] !== count) throw new BackupError(`The backup file is damaged: table ${table} holds ${rows[table] ?? 0} rows, its index says ${count}`);
      }
      if (options.discardSecrets) await client.query('UPDATE companies SET integration_secrets_encrypted = NULL');
      await client.query(
        `UPDATE sync_runs SET status = 'failed', finished_at = $1,
           message = 'Interrupted: the backup this database was restored from was taken during this run. Start a new run to finish the work.'
         WHERE status IN ('queued', 'running')`,
        [options.now ?? new Date()],
      );
      await client.query('COMMIT');
      return { tables: Object.keys(rows).length, rows: Object.values(rows).reduce((sum, n) => sum + n, 0) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await rest.return(undefined);
    }
  });
}

async function copyTableIn(client: pg.Client, table: string, columns: string[], source: AsyncGenerator<Buffer>): Promise<number> {
  const target = client.query(copyFrom(`COPY public.${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`));
  const done = finished(target);
  done.catch(() => undefined);
  let count = 0;
  const newline = Buffer.from('\n');
  let closed = false;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    if (next.value.length === 2 && next.value.toString('utf8') === END_OF_DATA) {
      closed = true;
      break;
    }
    count += 1;
    if (!target.write(Buffer.concat([next.value, newline]))) await Promise.race([once(target, 'drain'), done]);
  }
  if (!closed) {
    target.destroy();
    throw new BackupError(`The backup file is incomplete: it ends inside table ${table}`);
  }
  target.end();
  await done.catch((error: Error) => {
    throw new BackupError(`Table ${table} could not be restored: ${error.message}`);
  });
  return count;
}
