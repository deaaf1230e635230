import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sftpServerMissing, startSftpServer, type TestSftpServer } from '../../test/sftp-server.ts';
import { BankDeliveryError, type SftpTarget } from './bank-delivery.ts';
import { describeHostKey, fingerprintOf } from './host-key.ts';
import { createSftpDelivery } from './sftp-delivery.ts';

// Throws with CI=true: there a missing OpenSSH server fails the run.
const missing = sftpServerMissing();
if (missing) console.warn(`Skipping the SFTP delivery tests. ${missing}`);

/** A NACHA-like file: 94-character records, padded with 9s to a block of ten. */
function nachaFile(marker: string) {
  const records = [`101 091000019 1234567890${marker}`.padEnd(94, ' '), `5200MAPLE RENT`.padEnd(94, ' ')];
  while (records.length % 10 !== 0) records.push('9'.repeat(94));
  return `${records.join('\n')}\n`;
}

async function failure(promise: Promise<unknown>): Promise<BankDeliveryError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BankDeliveryError);
  return error as BankDeliveryError;
}

function expectNoSecrets(error: Error, server: TestSftpServer, content?: string) {
  const keyLines = [server.privateKey, server.unknownPrivateKey].flatMap((key) => key.split('\n')).filter((line) => line.length > 20 && !line.startsWith('-----'));
  const text = `${error.message}\n${error.stack ?? ''}`;
  for (const line of keyLines) expect(text).not.toContain(line);
  expect(text).not.toContain('PRIVATE KEY');
  if (content) for (const line of content.split('\n').filter((l) => l.length > 20)) expect(text).not.toContain(line.trim());
}

async function closedPort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(missing !== null)('SFTP delivery to a real OpenSSH server', () => {
  let server: TestSftpServer;
  let target: SftpTarget;
  const delivery = createSftpDelivery({ readyTimeoutMs: 10_000 });

  beforeAll(async () => {
    server = await startSftpServer();
    target = { host: server.host, port: server.port, username: server.username, privateKey: server.privateKey, remoteDir: server.root, hostKeySha256: server.hostKeySha256 };
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('uploads a file byte for byte under its final name, with no .part left', async () => {
    const content = nachaFile('upload');
    const { remotePath } = await delivery.upload(target, 'ACH-20261208-001.txt', content);
    expect(remotePath).toBe(path.posix.join(server.root, 'ACH-20261208-001.txt'));
    expect(await fs.readFile(path.join(server.root, 'ACH-20261208-001.txt'), 'utf8')).toBe(content);
    expect((await fs.readdir(server.root)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('uploads a Buffer as it is (bytes no encoding would round-trip)', async () => {
    const bytes = Buffer.concat([randomBytes(70_000), Buffer.from([0, 255, 254, 13, 10])]);
    await delivery.upload(target, 'binary.bin', bytes);
    expect((await fs.readFile(path.join(server.root, 'binary.bin'))).equals(bytes)).toBe(true);
  });

  it('accepts the pinned fingerprint with the SHA256: prefix too', async () => {
    await delivery.upload({ ...target, hostKeySha256: `SHA256:${server.hostKeySha256}` }, 'prefixed.txt', 'x');
    expect(await fs.readFile(path.join(server.root, 'prefixed.txt'), 'utf8')).toBe('x');
  });

  it('never sends a file twice: a second upload of the name fails with exists and the first file is unchanged', async () => {
    const first = nachaFile('first');
    const second = nachaFile('second');
    await delivery.upload(target, 'ACH-twice.txt', first);
    const error = await failure(delivery.upload(target, 'ACH-twice.txt', second));
    expect(error.reason).toBe('exists');
    expect(error.message).toContain('ACH-twice.txt');
    expectNoSecrets(error, server, second);
    expect(await fs.readFile(path.join(server.root, 'ACH-twice.txt'), 'utf8')).toBe(first);
    expect((await fs.readdir(server.root)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('does not overwrite a file that appears between the check and the rename (the rename itself refuses)', async () => {
    // What a racing upload would leave: the final name taken while this one's .part is written.
    const name = 'ACH-race.txt';
    const racer = createSftpDelivery();
    // A large file, so its .part is there long enough to be seen.
    const big = nachaFile('race').repeat(20_000);
    let settled = false;
    const upload = racer.upload(target, name, big).then(
      () => 'uploaded',
      (error: unknown) => error,
    );
    void upload.finally(() => {
      settled = true;
    });
    const watcher = (async () => {
      const part = path.join(server.root, `${name}.part`);
      while (!settled) {
        if (await fs.stat(part).then(() => true, () => false)) {
          await fs.writeFile(path.join(server.root, name), 'the other upload');
          return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return false;
    })();
    const result = await upload;
    expect(await watcher).toBe(true);
    expect(result).toBeInstanceOf(BankDeliveryError);
    expect((result as BankDeliveryError).reason).toBe('exists');
    expect(await fs.readFile(path.join(server.root, name), 'utf8')).toBe('the other upload');
    expect((await fs.readdir(server.root)).filter((file) => file.endsWith('.part'))).toEqual([]);
  });

  it('refuses a server whose host key is not the pinned one, before signing in: nothing is written', async () => {
    const before = await fs.readdir(server.root);
    const signIns = server.log().match(/Accepted publickey/g)?.length ?? 0;
    const wrong = randomBytes(32).toString('base64').replace(/=+$/, '');
    const content = nachaFile('wrong-host');
    const error = await failure(delivery.upload({ ...target, hostKeySha256: wrong }, 'ACH-wrong-host.txt', content));
    expect(error.reason).toBe('host_key_mismatch');
    expect(error.message).toContain(`SHA256:${server.hostKeySha256}`);
    expect(error.retryable).toBe(false);
    expectNoSecrets(error, server, content);
    expect(await fs.readdir(server.root)).toEqual(before);
    // Refused in the key exchange: no sign-in happened.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.log().match(/Accepted publickey/g)?.length ?? 0).toBe(signIns);
  });

  it('refuses a pin that is not a SHA-256 fingerprint at all', async () => {
    const error = await failure(delivery.list({ ...target, hostKeySha256: 'MD5:12:f3:aa' }));
    expect(error.reason).toBe('host_key_mismatch');
  });

  it('fails with auth_failed for a key the server does not accept, and for a key that cannot be read', async () => {
    const refused = await failure(delivery.upload({ ...target, privateKey: server.unknownPrivateKey }, 'ACH-bad-key.txt', 'content'));
    expect(refused.reason).toBe('auth_failed');
    expectNoSecrets(refused, server);
    const garbled = `${server.privateKey.slice(0, 120)}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const unreadable = await failure(delivery.list({ ...target, privateKey: garbled }));
    expect(unreadable.reason).toBe('auth_failed');
    expectNoSecrets(unreadable, server);
    expect(unreadable.message).not.toContain(garbled.split('\n')[1] ?? 'unused');
    await expect(fs.stat(path.join(server.root, 'ACH-bad-key.txt'))).rejects.toThrow();
  });

  it('fails with unreachable, retryable, when nothing listens on the port', async () => {
    const content = nachaFile('closed');
    const error = await failure(delivery.upload({ ...target, port: await closedPort() }, 'ACH-closed.txt', content));
    expect(error.reason).toBe('unreachable');
    expect(error.retryable).toBe(true);
    expectNoSecrets(error, server, content);
  });

  it('fails with unreachable when the server never answers the handshake (readyTimeout)', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const quick = createSftpDelivery({ readyTimeoutMs: 500 });
      const started = Date.now();
      const error = await failure(quick.list({ ...target, port: (silent.address() as net.AddressInfo).port }));
      expect(error.reason).toBe('unreachable');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });

  it('gives up a whole call past operationTimeoutMs and cuts the connection', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const bounded = createSftpDelivery({ readyTimeoutMs: 30_000, operationTimeoutMs: 500 });
      const started = Date.now();
      const error = await failure(bounded.upload({ ...target, port: (silent.address() as net.AddressInfo).port }, 'ACH-stalled.txt', 'x'));
      expect(error.reason).toBe('unreachable');
      expect(error.message).toContain('did not finish within 0.5 s');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });

  it('fails with io when the remote folder does not exist', async () => {
    const error = await failure(delivery.upload({ ...target, remoteDir: path.posix.join(server.root, 'missing') }, 'ACH-nowhere.txt', nachaFile('io')));
    expect(error.reason).toBe('io');
    expectNoSecrets(error, server, nachaFile('io'));
  });

  it('refuses a file name that is a path', async () => {
    const error = await failure(delivery.upload(target, '../escape.txt', 'x'));
    expect(error.reason).toBe('io');
    await expect(fs.stat(path.join(server.root, '..', 'escape.txt'))).rejects.toThrow();
  });

  it('lists the folder (regular files, no .part, filtered by a pattern) and downloads a file whole', async () => {
    const returns = path.join(server.root, 'returns');
    await fs.mkdir(returns);
    const returnFile = nachaFile('return');
    await fs.writeFile(path.join(returns, 'RETURN-20261208.ach'), returnFile);
    await fs.writeFile(path.join(returns, 'RETURN-20261207.ach'), 'older');
    await fs.writeFile(path.join(returns, 'notes.txt'), 'not a return');
    await fs.writeFile(path.join(returns, 'RETURN-20261209.ach.part'), 'half');
    await fs.mkdir(path.join(returns, 'archive'));
    const at = { ...target, remoteDir: returns };

    expect(await delivery.list(at)).toEqual(['RETURN-20261207.ach', 'RETURN-20261208.ach', 'notes.txt']);
    expect(await delivery.list(at, /^RETURN-.*\.ach$/)).toEqual(['RETURN-20261207.ach', 'RETURN-20261208.ach']);
    expect((await delivery.download(at, 'RETURN-20261208.ach')).toString('utf8')).toBe(returnFile);

    const error = await failure(delivery.download(at, 'RETURN-missing.ach'));
    expect(error.reason).toBe('io');
    expect(error.message).toContain('RETURN-missing.ach');
  });

  it('ends every connection: sshd sees as many disconnects as sign-ins', async () => {
    for (let i = 0; i < 3; i++) await delivery.list(target);
    // Give sshd a moment to log the last disconnect.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = server.log();
    const accepted = log.match(/Accepted publickey/g)?.length ?? 0;
    const closed = log.match(/(Disconnected from|Connection closed by|Received disconnect from) user/g)?.length ?? 0;
    expect(accepted).toBeGreaterThan(0);
    expect(closed).toBe(accepted);
  });

  it('fingerprints a public key line as ssh-keygen does, and takes either form on the settings page', () => {
    expect(fingerprintOf(server.hostPublicKey)).toBe(server.hostKeySha256);
    expect(fingerprintOf(`[127.0.0.1]:${server.port} ${server.hostPublicKey.split(' ').slice(0, 2).join(' ')}`)).toBe(server.hostKeySha256);
    expect(describeHostKey(server.hostPublicKey)).toEqual({ sha256: server.hostKeySha256, keyType: 'ssh-ed25519' });
    expect(describeHostKey(`SHA256:${server.hostKeySha256}`)).toEqual({ sha256: server.hostKeySha256, keyType: null });
    expect(describeHostKey(`${server.hostKeySha256}=`).sha256).toBe(server.hostKeySha256);
  });
});
