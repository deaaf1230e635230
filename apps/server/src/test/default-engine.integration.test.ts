import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startServerProcess, stopServerProcess } from './server-process.ts';

/**
 * The server as `npm start` runs it, on the default engine: no DATABASE_URL,
 * so an embedded PostgreSQL under DATA_DIR. Moving an approved resident to
 * another unit once hung every request of every company on the old embedded
 * engine; here it answers, and so does everything after it.
 */
describe('the server on the default embedded engine', () => {
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startServerProcess>>;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-default-'));
    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: '' });
  }, 120_000);
  afterAll(async () => {
    await stopServerProcess(server.child);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('says which engine it runs on', async () => {
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok', database: 'embedded' });
    await expect(fs.access(path.join(dataDir, 'postgres', 'PG_VERSION'))).resolves.toBeUndefined();
  });

  it("changes an approved resident's unit, and every request after it still answers", async () => {
    const signup = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Nora', lastName: 'Lindqvist', email: 'nora@personal.test', phone: '614-555-4040', password: 'resident-password-1' }),
    });
    // Sign-up answers 202 "check your email"; an unverified account may still sign in and state its residency.
    expect(signup.status).toBe(202);
    const nora = await signIn(server.url, 'nora@personal.test', 'resident-password-1');
    const { results } = await nora.get(`/api/rentals/search?q=${encodeURIComponent('riverside commons')}`);
    const [first, second] = results[0].units as { id: string; label: string }[];
    const residency = await nora.send('POST', '/api/me/residencies', { propertyId: results[0].property.id, unitId: first?.id, rentCents: 125000, leaseStart: '2026-05-01', leaseEnd: null });
    expect(residency.status).toBe(201);

    const manager = await signIn(server.url, 'manager@maple.demo');
    const approved = await manager.send('POST', `/api/residents/${residency.body.id}/approve`, { method: 'manual', unitId: first?.id, rentCents: 125000, dueDay: 1, leaseStart: '2026-05-01', leaseEnd: null });
    expect(approved.body).toMatchObject({ status: 'approved' });

    const moved = await manager.send('PATCH', `/api/residents/${residency.body.id}`, { unitId: second?.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ unitLabel: second?.label });

    const birch = await signIn(server.url, 'owner@birch.demo');
    const answers = await Promise.all([
      fetch(`${server.url}/api/health`).then((r) => r.status),
      manager.send('GET', '/api/residents?status=approved').then((r) => r.status),
      manager.send('GET', '/api/tasks').then((r) => r.status),
      birch.send('GET', '/api/properties').then((r) => r.status),
      nora.send('GET', '/api/me/residencies').then((r) => r.status),
    ]);
    expect(answers).toEqual([200, 200, 200, 200, 200]);
    expect((await nora.get('/api/me/residencies')).items[0]).toMatchObject({ status: 'approved', unitLabel: second?.label });
  });

  it('stops the embedded PostgreSQL when it stops, within seconds of SIGTERM', async () => {
    const started = Date.now();
    await stopServerProcess(server.child);
    expect(server.child.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect(fs.access(path.join(dataDir, 'postgres', 'postmaster.pid'))).rejects.toThrow();
  });
});
