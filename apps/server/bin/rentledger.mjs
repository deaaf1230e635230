#!/usr/bin/env node
// The `rentledger` command: the compiled CLI (`npm run build` makes apps/server/dist).
await import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    console.error('The CLI is not built: run `npm run build` (or use `npm run cli -- <command>`, which builds it).');
    process.exit(1);
  }
  throw error;
});
