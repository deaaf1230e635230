// Runs every test tier in order: typecheck, boundary rules, unit, component (the web app's React
// components in jsdom, HTTP answered by MSW), integration (on PostgreSQL: TEST_DATABASE_URL, or an
// embedded server started for the run), browser end to end. Prints the time and counts of each tier
// and a closing "N passed, N failed" line. A missing browser is installed (see ensureBrowser) or
// stops the run: the browser tier is never skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rentledger-test-'));
const summary = [];
let passed = 0;
let failed = 0;

const BROWSER = '/usr/bin/chromium';

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * The browser tier runs in Debian's Chromium. When it is missing: as root with apt, install Debian's package;
 * otherwise Playwright's own Chromium build. When neither works, stop with the command that would.
 */
function ensureBrowser() {
  if (fs.existsSync(BROWSER)) return;
  const root = process.getuid?.() === 0;
  if (root && hasCommand('apt-get')) {
    console.log(`No browser at ${BROWSER}: installing Debian's chromium (apt-get install chromium) for the browser tests`);
    // dpkg's progress is hundreds of lines: shown only when the install fails.
    const quiet = { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
    const update = spawnSync('apt-get', ['update', '-qq'], quiet);
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], quiet) : update;
    if (install.status === 0 && fs.existsSync(BROWSER)) return;
    console.error(`${install.stdout ?? ''}${install.stderr ?? ''}\nInstalling chromium failed. Install it and run the tests again:\n  apt-get update && apt-get install -y chromium`);
    process.exit(1);
  }
  console.log(`No browser at ${BROWSER}: installing Playwright's own Chromium (npx playwright install chromium)`);
  const install = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  if (install.status === 0) {
    return;
  }
  console.error(`No browser for the end-to-end tests. Install one and run the tests again:\n  ${hasCommand('apt-get') ? 'sudo apt-get install -y chromium' : 'npx playwright install --with-deps chromium'}`);
  process.exit(1);
}

const SSHD = '/usr/sbin/sshd';

/**
 * The bank-delivery tests start Debian's OpenSSH server on a loopback port. When it is missing, as root with apt,
 * install it; otherwise those tests say how (and with CI=true they fail: a missing server is never a skip).
 */
function ensureSshServer() {
  if (fs.existsSync(SSHD) || process.getuid?.() !== 0 || !hasCommand('apt-get')) return;
  console.log(`No SSH server at ${SSHD}: installing Debian's openssh-server (apt-get install openssh-server) for the SFTP tests`);
  const quiet = { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  const update = spawnSync('apt-get', ['update', '-qq'], quiet);
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'openssh-server'], quiet) : update;
  if (install.status !== 0) console.error(`${install.stdout ?? ''}${install.stderr ?? ''}\nInstalling openssh-server failed: the SFTP tests will say what is missing.`);
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

// Integration tests run on TEST_DATABASE_URL when set, else on an embedded PostgreSQL their global setup starts.
console.log(process.env.TEST_DATABASE_URL ? 'Database: the PostgreSQL server at TEST_DATABASE_URL' : 'Database: an embedded PostgreSQL started for this run');
ensureBrowser();
ensureSshServer();

const typecheck = run('typecheck', 'npm', ['run', 'typecheck', '--silent']);
record(typecheck, { passed: typecheck.ok ? 1 : 0, failed: typecheck.ok ? 0 : 1 });

// The layering rules of .dependency-cruiser.mjs and SQL only in repositories, each also proven to fail.
const boundariesFile = path.join(reportDir, 'boundaries.json');
const boundaries = run('boundaries', 'node', ['scripts/boundaries/check.mjs', '--json', boundariesFile]);
record(boundaries, fs.existsSync(boundariesFile) ? JSON.parse(fs.readFileSync(boundariesFile, 'utf8')) : { passed: 0, failed: 1 });

// The vitest projects of vitest.config.ts, each with its own JSON report and line in the summary.
for (const project of ['unit', 'component', 'integration']) {
  const file = path.join(reportDir, `${project}.json`);
  const tier = run(project, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  record(tier, countVitest(file));
}

const build = run('build', 'node', ['scripts/build.mjs']);
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
