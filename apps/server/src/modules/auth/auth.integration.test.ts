import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupLimitsFor } from '../../composition.ts';
import { assembleApp, createTestApp, type TestContext } from '../../test/test-app.ts';

describe('auth', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({
      loginLimits: { perIp: { limit: 1000, windowMs: 60_000 }, perEmailAndIp: { limit: 3, windowMs: 60_000 }, perEmail: { limit: 8, windowMs: 60_000 } },
    });
  });
  afterAll(() => ctx.close());

  it('signs in each role and answers the session with a CSRF token', async () => {
    for (const [email, role] of [
      ['manager@maple.demo', 'landlord'],
      ['resident@demo.test', 'resident'],
      ['support@rentledger.demo', 'support'],
    ] as const) {
      const session = await ctx.login(email);
      const response = await ctx.call(session, { method: 'GET', url: '/api/auth/session' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ user: { email, role }, csrfToken: session.csrfToken });
    }
  });

  it('marks the session cookie Secure when the app is served over HTTPS, and only then', async () => {
    const login = (app: TestContext, headers: Record<string, string> = {}) =>
      app.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email: 'manager@maple.demo', password: 'demo-password' } });
    const secureOf = async (app: TestContext, headers?: Record<string, string>) =>
      (await login(app, headers)).cookies.find((cookie) => cookie.name === 'rl_session')?.secure ?? false;
    expect(await secureOf(ctx)).toBe(false);
    expect(await secureOf(ctx, { 'x-forwarded-proto': 'https' })).toBe(false);
    const behindTls = await createTestApp({ appUrl: 'https://rent.example.com' });
    const behindTrustedProxy = await createTestApp({ trustProxy: true });
    try {
      // TLS ends at a proxy the app is not told to trust: APP_URL says the users' address is https.
      expect(await secureOf(behindTls)).toBe(true);
      expect(await secureOf(behindTrustedProxy, { 'x-forwarded-proto': 'https' })).toBe(true);
      expect(await secureOf(behindTrustedProxy)).toBe(false);
      const signedIn = await behindTls.login('manager@maple.demo');
      const logout = await behindTls.call(signedIn, { method: 'POST', url: '/api/auth/logout' });
      expect(logout.cookies.find((cookie) => cookie.name === 'rl_session')).toMatchObject({ value: '', secure: true, httpOnly: true });
    } finally {
      await behindTls.close();
      await behindTrustedProxy.close();
    }
  });

  it('sets an httpOnly SameSite=Lax cookie and matches email ignoring case', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'Manager@Maple.DEMO', password: 'demo-password' },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === 'rl_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.json().user.company).toMatchObject({ slug: 'maple', name: 'Maple Property Management' });
  });

  it('gives a wrong password and an unknown email the same answer', async () => {
    const wrong = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'owner@birch.demo', password: 'nope-nope-nope' } });
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@birch.demo', password: 'nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Email or password is incorrect' } });
  });

  it('refuses unknown fields and names invalid ones', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email', password: 'x', remember: true },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    const paths = error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toContain('email');
    expect(paths).toContain('remember');
  });

  it('rate limits failed sign-ins per email with 429 and Retry-After', async () => {
    const attempt = () =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'resident@demo.test', password: 'wrong-password' } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('rate_limited');
    // Even the right password waits: the limit protects the account.
    const right = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'resident@demo.test', password: 'demo-password' } });
    expect(right.statusCode).toBe(429);
  });

  it('holds back the address that guessed, not the owner signing in from elsewhere, until guesses come from many addresses', async () => {
    // Its own app: the account ends up held back, which the other tests here must not inherit.
    const limited = await createTestApp({
      loginLimits: { perIp: { limit: 1000, windowMs: 60_000 }, perEmailAndIp: { limit: 3, windowMs: 60_000 }, perEmail: { limit: 8, windowMs: 60_000 } },
    });
    const attempt = (ip: string, password: string) =>
      limited.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email: 'owner@birch.demo', password } });
    try {
      for (let i = 0; i < 3; i++) expect((await attempt('203.0.113.50', 'wrong-password')).statusCode).toBe(401);
      expect((await attempt('203.0.113.50', 'demo-password')).statusCode).toBe(429);
      expect((await attempt('198.51.100.9', 'demo-password')).statusCode).toBe(200);
      // A success clears only its own address; guesses spread over addresses still add up per email.
      for (const ip of ['203.0.113.51', '203.0.113.52']) for (let i = 0; i < 3; i++) await attempt(ip, 'wrong-password');
      expect((await attempt('198.51.100.9', 'demo-password')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('requires the CSRF token on state changes made with the cookie', async () => {
    const session = await ctx.login('manager@maple.demo');
    const withoutToken = await ctx.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: { cookie: session.cookie },
      payload: { name: 'no csrf' },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('csrf_token_invalid');
    const wrongToken = await ctx.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
      payload: { name: 'forged csrf' },
    });
    expect(wrongToken.statusCode).toBe(403);
    const withToken = await ctx.call(session, { method: 'POST', url: '/api/api-tokens', payload: { name: 'with csrf' } });
    expect(withToken.statusCode).toBe(201);
  });

  it('signs out: the cookie no longer works', async () => {
    const session = await ctx.login('support@rentledger.demo');
    const logout = await ctx.call(session, { method: 'POST', url: '/api/auth/logout' });
    expect(logout.statusCode).toBe(204);
    const after = await ctx.call(session, { method: 'GET', url: '/api/auth/session' });
    expect(after.statusCode).toBe(401);
  });

  it('lets a bearer API token act for its company without CSRF, until revoked', async () => {
    const manager = await ctx.login('manager@maple.demo');
    const created = await ctx.call(manager, { method: 'POST', url: '/api/api-tokens', payload: { name: 'Accounting bridge' } });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^rlk_/);

    const listed = await ctx.call(manager, { method: 'GET', url: '/api/api-tokens' });
    expect(JSON.stringify(listed.json())).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    const properties = await ctx.app.inject({ method: 'GET', url: '/api/properties', headers: bearer });
    expect(properties.statusCode).toBe(200);
    expect(properties.json().items).toHaveLength(3);
    const minted = await ctx.app.inject({ method: 'POST', url: '/api/api-tokens', headers: bearer, payload: { name: 'from a token' } });
    expect(minted.statusCode).toBe(403);

    const revoked = await ctx.call(manager, { method: 'DELETE', url: `/api/api-tokens/${token.id}` });
    expect(revoked.statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/properties', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_token');
  });

  it('stores only hashes of sessions and tokens', async () => {
    const session = await ctx.login('owner@birch.demo');
    const raw = session.cookie.split('=')[1] ?? '';
    const rows = await ctx.database.db.selectFrom('sessions').select(['token_hash']).execute();
    expect(rows.some((row) => row.token_hash === raw)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
    const users = await ctx.database.db.selectFrom('users').select('password_hash').execute();
    expect(users.every((user) => user.password_hash?.startsWith('$argon2id$'))).toBe(true);
  });
});

describe('sessions', () => {
  it('survive a server restart', async () => {
    const ctx = await createTestApp();
    const session = await ctx.login('manager@maple.demo');
    await ctx.app.close();

    const reopened = await ctx.database.reopen();
    const { app: restarted } = await assembleApp(reopened);
    const response = await restarted.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.email).toBe('manager@maple.demo');
    await restarted.close();
    await reopened.close();
    await ctx.database.drop();
  });
});

describe('sign-up limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ signupLimits: signupLimitsFor() });
  });
  afterAll(() => ctx.close());

  const signUp = (n: number, ip: string, email = `limit${n}@personal.test`) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      remoteAddress: ip,
      payload: { firstName: 'Lim', lastName: 'It', email, phone: `212-555-${String(2000 + n)}`, password: 'resident-password-1' },
    });

  it('allows ten sign-ups an hour from one IP address, then answers 429 with Retry-After', async () => {
    // Sign-up answers 202 "check your email" (no session) since accounts start unverified.
    for (let n = 0; n < 10; n++) expect((await signUp(n, '203.0.113.7')).statusCode).toBe(202);
    const refused = await signUp(10, '203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited', message: 'Too many sign-ups. Try again in 60 minutes.' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    // Another address is not held back.
    expect((await signUp(11, '203.0.113.8')).statusCode).toBe(202);
  });

  it('allows five attempts an hour for one email, from any addresses', async () => {
    const statuses = [];
    for (let n = 0; n < 6; n++) statuses.push((await signUp(20 + n, `198.51.100.${n}`, 'same.person@personal.test')).statusCode);
    // A repeated email gets the same 202 as a new one: sign-up never says who has an account.
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses[5]).toBe(429);
  });
});

describe('common passwords', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('refuses a common password at sign-up with 400 naming the field, and creates no account', async () => {
    const person = { firstName: 'Com', lastName: 'Mon', email: 'common@personal.test', phone: '212-555-3001' };
    const refused = await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { ...person, password: 'Password1234!' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ path: 'password', message: expect.stringContaining('most common') }]);
    const users = await ctx.database.db.selectFrom('users').select('id').where('email', '=', person.email).execute();
    expect(users).toHaveLength(0);
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { ...person, password: 'a tenant of my own words' } })).statusCode).toBe(202);
  });

  it('refuses a common password for a new staff user', async () => {
    const support = await ctx.login('support@rentledger.demo');
    const company = await ctx.database.db.selectFrom('companies').select('id').orderBy('name').executeTakeFirstOrThrow();
    const refused = await ctx.call(support, {
      method: 'POST',
      url: `/api/companies/${company.id}/staff`,
      payload: { firstName: 'New', lastName: 'Staff', email: 'new.staff@maple.demo', password: 'qwerty123456' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe('password');
  });
});
