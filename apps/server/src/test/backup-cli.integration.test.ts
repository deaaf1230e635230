import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, signIn, startServerProcess, stopServerProcess } from './server-process.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * `rentledger backup` beside a running app on the default embedded engine,
 * and `rentledger restore` into a new DATA_DIR (the CLI starts the embedded
 * server itself) and into an empty DATABASE_URL.
 */
describe('backup and restore from the command line', () => {
  let dataDir: string;
  let restoredDir: string;
  let workDir: string;
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let target: TestDatabase;
  let secretKey: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-backup-a-'));
    restoredDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-backup-b-'));
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-backup-files-'));
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
    secretKey = (await fs.readFile(path.join(dataDir, 'secret.key'), 'utf8')).trim();
    target = await createTestDatabase({ migrate: false });
  }, 120_000);
  afterAll(async () => {
    await stopServerProcess(server.child);
    await target.drop();
    for (const dir of [dataDir, restoredDir, workDir]) await fs.rm(dir, { recursive: true, force: true });
  });

  it('backs up the embedded database while the app keeps answering, and refuses to overwrite a file', async () => {
    const file = path.join(workDir, 'rentledger.backup');
    const manager = await signIn(server.url, 'manager@maple.demo');
    const [backup, answers] = await Promise.all([
      runCli(['backup', '--out', file], { DATA_DIR: dataDir, DATABASE_URL: '' }),
      Promise.all([manager.send('GET', '/api/residents?status=invited'), manager.send('GET', '/api/tasks')]),
    ]);
    expect(backup.output).toMatch(/Backed up \d+ tables, [\d,]+ rows \(schema \d{4}-[\w-]+\)/);
    expect(backup.code).toBe(0);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);

    const again = await runCli(['backup', '--out', file], { DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(again.code).toBe(2);
    expect(again.output).toContain('exists; choose a new file name');
  });

  it('refuses to restore into the database that holds the data', async () => {
    const restore = await runCli(['restore', '--file', path.join(workDir, 'rentledger.backup')], { DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(restore.code).toBe(1);
    expect(restore.output).toContain('The database is not empty');
  });

  it('restores into a new DATA_DIR, and the app started there serves the same residents', async () => {
    await fs.writeFile(path.join(restoredDir, 'secret.key'), `${secretKey}\n`, { mode: 0o600 });
    const restore = await runCli(['restore', '--file', path.join(workDir, 'rentledger.backup')], { DATA_DIR: restoredDir, DATABASE_URL: '' });
    expect(restore.output).toMatch(/Restored \d+ tables, [\d,]+ rows from the backup of/);
    expect(restore.code).toBe(0);

    const original = await (await signIn(server.url, 'manager@maple.demo')).get('/api/residents?pageSize=200');
    const restoredServer = await startServerProcess({ DATA_DIR: restoredDir, DATABASE_URL: '' });
    try {
      const restored = await (await signIn(restoredServer.url, 'manager@maple.demo')).get('/api/residents?pageSize=200');
      expect(restored.countsByStatus).toEqual(original.countsByStatus);
      expect(restored.items.map((item: { id: string }) => item.id)).toEqual(original.items.map((item: { id: string }) => item.id));
      expect(restoredServer.output()).not.toContain('Loaded demo data');
    } finally {
      await stopServerProcess(restoredServer.child);
    }
  });

  it('restores into an empty DATABASE_URL', async () => {
    const restore = await runCli(['restore', '--file', path.join(workDir, 'rentledger.backup')], { DATABASE_URL: target.url, SECRET_KEY: secretKey });
    expect(restore.code, restore.output).toBe(0);
    const residents = await target.db.selectFrom('residents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(residents.n)).toBeGreaterThan(60);
  });

  it('names a file that is not a backup', async () => {
    const notes = path.join(workDir, 'rent-roll.csv');
    await fs.writeFile(notes, 'property_code,unit\nmc01,101\n');
    const restore = await runCli(['restore', '--file', notes], { DATABASE_URL: target.url });
    expect(restore.code).toBe(1);
    expect(restore.output).toContain(`${notes} is not a RentLedger backup`);
  });
});
