// Start-up and idle memory of the server as `npm start` runs it: the compiled
// server (node flags read from the start script) on the embedded PostgreSQL
// in a fresh DATA_DIR. First start (initdb, migrations, demo data) and a
// restart, each timed from spawn to the first healthy answer; then, idle,
// the server process's RSS and the embedded PostgreSQL's PSS (all its
// processes, shared memory counted once). Linux only (reads /proc).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mitsDocumentPieces } from '../apps/server/src/test/mits-generator.ts';
import { rentRollLines } from '../apps/server/src/test/rent-roll-generator.ts';
import { freePort, signIn } from '../apps/server/src/test/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);

export type StartupResult = {
  firstStartMs: number;
  restartMs: number;
  serverRssMegabytes: number;
  embeddedPostgresPssMegabytes: number;
  embeddedPostgresProcesses: number;
  upload: UploadResult;
  mitsUpload: UploadResult;
};

export type UploadResult = {
  fileMegabytes: number;
  rows: number;
  /** From the start of the upload to the run reading as done. */
  seconds: number;
  healthChecks: number;
  healthMaxMs: number;
  healthP99Ms: number;
  /** The server process's peak RSS during the upload and its import (VmHWM, reset before the upload). */
  serverPeakRssMegabytes: number;
};

/** About 45 MB of each: under the 50 MB cap, as large as a landlord may send (XML spends about 5 times the bytes per row). */
const UPLOAD_UNITS_PER_PROPERTY = { csv: Number(process.env.BENCH_UPLOAD_UNITS ?? 250), mits: Number(process.env.BENCH_MITS_UPLOAD_UNITS ?? 53) };

type UploadFormat = 'csv' | 'mits';

/** The same portfolio as a CSV rent roll or as a MITS ResidentTransactions file; answers the rows it holds. */
async function writeLargeFile(file: string, format: UploadFormat): Promise<number> {
  const handle = await fs.open(file, 'w');
  const shape = { properties: 100, unitsPerProperty: UPLOAD_UNITS_PER_PROPERTY[format], ledgersPerUnit: 10, prefix: format === 'csv' ? 'upload' : 'xmlupload' };
  try {
    if (format === 'mits') {
      for (const piece of mitsDocumentPieces(shape)) await handle.write(piece);
      return shape.properties * shape.unitsPerProperty * shape.ledgersPerUnit;
    }
    let rows = -1;
    for (const line of rentRollLines(shape)) {
      await handle.write(`${line}\n`);
      rows += 1;
    }
    return rows;
  } finally {
    await handle.close();
  }
}

/**
 * Uploads a large file to the running server and imports it, while a health
 * check every 50 ms measures how long the event loop keeps requests waiting.
 */
async function benchUpload(url: string, pid: number, workDir: string, format: UploadFormat): Promise<UploadResult> {
  const file = path.join(workDir, `large-rent-roll.${format === 'mits' ? 'xml' : 'csv'}`);
  const rows = await writeLargeFile(file, format);
  const { size } = await fs.stat(file);
  // Writing 5 to clear_refs resets the peak RSS, so each upload's peak is its own.
  await fs.writeFile(`/proc/${pid}/clear_refs`, '5');
  const manager = await signIn(url, 'manager@maple.demo');
  const latencies: number[] = [];
  let done = false;
  const prober = (async () => {
    while (!done) {
      const started = performance.now();
      await fetch(`${url}/api/health`).then((r) => r.text());
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  const upload = await manager.upload(path.basename(file), await fs.readFile(file, 'utf8'));
  if (upload.status !== 202) throw new Error(`the upload answered ${upload.status}: ${JSON.stringify(upload.body)}`);
  for (;;) {
    const run = await manager.get(`/api/sync-runs/${upload.body.syncRunId}`);
    if (run.status === 'failed') throw new Error(`the import failed: ${run.message}`);
    if (run.status === 'succeeded') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await prober;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    fileMegabytes: Number((size / 2 ** 20).toFixed(1)),
    rows,
    seconds: Number(seconds.toFixed(1)),
    healthChecks: latencies.length,
    healthMaxMs: Math.round(sorted.at(-1) ?? 0),
    healthP99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
    serverPeakRssMegabytes: Math.round((await kilobytes(pid, 'VmHWM')) / 1024),
  };
}

/** `node <flags> apps/server/dist/main.js` exactly as the start script has it. */
export async function startCommand(): Promise<string[]> {
  const scripts = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const command = scripts.start?.split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  if (command[0] !== 'node') throw new Error(`unexpected start script: ${scripts.start}`);
  return command.slice(1);
}

async function kilobytes(pid: number, field: 'VmRSS' | 'VmHWM' | 'Pss'): Promise<number> {
  const file = field === 'Pss' ? `/proc/${pid}/smaps_rollup` : `/proc/${pid}/status`;
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

async function childrenOf(parent: number): Promise<number[]> {
  const pids = (await fs.readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const children: number[] = [];
  for (const pid of pids) {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the command (in parentheses): state, ppid, ...
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) children.push(pid);
  }
  return children;
}

async function startAndTime(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; ms: number; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { child, ms: Math.round(performance.now() - started), url };
    if (performance.now() - started > 120_000) throw new Error('the server did not start in 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function benchStartupAndMemory(): Promise<StartupResult> {
  const build = spawnSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  const args = await startCommand();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-bench-start-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', SMTP_URL: '' };
  try {
    const first = await startAndTime(args, env);
    await stop(first.child);
    const restart = await startAndTime(args, env);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const serverRss = await kilobytes(restart.child.pid ?? 0, 'VmRSS');
    const postmaster = Number((await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const postgresPids = [postmaster, ...(await childrenOf(postmaster))];
    let pss = 0;
    for (const pid of postgresPids) pss += await kilobytes(pid, 'Pss');
    const upload = await benchUpload(restart.url, restart.child.pid ?? 0, dataDir, 'csv');
    const mitsUpload = await benchUpload(restart.url, restart.child.pid ?? 0, dataDir, 'mits');
    await stop(restart.child);
    return {
      firstStartMs: first.ms,
      restartMs: restart.ms,
      serverRssMegabytes: Math.round(serverRss / 1024),
      embeddedPostgresPssMegabytes: Math.round(pss / 1024),
      embeddedPostgresProcesses: postgresPids.length,
      upload,
      mitsUpload,
    };
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) console.log(JSON.stringify(await benchStartupAndMemory()));
