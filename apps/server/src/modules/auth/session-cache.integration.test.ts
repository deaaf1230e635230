import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/secrets.ts';
import { createTestApp, type Session, type TestContext, within } from '../../test/test-app.ts';

const tokenHashOf = (session: Session) => sha256(session.cookie.replace('rl_session=', ''));

describe('session cache (sessions resolved from memory, forgotten on every change)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ sessionCache: true });
  });
  afterAll(() => ctx.close());

  const status = async (session: Session) => (await ctx.call(session, { method: 'GET', url: '/api/auth/session' })).statusCode;
  const cache = () => {
    if (!ctx.sessionCache) throw new Error('no session cache');
    return ctx.sessionCache;
  };

  it('keeps a resolved session, and forgets it when the session row is deleted by anyone', async () => {
    const session = await ctx.login('manager@maple.demo');
    expect(await status(session)).toBe(200);
    expect(cache().get(tokenHashOf(session))).toMatchObject({ user: { email: 'manager@maple.demo' } });
    // Another connection (an operator's psql, another server) ends it.
    await sql`DELETE FROM sessions WHERE token_hash = ${tokenHashOf(session)}`.execute(ctx.database.db);
    const ms = await within(1_000, async () => (await status(session)) === 401);
    expect(ms).toBeLessThan(1_000);
    expect(cache().get(tokenHashOf(session))).toBeUndefined();
  });

  it('signing out on this process ends the session at once, without waiting for the notification', async () => {
    const session = await ctx.login('manager@maple.demo');
    expect(await status(session)).toBe(200);
    expect((await ctx.call(session, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect(await status(session)).toBe(401);
  });

  it('a disabled user, a changed name and a company that now requires two-factor sign-in are seen', async () => {
    const session = await ctx.login('owner@birch.demo');
    expect((await ctx.call(session, { method: 'GET', url: '/api/auth/session' })).json()).toMatchObject({ user: { firstName: expect.any(String) } });

    await sql`UPDATE users SET first_name = 'Renamed' WHERE id = ${session.userId}`.execute(ctx.database.db);
    await within(1_000, async () => (await ctx.call(session, { method: 'GET', url: '/api/auth/session' })).json().user.firstName === 'Renamed');

    await sql`UPDATE companies SET require_staff_two_factor = true WHERE id = ${session.companyId}`.execute(ctx.database.db);
    await within(1_000, async () => (await ctx.call(session, { method: 'GET', url: '/api/tasks' })).json().error?.code === 'two_factor_setup_required');
    await sql`UPDATE companies SET require_staff_two_factor = false WHERE id = ${session.companyId}`.execute(ctx.database.db);
    await within(1_000, async () => (await ctx.call(session, { method: 'GET', url: '/api/tasks' })).statusCode === 200);

    await sql`UPDATE users SET disabled_at = now() WHERE id = ${session.userId}`.execute(ctx.database.db);
    await within(1_000, async () => (await status(session)) === 401);
    await sql`UPDATE users SET disabled_at = NULL WHERE id = ${session.userId}`.execute(ctx.database.db);
  });

  it("signing out another of one's sessions through the API ends it", async () => {
    const mine = await ctx.login('resident@demo.test');
    const other = await ctx.login('resident@demo.test');
    expect(await status(other)).toBe(200);
    const { sessions } = (await ctx.call(other, { method: 'GET', url: '/api/auth/sessions' })).json() as { sessions: { id: string; current: boolean }[] };
    const otherId = sessions.find((candidate) => candidate.current)?.id;
    const response = await ctx.call(mine, { method: 'DELETE', url: `/api/auth/sessions/${otherId}` });
    expect(response.statusCode).toBe(204);
    await within(1_000, async () => (await status(other)) === 401);
    expect(await status(mine)).toBe(200);
  });

  it('sessions changed by a session row update that does not extend it are forgotten too', async () => {
    const session = await ctx.login('manager@maple.demo');
    expect(await status(session)).toBe(200);
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = ${tokenHashOf(session)}`.execute(ctx.database.db);
    await within(1_000, async () => (await status(session)) === 401);
  });

  it('while its connection is lost the cache is off (every request looks), and it comes back on after LISTEN', async () => {
    const session = await ctx.login('manager@maple.demo');
    expect(await status(session)).toBe(200);
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'rentledger-listen' AND datname = current_database()`.execute(ctx.database.db);
    await within(2_000, async () => cache().size === 0 && cache().get(tokenHashOf(session)) === undefined);
    // Changes made while nobody listens cannot be missed: nothing is served from memory.
    await within(5_000, async () => {
      expect(await status(session)).toBe(200);
      return cache().get(tokenHashOf(session)) !== undefined;
    });
    await sql`DELETE FROM sessions WHERE token_hash = ${tokenHashOf(session)}`.execute(ctx.database.db);
    await within(1_000, async () => (await status(session)) === 401);
  });
});
