import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The real server (main.ts) as a child process, as `npm start` runs it. */
export async function startServerProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  let output = '';
  // node itself with tsx's loader, not the tsx CLI: the CLI runs the server in a child of its own,
  // which a SIGKILL to the CLI would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), WEB_DIST_DIR: '/nonexistent-web-dist', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false);
    if (healthy) break;
    if (Date.now() - started > 90_000) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, child, output: () => output };
}

/** The CLI as `npm run cli --` runs it, from source, as a child process (to signal while it works). */
export function startCliProcess(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'apps/server/src/cli/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** The CLI run to its end: its exit code and everything it printed. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, output } = startCliProcess(args, env);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output: output() })));
}

export async function stopServerProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** A tiny HTTP client with a cookie jar and the CSRF header, for tests against a real server. */
export async function signIn(url: string, email: string, password = 'demo-password'): Promise<ServerSession> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return sessionAt(url, { cookie, 'x-csrf-token': csrfToken });
}

export type ServerSession = {
  headers: { cookie: string; 'x-csrf-token': string };
  /** The same session's requests to another server process (on the same database). */
  at: (otherUrl: string) => ServerSession;
  get: (pathname: string) => Promise<any>;
  send: (method: string, pathname: string, body?: unknown) => Promise<{ status: number; body: any }>;
  upload: (name: string, content: string) => Promise<{ status: number; body: any }>;
};

/** A signed-in session's requests to the server at `url`. */
function sessionAt(url: string, headers: ServerSession['headers']): ServerSession {
  return {
    headers,
    at: (otherUrl: string) => sessionAt(otherUrl, headers),
    get: async (pathname: string) => (await fetch(`${url}${pathname}`, { headers })).json(),
    /** A JSON request; the answer's status and body. */
    send: async (method: string, pathname: string, body?: unknown) => {
      const answer = await fetch(`${url}${pathname}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      // 204 answers (sign-out, deletes) have no body.
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : null };
    },
    upload: async (name: string, content: string) => {
      const form = new FormData();
      form.append('file', new Blob([content]), name);
      const answer = await fetch(`${url}/api/integration/import`, { method: 'POST', headers, body: form });
      return { status: answer.status, body: await answer.json() };
    },
  };
}
