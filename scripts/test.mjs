// Runs every test tier in order: typecheck, boundary rules, unit, component (the web app's React
// components in jsdom, HTTP answered by MSW), integration (on PostgreSQL: TEST_DATABASE_URL, or an
// embedded server started for the run), browser end to end. Prints the time and counts of each tier
// and a closing "N passed, N failed" line. A missing browser is installed (see ensureBrowser) or
// stops the run: the browser tier is never skipped.
import { spawn, spawnSync } from 'node:child_process';
import readline from 'node:readline';
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

/**
 * Seconds each browser test file's tests took (summed from the list reporter, two CI runs on a loaded two-core machine): the
 * weights that balance the groups. A file not listed weighs NEW_FILE_SECONDS until it is measured.
 */
const E2E_SECONDS = {
  'accessibility.e2e.ts': 265,
  'onboarding-review.e2e.ts': 200,
  'accounting.e2e.ts': 135,
  'auth.e2e.ts': 110,
  'onboarding-signup.e2e.ts': 85,
  'payments.e2e.ts': 75,
  'support.e2e.ts': 70,
  'residents.e2e.ts': 65,
  'account-trust.e2e.ts': 55,
  'rent-alerts.e2e.ts': 50,
  'onboarding-support.e2e.ts': 50,
  'content-security-policy.e2e.ts': 35,
  'rent-history.e2e.ts': 30,
  'invitations.e2e.ts': 30,
  'autopay.e2e.ts': 25,
  'api-tokens.e2e.ts': 20,
  'returns.e2e.ts': 20,
  'postings.e2e.ts': 10,
  'dev-mailbox.e2e.ts': 10,
};
const NEW_FILE_SECONDS = 45;

/** The e2e files in `count` groups of about equal time: the longest first, each to the group with the least so far. */
function browserGroups(count) {
  const files = fs.readdirSync('e2e').filter((name) => name.endsWith('.e2e.ts'));
  const weight = (name) => E2E_SECONDS[name] ?? NEW_FILE_SECONDS;
  const groups = Array.from({ length: count }, () => ({ files: [], seconds: 0 }));
  for (const name of files.sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const lightest = groups.reduce((best, group) => (group.seconds < best.seconds ? group : best));
    lightest.files.push(`e2e/${name}`);
    lightest.seconds += weight(name);
  }
  return groups.filter((group) => group.files.length > 0);
}

/** One Playwright run of `files` on ports shifted by `offset`, its lines prefixed so two runs' output stays readable. */
function runPlaywright(files, offset, jsonFile, prefix) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['playwright', 'test', ...files, '--reporter=list,json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile, E2E_PORT_OFFSET: String(offset) },
    });
    for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      readline.createInterface({ input: stream }).on('line', (line) => out.write(`${prefix}${line}\n`));
    }
    child.on('close', (code) => resolve(code === 0));
  });
}

/**
 * The browser tier: the e2e files in two groups run at the same time (E2E_GROUPS, default 2), each group its own
 * Playwright run with its own server, embedded database (demo data fresh in each) and mail catcher, so no test sees
 * the other group's changes. Most of a browser test is waiting (network idle, transitions), so two groups on two
 * cores take little more than half the time of one.
 */
async function runBrowserTier() {
  const started = Date.now();
  const groups = browserGroups(Math.max(1, Number(process.env.E2E_GROUPS ?? 2)));
  const results = await Promise.all(
    groups.map((group, index) => {
      const file = path.join(reportDir, `e2e-${index}.json`);
      console.log(`Browser group ${index + 1}: ${group.files.map((name) => path.basename(name)).join(', ')}`);
      return runPlaywright(group.files, index * 100, file, groups.length > 1 ? `[e2e ${index + 1}] ` : '').then((ok) => ({ ok, counts: countPlaywright(file) }));
    }),
  );
  const tier = { name: 'e2e', ok: results.every((result) => result.ok), seconds: ((Date.now() - started) / 1000).toFixed(1) };
  const counts = results.reduce((sum, result) => ({ passed: sum.passed + result.counts.passed, failed: sum.failed + result.counts.failed }), { passed: 0, failed: 0 });
  return [tier, counts];
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
  record(...(await runBrowserTier()));
} else {
  record(build, { passed: 0, failed: 1 });
}

console.log('\nTest tiers:');
for (const line of summary) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed`);
fs.rmSync(reportDir, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
