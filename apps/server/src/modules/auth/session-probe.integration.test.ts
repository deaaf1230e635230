import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';

describe('GET /api/auth/session-probe', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('answers 200 with no session for a signed-out caller, where GET /api/auth/session answers 401', async () => {
    const probe = await ctx.call(null, { method: 'GET', url: '/api/auth/session-probe' });
    expect(probe.statusCode).toBe(200);
    expect(probe.json()).toEqual({ session: null });
    expect((await ctx.call(null, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const staleCookie = await ctx.call(null, { method: 'GET', url: '/api/auth/session-probe', headers: { cookie: 'rl_session=not-a-session' } });
    expect(staleCookie.json()).toEqual({ session: null });
  });

  it('answers the signed-in user and CSRF token, and nothing once signed out', async () => {
    const session = await ctx.login('owner@birch.demo');
    const probe = await ctx.call(session, { method: 'GET', url: '/api/auth/session-probe' });
    expect(probe.json()).toMatchObject({ session: { user: { email: 'owner@birch.demo', role: 'landlord', company: { name: 'Birch Rentals' } }, csrfToken: session.csrfToken } });
    expect((await ctx.call(session, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await ctx.call(session, { method: 'GET', url: '/api/auth/session-probe' })).json()).toEqual({ session: null });
  });
});
