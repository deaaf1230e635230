import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../demo/demo-data.ts';
import { createEncryptor } from '../lib/encryption.ts';
import { createTestApp, TEST_SECRET_KEY, type TestContext } from '../test/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../test/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { BackupError, checkRestore, loadBackup, writeBackup } from './backup.ts';
import { migrateTo, migrateToLatest } from './migrator.ts';

/** Every table's row count and a digest of its rows in a stable order: equal digests, equal contents. */
async function fingerprint(database: DatabaseHandle) {
  const tables = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%' ORDER BY tablename`.execute(database.db);
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ rows: number; digest: string }>`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), '')) AS digest FROM ${sql.table(name)} t`.execute(database.db);
    result[name] = row.rows[0] ?? { rows: 0, digest: '' };
  }
  const migrations = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(database.db);
  return { tables: result, migrations: migrations.rows.map((row) => row.name) };
}

async function restoreInto(target: DatabaseHandle, file: string, options: { secretKey?: string; discardSecrets?: boolean } = {}) {
  const header = await checkRestore(target.url, file, { secretKey: options.secretKey ?? TEST_SECRET_KEY, discardSecrets: options.discardSecrets });
  await migrateTo(target.db, header.migrations.at(-1) ?? '');
  const loaded = await loadBackup(target.url, file, { discardSecrets: options.discardSecrets });
  await migrateToLatest(target.db);
  return loaded;
}

/** The backup's lines, to make damaged or foreign copies of it. */
const readLines = (file: string) => gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
const writeLines = (file: string, lines: string[]) => fs.writeFileSync(file, gzipSync(lines.join('\n')));

describe('backup and restore', () => {
  let ctx: TestContext;
  let dir: string;
  let backupFile: string;
  const targets: TestDatabase[] = [];
  const emptyTarget = async () => {
    const target = await createTestDatabase({ migrate: false });
    targets.push(target);
    return target;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rentledger-backup-'));
    backupFile = path.join(dir, 'rentledger.backup');
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    // An encrypted secret, a value with a tab, newline and backslash, and a sync run left in progress.
    const secrets = createEncryptor(TEST_SECRET_KEY).encrypt(JSON.stringify({ buildiumClientSecret: 'shh' }));
    await ctx.database.db.updateTable('companies').set({ integration_secrets_encrypted: secrets }).where('slug', '=', 'maple').execute();
    const maple = await ctx.database.db.selectFrom('companies').select('id').where('slug', '=', 'maple').executeTakeFirstOrThrow();
    await ctx.database.db.updateTable('properties').set({ name: 'Maple Court\tEast\nBuilding \\ A' }).where('company_id', '=', maple.id).where('name', 'like', 'Maple Court%').execute();
    await ctx.database.db.insertInto('sync_runs').values({ company_id: maple.id, trigger: 'manual', status: 'running', format: 'csv' }).execute();
  });
  afterAll(async () => {
    for (const target of targets) await target.drop();
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores every table of a backup into an empty database, row for row', async () => {
    const summary = await writeBackup(ctx.database.url, backupFile, { secretKey: TEST_SECRET_KEY });
    const source = await fingerprint(ctx.database);
    expect(summary.tables).toBe(Object.keys(source.tables).length);
    expect(summary.rows).toBe(Object.values(source.tables).reduce((sum, table) => sum + table.rows, 0));
    expect(source.tables.residents?.rows).toBeGreaterThan(60);
    expect(fs.existsSync(`${backupFile}.partial`)).toBe(false);

    const target = await emptyTarget();
    const loaded = await restoreInto(target, backupFile);
    expect(loaded.rows).toBe(summary.rows);
    const restored = await fingerprint(target);
    // The run that was in progress when the backup was taken reads as interrupted; everything else is identical.
    const { sync_runs: sourceRuns, ...sourceRest } = source.tables;
    const { sync_runs: restoredRuns, ...restoredRest } = restored.tables;
    expect(restoredRest).toEqual(sourceRest);
    expect(restoredRuns?.rows).toBe(sourceRuns?.rows);
    expect(restored.migrations).toEqual(source.migrations);
    const runs = await target.db.selectFrom('sync_runs').select(['status', 'message']).where('trigger', '=', 'manual').execute();
    expect(runs).toEqual([{ status: 'failed', message: expect.stringMatching(/^Interrupted: the backup/) }]);
    // Generated columns are computed again, and the restored secret still decrypts with the same key.
    const property = await target.db.selectFrom('properties').select(['name', 'search_text']).where('name', 'like', 'Maple Court%').executeTakeFirstOrThrow();
    expect(property.name).toBe('Maple Court\tEast\nBuilding \\ A');
    expect(property.search_text).toContain('maple court');
    const company = await target.db.selectFrom('companies').select('integration_secrets_encrypted').where('slug', '=', 'maple').executeTakeFirstOrThrow();
    expect(JSON.parse(createEncryptor(TEST_SECRET_KEY).decrypt(company.integration_secrets_encrypted ?? ''))).toEqual({ buildiumClientSecret: 'shh' });
  });

  it('never writes the secret key, a password or a secret in clear into the file', () => {
    const text = gunzipSync(fs.readFileSync(backupFile)).toString('utf8');
    expect(text).not.toContain(TEST_SECRET_KEY);
    expect(text).not.toContain('shh');
    expect(text).not.toContain('demo-password');
  });

  it('refuses a database that already holds data', async () => {
    await expect(checkRestore(ctx.database.url, backupFile, { secretKey: TEST_SECRET_KEY })).rejects.toThrow(/The database is not empty \(table \w+ has rows\)/);
  });

  it('refuses a file that is not a RentLedger backup: plain text, or gzip of something else', async () => {
    const target = await emptyTarget();
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'property,unit\nMC,101\n');
    await expect(checkRestore(target.url, text, { secretKey: TEST_SECRET_KEY })).rejects.toThrow(`${text} is not a RentLedger backup`);
    const zipped = path.join(dir, 'notes.txt.gz');
    fs.writeFileSync(zipped, gzipSync('property,unit\nMC,101\n'));
    await expect(checkRestore(target.url, zipped, { secretKey: TEST_SECRET_KEY })).rejects.toThrow(`${zipped} is not a RentLedger backup`);
    await expect(checkRestore(target.url, path.join(dir, 'missing.backup'), { secretKey: TEST_SECRET_KEY })).rejects.toThrow(/does not exist/);
  });

  it('refuses a backup from a newer RentLedger, naming its schema', async () => {
    const target = await emptyTarget();
    const lines = readLines(backupFile);
    const header = JSON.parse(lines[1] ?? '{}');
    header.migrations.push('0999-from-the-future');
    lines[1] = JSON.stringify(header);
    const newer = path.join(dir, 'newer.backup');
    writeLines(newer, lines);
    await expect(checkRestore(target.url, newer, { secretKey: TEST_SECRET_KEY })).rejects.toThrow(/newer RentLedger \(schema 0999-from-the-future\)/);
  });

  it('refuses another secret key unless the secrets are discarded', async () => {
    const target = await emptyTarget();
    const otherKey = 'another-secret-key-of-at-least-32-characters';
    await expect(checkRestore(target.url, backupFile, { secretKey: otherKey })).rejects.toThrow(/encrypted with another secret key/);
    await restoreInto(target, backupFile, { secretKey: otherKey, discardSecrets: true });
    const company = await target.db.selectFrom('companies').select('integration_secrets_encrypted').where('slug', '=', 'maple').executeTakeFirstOrThrow();
    expect(company.integration_secrets_encrypted).toBeNull();
  });

  it('leaves the database empty when the file is cut short or damaged, and a good file still restores after', async () => {
    const target = await emptyTarget();
    const lines = readLines(backupFile);
    const residents = lines.findIndex((line) => line.startsWith('TABLE {"name":"residents"'));
    const cut = path.join(dir, 'cut.backup');
    writeLines(cut, lines.slice(0, residents + 5));
    await expect(restoreInto(target, cut)).rejects.toThrow('The backup file is incomplete: it ends inside table residents');
    const damaged = path.join(dir, 'damaged.backup');
    writeLines(damaged, lines.map((line, index) => (index === residents + 3 ? line.replace(/\t/, '\tnot-a-uuid\t') : line)));
    await expect(restoreInto(target, damaged)).rejects.toThrow(/Table residents could not be restored/);
    const counts = await fingerprint(target);
    expect(Object.values(counts.tables).every((table) => table.rows === 0)).toBe(true);

    await restoreInto(target, backupFile);
    expect((await fingerprint(target)).tables.residents?.rows).toBe((await fingerprint(ctx.database)).tables.residents?.rows);
  });

  it('is refused with a message when there is no RentLedger schema to back up', async () => {
    const target = await emptyTarget();
    await expect(writeBackup(target.url, path.join(dir, 'empty.backup'), { secretKey: TEST_SECRET_KEY })).rejects.toThrow(BackupError);
    expect(fs.existsSync(path.join(dir, 'empty.backup'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'empty.backup.partial'))).toBe(false);
  });
});
