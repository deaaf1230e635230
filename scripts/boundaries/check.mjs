// The boundary check that `npm test` runs (and `node scripts/boundaries/check.mjs` alone):
//  1. the dependency rules of .dependency-cruiser.mjs hold on apps/ and packages/;
//  2. query builders (selectFrom, insertInto, updateTable, deleteFrom, sql``) appear only where SQL may live;
//  3. each rule, planted once in a scratch copy of the layout, is reported under its name: a rule that
//     cannot fail proves nothing.
// Prints one line per check and a final "boundaries: N passed, N failed"; exits 1 on any failure.
// With --json <file> it also writes { passed, failed } for scripts/test.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import ts from 'typescript';
import config from '../../.dependency-cruiser.mjs';
import { PLANTED_VIOLATIONS, PLANTED_QUERY_BUILDER } from './planted-violations.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCANNED = ['apps/server/src', 'apps/web/src', 'packages'];
const QUERY_BUILDER_METHODS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
/**
 * Where SQL may be written: repositories, the database layer itself (migrations, backup, embedded server),
 * the demo seed (like a migration: it writes fixed rows once), tests and their helpers.
 */
const SQL_ALLOWED = [/\.repository\.ts$/, /^apps\/server\/src\/db\//, /^apps\/server\/src\/demo\//, /\.test\.tsx?$/, /^apps\/server\/src\/test\//];

let passed = 0;
let failed = 0;
const report = (ok, line, details = []) => {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? '  ✓' : '  ✗'} ${line}`);
  for (const detail of details) console.log(`      ${detail}`);
};

async function violationsIn(baseDir, targets) {
  const result = await cruise(targets, { ...config.options, ruleSet: { forbidden: config.forbidden }, baseDir, validate: true });
  return result.output.summary.violations.filter((violation) => violation.rule.severity === 'error');
}

/** Every query-builder call or `sql` template in a file outside the places SQL may live. */
export function queryBuilderCalls(relativePath, text) {
  if (SQL_ALLOWED.some((pattern) => pattern.test(relativePath))) return [];
  const source = ts.createSourceFile(relativePath, text, ts.ScriptTarget.Latest, true, relativePath.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const where = (node) => `${relativePath}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && QUERY_BUILDER_METHODS.has(node.expression.name.text)) {
      found.push(`${where(node)} ${node.expression.name.text}(...)`);
    }
    if (ts.isTaggedTemplateExpression(node) && /^sql(\.|$)/.test(node.tag.getText(source))) found.push(`${where(node)} sql\`...\``);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') files.push(...sourceFiles(relative));
    else if (entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name)) files.push(relative);
  }
  return files;
}

/**
 * Violations that predate a rule and are being mended, one `rule: from -> to` (or `rule: file:line`) per entry.
 * They are listed, not failed; an entry that no longer occurs fails the check, so the list only shrinks.
 */
const KNOWN_FILE = path.join(root, 'scripts/boundaries/known-violations.json');
const known = new Set(fs.existsSync(KNOWN_FILE) ? JSON.parse(fs.readFileSync(KNOWN_FILE, 'utf8')) : []);
const seenKnown = new Set();

function reportRule(name, offences) {
  const fresh = offences.filter((offence) => !known.has(`${name}: ${offence}`));
  for (const offence of offences) if (known.has(`${name}: ${offence}`)) seenKnown.add(`${name}: ${offence}`);
  const tolerated = offences.length - fresh.length;
  report(fresh.length === 0, `${name}: holds${tolerated ? ` (${tolerated} known violation(s) being mended, scripts/boundaries/known-violations.json)` : ''}`, fresh);
}

async function checkRealTree() {
  const violations = await violationsIn(root, SCANNED);
  for (const rule of config.forbidden) {
    reportRule(rule.name, violations.filter((violation) => violation.rule.name === rule.name).map((violation) => `${violation.from} -> ${violation.to}`));
  }
  // Line numbers move with every edit: a known query-builder violation is named by its file and method.
  const calls = SCANNED.flatMap(sourceFiles).flatMap((file) => queryBuilderCalls(file, fs.readFileSync(path.join(root, file), 'utf8')));
  reportRule('sql-only-in-repositories', [...new Set(calls.map((call) => call.replace(/:\d+ /, ' ')))]);
  const stale = [...known].filter((entry) => !seenKnown.has(entry));
  report(stale.length === 0, 'known-violations.json lists only violations that still occur', stale);
}

/** Plants each violation in a scratch tree shaped like the project, with the real node_modules beside it. */
async function proveRulesFail() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rentledger-boundaries-'));
  try {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
    for (const planted of PLANTED_VIOLATIONS) {
      for (const [file, text] of Object.entries(planted.files)) {
        fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
        fs.writeFileSync(path.join(scratch, file), text);
      }
    }
    const violations = await violationsIn(scratch, ['apps', 'packages']);
    for (const rule of config.forbidden) {
      const planted = PLANTED_VIOLATIONS.find((candidate) => candidate.rule === rule.name);
      const caught = planted && violations.some((violation) => violation.rule.name === rule.name && violation.from === planted.from);
      report(Boolean(caught), `${rule.name}: fails on a planted violation${planted ? ` (${planted.from})` : ' (none planted)'}`);
    }
    const calls = queryBuilderCalls(PLANTED_QUERY_BUILDER.path, PLANTED_QUERY_BUILDER.text);
    report(calls.length === PLANTED_QUERY_BUILDER.expected, `sql-only-in-repositories: fails on a planted violation (${PLANTED_QUERY_BUILDER.path}: ${calls.length} found)`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

console.log('Boundary rules (.dependency-cruiser.mjs, scripts/boundaries):');
await checkRealTree();
await proveRulesFail();
console.log(`boundaries: ${passed} passed, ${failed} failed`);
const jsonAt = process.argv.indexOf('--json');
if (jsonAt > 0) fs.writeFileSync(process.argv[jsonAt + 1], JSON.stringify({ passed, failed }));
process.exitCode = failed > 0 ? 1 : 0;
