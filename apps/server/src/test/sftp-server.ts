import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * A real OpenSSH server for tests: `sshd` from the openssh-server package (installed by `.ci/run`), on
 * 127.0.0.1 and a free port, signing in the current user with a key made for the run, SFTP by internal-sftp.
 * Everything lives in one temporary folder, removed by stop().
 */

export const SSHD = '/usr/sbin/sshd';
const run = promisify(execFile);

/**
 * Null when tests can start sshd; otherwise why not, for a skip message. With CI=true a missing server is a
 * failure, never a skip: this throws.
 */
export function sftpServerMissing(): string | null {
  if (fs.existsSync(SSHD)) return null;
  const message = `No OpenSSH server at ${SSHD}: the SFTP tests need it (apt-get install -y openssh-server)`;
  if (process.env.CI === 'true') throw new Error(message);
  return message;
}

export type TestSftpServer = {
  host: string;
  port: number;
  username: string;
  /** The client key sshd accepts (OpenSSH private key text). */
  privateKey: string;
  /** Another client key, one sshd does not accept. */
  unknownPrivateKey: string;
  /** The server's host key fingerprint, base64 without `SHA256:`, as `ssh-keygen -lf` prints it. */
  hostKeySha256: string;
  /** The server's public host key line (`ssh-ed25519 AAAA...`). */
  hostPublicKey: string;
  /** An empty folder for uploads, an absolute path on the server (there is no chroot). */
  root: string;
  /** What sshd has logged so far (stderr), for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
};

async function keyPair(file: string, comment: string) {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  return { privateKey: await fsp.readFile(file, 'utf8'), publicKey: (await fsp.readFile(`${file}.pub`, 'utf8')).trim() };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** As root, sshd refuses to start without its privilege separation folder (root-owned, not writable by others). */
async function ensurePrivilegeSeparationDir() {
  if (process.getuid?.() !== 0) return;
  await fsp.mkdir('/run/sshd', { recursive: true, mode: 0o755 });
}

export async function startSftpServer(): Promise<TestSftpServer> {
  const missing = sftpServerMissing();
  if (missing) throw new Error(missing);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rentledger-sftp-'));
  const root = path.join(dir, 'inbox');
  await fsp.mkdir(root);
  const username = os.userInfo().username;
  const hostKey = await keyPair(path.join(dir, 'host_ed25519_key'), 'rentledger-test-host');
  const client = await keyPair(path.join(dir, 'client_ed25519_key'), 'rentledger-test-client');
  const unknown = await keyPair(path.join(dir, 'unknown_ed25519_key'), 'rentledger-test-unknown');
  await fsp.writeFile(path.join(dir, 'authorized_keys'), `${client.publicKey}\n`, { mode: 0o600 });
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', path.join(dir, 'host_ed25519_key.pub')]);
  const hostKeySha256 = /SHA256:([A-Za-z0-9+/]+)/.exec(stdout)?.[1];
  if (!hostKeySha256) throw new Error(`ssh-keygen printed no SHA256 fingerprint: ${stdout}`);
  await ensurePrivilegeSeparationDir();

  // The port is free when asked, but another process could take it before sshd binds: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = path.join(dir, 'sshd_config');
    await fsp.writeFile(
      config,
      [
        `ListenAddress 127.0.0.1:${port}`,
        `HostKey ${path.join(dir, 'host_ed25519_key')}`,
        `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        `AllowUsers ${username}`,
        'AuthenticationMethods publickey',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        // As root (this VM, CI) the test user is root: a key is enough, never a password.
        'PermitRootLogin prohibit-password',
        'StrictModes no',
        'UsePAM no',
        'UseDNS no',
        'PrintMotd no',
        'LogLevel VERBOSE',
        'Subsystem sftp internal-sftp',
        '',
      ].join('\n'),
    );
    let log = '';
    let exited: string | null = null;
    const sshd: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    sshd.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log += chunk;
    });
    sshd.once('exit', (code, signal) => {
      exited = `sshd exited (${signal ?? code})`;
    });
    sshd.once('error', (error) => {
      exited = `sshd did not start: ${error.message}`;
    });
    const started = Date.now();
    let ready = false;
    while (!exited && Date.now() - started < 10_000) {
      if (await accepts(port)) {
        ready = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!ready) {
      sshd.kill('SIGKILL');
      if (attempt < 3 && /Bind to port|Address already in use/i.test(log)) continue;
      await fsp.rm(dir, { recursive: true, force: true });
      throw new Error(`${exited ?? 'sshd did not listen within 10 s'} on port ${port}:\n${log}`);
    }
    return {
      host: '127.0.0.1',
      port,
      username,
      privateKey: client.privateKey,
      unknownPrivateKey: unknown.privateKey,
      hostKeySha256,
      hostPublicKey: hostKey.publicKey,
      root,
      log: () => log,
      async stop() {
        if (!exited) {
          const gone = new Promise<void>((resolve) => sshd.once('exit', () => resolve()));
          sshd.kill('SIGTERM');
          await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
          if (!exited) sshd.kill('SIGKILL');
        }
        await fsp.rm(dir, { recursive: true, force: true });
      },
    };
  }
}
