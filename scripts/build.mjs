// Builds what `npm start` runs, skipping what is up to date:
//   apps/server/dist  the server and the CLI, bundled by esbuild into plain JavaScript (npm packages stay
//                     external; the workspace's own TypeScript packages are bundled in), with source maps
//   apps/web/dist     the web app, built by Vite
// `node scripts/build.mjs server` or `web` builds one; `--force` rebuilds whatever the timestamps say.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.find((arg) => !arg.startsWith('--'));

/** The newest modification time under these paths (files or folders), ignoring tests. */
function newestInput(paths) {
  let newest = 0;
  const visit = (file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) if (entry !== 'node_modules' && entry !== 'dist') visit(path.join(file, entry));
    } else if (!/\.test\.tsx?$/.test(file)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of paths) visit(path.join(root, input));
  return newest;
}

function isUpToDate(output, inputs) {
  const built = fs.statSync(path.join(root, output), { throwIfNoEntry: false });
  return !force && built !== undefined && built.mtimeMs >= newestInput(inputs);
}

const SHARED_INPUTS = ['packages/contracts/src', 'package-lock.json', 'tsconfig.base.json', 'scripts/build.mjs'];

async function buildServer() {
  const stamp = 'apps/server/dist/main.js';
  if (isUpToDate(stamp, ['apps/server/src', 'apps/server/package.json', ...SHARED_INPUTS])) return false;
  const { build } = await import('esbuild');
  const outdir = path.join(root, 'apps/server/dist');
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'apps/server/src/main.ts', cli: 'apps/server/src/cli/cli.ts' },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    // Packages load from node_modules as they are (native addons, binaries found next to their files);
    // the workspace's own packages are TypeScript and are compiled in.
    plugins: [
      {
        name: 'external-packages',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^[^./]/ }, (resolve) => (resolve.path.startsWith('@rentledger/') ? undefined : { path: resolve.path, external: true }));
        },
      },
    ],
  });
  // Read at run time beside the code that names it (import.meta.dirname).
  fs.copyFileSync(path.join(root, 'apps/server/src/demo/maple-rent-roll.csv'), path.join(outdir, 'maple-rent-roll.csv'));
  return true;
}

function buildWeb() {
  if (isUpToDate('apps/web/dist/index.html', ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/package.json', 'apps/web/postcss.config.mjs', 'apps/web/public', ...SHARED_INPUTS])) return false;
  const result = spawnSync('npm', ['run', 'build', '--workspace', '@rentledger/web', '--silent', '--', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return true;
}

const started = performance.now();
const built = [];
if (!only || only === 'server') if (await buildServer()) built.push('server');
if (!only || only === 'web') if (buildWeb()) built.push('web app');
if (built.length > 0) console.log(`Built the ${built.join(' and ')} in ${((performance.now() - started) / 1000).toFixed(1)}s`);
