// Runs every test tier in order: typecheck, unit, integration (PGlite and
// PostgreSQL), browser end to end. Prints the time and counts of each tier and
// a closing "N passed, N failed" line. Under CI=true a missing PostgreSQL or
// Chromium is a failure, never a skip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ci = process.env.CI === 'true';
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rentledger-test-'));
const summary = [];
let passed = 0;
let failed = 0;

function canConnect(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1500 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

function run(name, command, args, env = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { name, ok: result.status === 0, seconds };
}

function countVitest(file) {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.success ? 0 : report.numFailedTests === 0 ? 1 : 0) };
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const stats = JSON.parse(fs.readFileSync(file, 'utf8')).stats;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (stats.skipped ?? 0) };
}

function record(tier, counts) {
  passed += counts.passed;
  failed += counts.failed + (tier.ok || counts.failed > 0 ? 0 : 1);
  summary.push(`${tier.name.padEnd(12)} ${tier.ok ? 'ok    ' : 'FAILED'} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed  ${tier.seconds}s`);
}

// PostgreSQL tier: TEST_DATABASE_URL, or the local server these machines run.
if (!process.env.TEST_DATABASE_URL && (await canConnect('127.0.0.1', 5432))) {
  process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
}
if (!process.env.TEST_DATABASE_URL) {
  const message = 'No PostgreSQL: set TEST_DATABASE_URL (or run one on 127.0.0.1:5432) for the PostgreSQL tier.';
  if (ci) { console.error(message); process.exit(1); }
  console.warn(`${message} Running the PGlite tier only.`);
}
if (!fs.existsSync('/usr/bin/chromium')) {
  console.error('No browser: the end-to-end tier needs Debian\'s chromium at /usr/bin/chromium (apt-get install chromium).');
  process.exit(1);
}

const typecheck = run('typecheck', 'npm', ['run', 'typecheck', '--silent']);
record(typecheck, { passed: typecheck.ok ? 1 : 0, failed: typecheck.ok ? 0 : 1 });

for (const project of ['unit', 'integration']) {
  const file = path.join(reportDir, `${project}.json`);
  const tier = run(project, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  record(tier, countVitest(file));
}

const build = run('web build', 'npm', ['run', 'build', '--silent']);
if (build.ok) {
  const file = path.join(reportDir, 'e2e.json');
  const tier = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  record(tier, countPlaywright(file));
} else {
  record(build, { passed: 0, failed: 1 });
}

console.log('\nTest tiers:');
for (const line of summary) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed`);
fs.rmSync(reportDir, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
