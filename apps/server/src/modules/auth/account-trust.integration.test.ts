import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { demoLeaseDate } from '../../demo/demo-dates.ts';
import { createTestApp, sessionCookie, type Session, type TestContext } from '../../test/test-app.ts';
import { startTestSmtpServer } from '../../test/test-smtp-server.ts';
import { sha256 } from '../../lib/secrets.ts';

type Smtp = Awaited<ReturnType<typeof startTestSmtpServer>>;

/** The token of the link to `path` in an email's text, as a person would click it. */
function tokenIn(text: string, path: string): string {
  const match = new RegExp(`${path}#token=([\\w-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

/** Waits for an email to `to` with this subject (the outbox is drained by the job worker over SMTP). */
async function mailTo(smtp: Smtp, to: string, subject: string | RegExp, timeoutMs = 20_000) {
  const started = Date.now();
  for (;;) {
    const mail = smtp.received.find((m) => m.to.toLowerCase().includes(to.toLowerCase()) && (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject)));
    if (mail) return mail;
    if (Date.now() - started > timeoutMs) throw new Error(`no "${subject}" to ${to}; got ${smtp.received.filter((m) => m.to.includes(to)).map((m) => m.subject).join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function asSession(response: { json: () => { user: { id: string; company: { id: string } | null }; csrfToken: string } } & Parameters<typeof sessionCookie>[0], body = response.json()): Session {
  return { cookie: sessionCookie(response), csrfToken: body.csrfToken, userId: body.user.id, companyId: body.user.company?.id ?? null };
}

const codeFor = (secret: string, at = Date.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });

describe('account trust: email verification', () => {
  let ctx: TestContext;
  let smtp: Smtp;
  let manager: Session;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    ctx = await createTestApp({ jobs: true, smtpUrl: smtp.url });
    await importDemoRentRoll(ctx.services);
    manager = await ctx.login('manager@maple.demo');
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it("holds a sign-up with an imported resident's email until the link is followed: no approval, no lease data; verifying approves", async () => {
    const iris = { firstName: 'Iris', lastName: 'Rossi', email: 'iris.rossi@example.com', phone: '614-555-0000', password: 'resident-password-1' };
    const signup = await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: iris });
    expect(signup.statusCode).toBe(202);
    expect(signup.json()).toMatchObject({ status: 'check_email', email: iris.email });
    expect(signup.cookies.some((c) => c.name === 'rl_session')).toBe(false);

    // An unverified account may sign in, search and state where it lives...
    const session = await ctx.login(iris.email, iris.password);
    const me = (await ctx.call(session, { method: 'GET', url: '/api/auth/session' })).json();
    expect(me.user).toMatchObject({ emailVerified: false, twoFactorEnabled: false, twoFactorSetupRequired: false });
    const { results } = (await ctx.call(session, { method: 'GET', url: '/api/rentals/search?q=maple%20court' })).json();
    const unitId = results[0].units.find((u: { label: string }) => u.label === '101').id;
    const created = await ctx.call(session, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: results[0].property.id, unitId, rentCents: 100000, leaseStart: '2025-08-01', leaseEnd: null } });
    expect(created.statusCode).toBe(201);
    // ...but is held pending, and nothing of the books comes back.
    expect(created.json()).toMatchObject({ status: 'pending', emailVerificationRequired: true, rentCents: null, leaseStart: null, leaseEnd: null, balanceCents: null, statedRentCents: 100000 });
    const review = (await ctx.call(manager, { method: 'GET', url: `/api/residents/${created.json().id}` })).json();
    expect(review).toMatchObject({ status: 'pending', accountEmailVerified: false });

    const mail = await mailTo(smtp, iris.email, 'Confirm your email for RentLedger');
    expect(mail.text).toMatch(/expires in 24 hours/);
    const token = tokenIn(mail.text, '/verify-email');
    const stored = await ctx.database.db.selectFrom('user_tokens').select('token_hash').where('purpose', '=', 'verify_email').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    const verified = await ctx.call(null, { method: 'POST', url: '/api/auth/verify-email', payload: { token } });
    expect(verified.statusCode).toBe(200);
    const signedIn = asSession(verified, verified.json().session);
    expect(verified.json().session.user.emailVerified).toBe(true);
    const mine = (await ctx.call(signedIn, { method: 'GET', url: '/api/me/residencies' })).json().items[0];
    expect(mine).toMatchObject({ status: 'approved', emailVerificationRequired: false, rentCents: 115000, leaseEnd: demoLeaseDate('2026-07-31') });
    await mailTo(smtp, iris.email, 'You are approved: set up your first payment');

    // Single use.
    const again = await ctx.call(null, { method: 'POST', url: '/api/auth/verify-email', payload: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('token_invalid');
    const actions = await ctx.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity_id', '=', signedIn.userId).execute();
    expect(actions.map((a) => a.action)).toContain('user.email_verified');
    expect(JSON.stringify(actions)).not.toContain(token);
  });

  it('answers sign-up with an existing email exactly as a new one, and tells the owner', async () => {
    const taken = await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { firstName: 'Not', lastName: 'Morgan', email: 'manager@maple.demo', phone: '614-555-0001', password: 'a long new password 9' } });
    const fresh = await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { firstName: 'New', lastName: 'Person', email: 'new.person@personal.test', phone: '614-555-0002', password: 'a long new password 9' } });
    expect(taken.statusCode).toBe(202);
    expect(Object.keys(taken.json())).toEqual(Object.keys(fresh.json()));
    expect(taken.json().message).toBe(fresh.json().message);
    const warning = await mailTo(smtp, 'manager@maple.demo', 'Someone tried to sign up with your email');
    expect(warning.text).toMatch(/Forgot password/);
    // The owner's password still works; the attempt changed nothing.
    await ctx.login('manager@maple.demo');
  });

  it('resends the confirmation at most three times an hour, and a new link replaces the old', async () => {
    const person = { firstName: 'Res', lastName: 'End', email: 'resend@personal.test', phone: '614-555-0003', password: 'resident-password-1' };
    await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: person });
    const first = await ctx.emailedToken(person.email, '/verify-email');
    const session = await ctx.login(person.email, person.password);
    const answers = await Promise.all(Array.from({ length: 5 }, () => ctx.call(session, { method: 'POST', url: '/api/auth/verify-email/resend' })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 202, 429, 429, 429]);
    expect(Number(answers.find((a) => a.statusCode === 429)?.headers['retry-after'])).toBeGreaterThan(3000);
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/verify-email', payload: { token: first } })).statusCode).toBe(400);
    // Resends wait on one another, so the newest link is the one whose token is still live (not the latest timestamp).
    const live = await ctx.database.db.selectFrom('user_tokens').select('token_hash').where('email', '=', person.email).where('revoked_at', 'is', null).execute();
    expect(live).toHaveLength(1);
    const texts = await ctx.database.db.selectFrom('email_outbox').select('text_body').where('to_address', '=', person.email).execute();
    const newest = texts.map((t) => tokenIn(t.text_body, '/verify-email')).find((candidate) => sha256(candidate) === live[0]?.token_hash) ?? '';
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/verify-email', payload: { token: newest } })).statusCode).toBe(200);
    expect((await ctx.call(session, { method: 'POST', url: '/api/auth/verify-email/resend' })).json().error.code).toBe('already_verified');
  });

  it('lets an invitation claim an account nobody proved: the password typed there replaces the squatter’s, whose sessions end', async () => {
    const invited = await ctx.database.db
      .selectFrom('residents')
      .select(['id', 'email'])
      .where('status', '=', 'invited')
      .where('email', 'is not', null)
      .orderBy('email')
      .executeTakeFirstOrThrow();
    const email = invited.email ?? '';
    await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { firstName: 'Squat', lastName: 'Ter', email, phone: '614-555-0004', password: 'squatter-password-1' } });
    const squatter = await ctx.login(email, 'squatter-password-1');
    const token = await ctx.emailedToken(email, '/invitations/accept');
    const lookup = (await ctx.call(null, { method: 'POST', url: '/api/invitations/lookup', payload: { token } })).json();
    expect(lookup.hasAccount).toBe(false);
    const accepted = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'the real owner 2026' } });
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
    expect((await ctx.call(squatter, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const owner = await ctx.login(email, 'the real owner 2026');
    expect((await ctx.call(owner, { method: 'GET', url: '/api/auth/session' })).json().user.emailVerified).toBe(true);
    await expect(ctx.login(email, 'squatter-password-1')).rejects.toThrow(/401/);
  });

  it("sends a verified account's owner a sign-in-to-confirm invitation, and an old link of someone who joined says so", async () => {
    const unit = await ctx.database.db
      .selectFrom('units')
      .innerJoin('properties', 'properties.id', 'units.property_id')
      .select('units.id')
      .where('properties.company_id', '=', manager.companyId)
      .executeTakeFirstOrThrow();
    const invite = await ctx.call(manager, {
      method: 'POST',
      url: '/api/invitations',
      payload: { unitId: unit.id, firstName: 'Jordan', lastName: 'Rivera', email: 'resident@demo.test', rentCents: 99000, leaseStart: '2026-01-01', leaseEnd: null },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const mail = await mailTo(smtp, 'resident@demo.test', /added your residency/);
    expect(mail.text).toMatch(/already have an account/);
    expect(mail.text).not.toMatch(/Set your password/);
    const token = tokenIn(mail.text, '/invitations/accept');
    expect((await ctx.call(null, { method: 'POST', url: '/api/invitations/lookup', payload: { token } })).json().hasAccount).toBe(true);
    const wrong = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'not the password 1' } });
    expect(wrong.json().error.code).toBe('account_exists');

    // Iris joined by sign-up; her old rent-roll invitation now points to sign-in.
    const irisInvitation = await ctx.database.db
      .selectFrom('invitations')
      .select(['id', 'email'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', 'iris.rossi@example.com'))
      .executeTakeFirstOrThrow();
    const irisToken = await ctx.emailedToken(irisInvitation.email, '/invitations/accept');
    const old = await ctx.call(null, { method: 'POST', url: '/api/invitations/lookup', payload: { token: irisToken } });
    expect(old.statusCode).toBe(409);
    expect(old.json().error).toMatchObject({ code: 'already_joined', message: expect.stringMatching(/sign in/) });
  });
});

describe('account trust: passwords and sessions', () => {
  let ctx: TestContext;
  let smtp: Smtp;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    ctx = await createTestApp({ jobs: true, smtpUrl: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('resets a forgotten password by emailed link: same answer for unknown emails, single use, every session ends, a notice follows', async () => {
    const other = await ctx.login('owner@birch.demo');
    const unknown = await ctx.call(null, { method: 'POST', url: '/api/auth/password-reset', payload: { email: 'nobody@nowhere.test' } });
    const known = await ctx.call(null, { method: 'POST', url: '/api/auth/password-reset', payload: { email: 'Owner@Birch.demo' } });
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(unknown.json().message.replace('nobody@nowhere.test', 'X')).toBe(known.json().message.replace('Owner@Birch.demo', 'X'));
    const mail = await mailTo(smtp, 'owner@birch.demo', 'Reset your RentLedger password');
    expect(mail.text).toMatch(/expires in 1 hour/);
    const token = tokenIn(mail.text, '/reset-password');

    const weak = await ctx.call(null, { method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'password1234' } });
    expect(weak.json().error.details[0].path).toBe('password');
    const done = await ctx.call(null, { method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'birch reset 2026 ok' } });
    expect(done.statusCode, done.body).toBe(200);
    expect((await ctx.call(other, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    await ctx.login('owner@birch.demo', 'birch reset 2026 ok');
    await expect(ctx.login('owner@birch.demo')).rejects.toThrow(/401/);
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'another good one 77' } })).json().error.code).toBe('token_invalid');
    const notice = await mailTo(smtp, 'owner@birch.demo', 'Your RentLedger password was changed');
    expect(notice.text).toMatch(/reset with an emailed link/);
    const audit = await ctx.database.db.selectFrom('audit_events').select('action').where('action', 'like', 'user.password_reset%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['user.password_reset', 'user.password_reset_requested']);
  });

  it('limits reset requests per email and per address', async () => {
    const answers = [];
    for (let n = 0; n < 6; n++) answers.push((await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', remoteAddress: `198.51.100.${n}`, payload: { email: 'resident@demo.test' } })).statusCode);
    expect(answers).toEqual([202, 202, 202, 202, 202, 429]);
    const fromOne = [];
    for (let n = 0; n < 21; n++) fromOne.push((await ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', remoteAddress: '203.0.113.50', payload: { email: `someone${n}@personal.test` } })).statusCode);
    expect(fromOne.filter((s) => s === 202)).toHaveLength(20);
    expect(fromOne[20]).toBe(429);
  });

  it('changes the password with the current one, ending other sessions; lists and ends sessions', async () => {
    const here = await ctx.login('manager@maple.demo');
    const elsewhere = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1' }, payload: { email: 'manager@maple.demo', password: 'demo-password' } });
    const phone = asSession(elsewhere);
    const listed = (await ctx.call(here, { method: 'GET', url: '/api/auth/sessions' })).json().sessions;
    expect(listed.find((s: { current: boolean }) => s.current)).toBeDefined();
    const phoneSession = listed.find((s: { device: string }) => s.device === 'Safari on iOS');
    expect(phoneSession).toBeDefined();
    const third = await ctx.login('manager@maple.demo');

    const ended = await ctx.call(here, { method: 'DELETE', url: `/api/auth/sessions/${phoneSession.id}` });
    expect(ended.statusCode).toBe(204);
    expect((await ctx.call(phone, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    await mailTo(smtp, 'manager@maple.demo', 'A session of your RentLedger account was signed out');
    // Another user's session is not yours to end: it looks missing.
    const birch = await ctx.login('owner@birch.demo', 'birch reset 2026 ok');
    const birchSession = (await ctx.call(birch, { method: 'GET', url: '/api/auth/sessions' })).json().sessions[0];
    expect((await ctx.call(here, { method: 'DELETE', url: `/api/auth/sessions/${birchSession.id}` })).statusCode).toBe(404);

    const wrong = await ctx.call(here, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'not-it', newPassword: 'maple manager 2027' } });
    expect(wrong.json().error.details[0].path).toBe('currentPassword');
    const changed = await ctx.call(here, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'demo-password', newPassword: 'maple manager 2027' } });
    expect(changed.json()).toEqual({ endedSessions: 1 });
    expect((await ctx.call(third, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    expect((await ctx.call(here, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
    await mailTo(smtp, 'manager@maple.demo', 'Your RentLedger password was changed');
    const audit = await ctx.database.db.selectFrom('audit_events').select(['action', 'after']).where('action', 'in', ['user.password_changed', 'session.revoked']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['session.revoked', 'user.password_changed']);
    expect(JSON.stringify(audit)).not.toMatch(/maple manager 2027|demo-password/);
  });
});

describe('account trust: changing the email', () => {
  let ctx: TestContext;
  let smtp: Smtp;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    ctx = await createTestApp({ jobs: true, smtpUrl: smtp.url });
    await importDemoRentRoll(ctx.services);
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('moves the sign-in to a new address only when the link sent there is opened, and tells the old address both times', async () => {
    const session = await ctx.login('resident@demo.test');
    const change = (payload: object) => ctx.call(session, { method: 'POST', url: '/api/auth/email', payload });
    expect((await change({ newEmail: 'jordan.new@personal.test', currentPassword: 'wrong' })).json().error.details[0].path).toBe('currentPassword');
    expect((await change({ newEmail: 'Resident@Demo.test', currentPassword: 'demo-password' })).json().error.details[0].path).toBe('newEmail');
    expect((await change({ newEmail: 'not an email', currentPassword: 'demo-password' })).json().error.details[0].path).toBe('newEmail');

    const asked = await change({ newEmail: 'jordan.new@personal.test', currentPassword: 'demo-password' });
    expect(asked.statusCode, asked.body).toBe(202);
    const heads = await mailTo(smtp, 'resident@demo.test', 'A change of your RentLedger email was requested');
    expect(heads.text).toContain('jordan.new@personal.test');
    expect(heads.text).not.toMatch(/#token=/);
    // Nothing changes until the new inbox answers.
    expect((await ctx.call(session, { method: 'GET', url: '/api/auth/session' })).json().user.email).toBe('resident@demo.test');
    const link = await mailTo(smtp, 'jordan.new@personal.test', 'Confirm your new email for RentLedger');
    const token = tokenIn(link.text, '/confirm-email-change');

    const done = await ctx.call(null, { method: 'POST', url: '/api/auth/email/confirm', payload: { token } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ email: 'jordan.new@personal.test' });
    expect((await ctx.call(session, { method: 'GET', url: '/api/auth/session' })).json().user).toMatchObject({ email: 'jordan.new@personal.test', emailVerified: true });
    await ctx.login('jordan.new@personal.test');
    await expect(ctx.login('resident@demo.test')).rejects.toThrow(/401/);
    const told = await mailTo(smtp, 'resident@demo.test', 'Your RentLedger email was changed');
    expect(told.text).toContain('jordan.new@personal.test');
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/email/confirm', payload: { token } })).json().error.code).toBe('token_invalid');

    const audit = await ctx.database.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity_id', '=', session.userId).where('action', 'like', 'user.email_change%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['user.email_change_requested', 'user.email_changed']);
    expect(JSON.stringify(audit)).not.toMatch(/demo-password|token/);
  });

  it('answers the same for an address another account owns, tells that address instead, and changes nothing', async () => {
    const session = await ctx.login('owner@birch.demo');
    const asked = await ctx.call(session, { method: 'POST', url: '/api/auth/email', payload: { newEmail: 'Manager@Maple.demo', currentPassword: 'demo-password' } });
    expect(asked.statusCode).toBe(202);
    expect(asked.json().message).toMatch(/We sent a confirmation link to Manager@Maple.demo/);
    const mail = await mailTo(smtp, 'manager@maple.demo', 'This email already has a RentLedger account');
    expect(mail.text).not.toMatch(/#token=/);
    await mailTo(smtp, 'owner@birch.demo', 'A change of your RentLedger email was requested');
    expect((await ctx.call(session, { method: 'GET', url: '/api/auth/session' })).json().user.email).toBe('owner@birch.demo');
  });

  it('limits requests to three an hour; a password reset cancels a pending change', async () => {
    const session = await ctx.login('support@rentledger.demo');
    const answers = [];
    for (let n = 0; n < 4; n++) answers.push((await ctx.call(session, { method: 'POST', url: '/api/auth/email', payload: { newEmail: `support${n}@personal.test`, currentPassword: 'demo-password' } })).statusCode);
    expect(answers).toEqual([202, 202, 202, 429]);
    const token = tokenIn((await mailTo(smtp, 'support2@personal.test', 'Confirm your new email for RentLedger')).text, '/confirm-email-change');
    // A newer request replaces the older link.
    const older = tokenIn((await mailTo(smtp, 'support0@personal.test', 'Confirm your new email for RentLedger')).text, '/confirm-email-change');
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/email/confirm', payload: { token: older } })).statusCode).toBe(400);

    await ctx.call(null, { method: 'POST', url: '/api/auth/password-reset', payload: { email: 'support@rentledger.demo' } });
    const reset = tokenIn((await mailTo(smtp, 'support@rentledger.demo', 'Reset your RentLedger password')).text, '/reset-password');
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token: reset, password: 'support reset 2026 ok' } })).statusCode).toBe(200);
    const cancelled = await ctx.call(null, { method: 'POST', url: '/api/auth/email/confirm', payload: { token } });
    expect(cancelled.json().error.code).toBe('token_invalid');
    await ctx.login('support@rentledger.demo', 'support reset 2026 ok');
  });

  it('lets a resident who mistyped the email at sign-up correct it; confirming the right one matches the residency', async () => {
    const samuel = { firstName: 'Samuel', lastName: 'Reyes', email: 'samuel.reyes@exmaple.com', phone: '614-555-0600', password: 'resident-password-1' };
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: samuel })).statusCode).toBe(202);
    const session = await ctx.login(samuel.email, samuel.password);
    const { results } = (await ctx.call(session, { method: 'GET', url: '/api/rentals/search?q=maple%20court' })).json();
    const unitId = results[0].units.find((u: { label: string }) => u.label === '105').id;
    const created = await ctx.call(session, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: results[0].property.id, unitId, rentCents: 122500, leaseStart: '2026-08-01', leaseEnd: null } });
    expect(created.json()).toMatchObject({ status: 'pending', emailVerificationRequired: true });

    expect((await ctx.call(session, { method: 'POST', url: '/api/auth/email', payload: { newEmail: 'samuel.reyes@example.com', currentPassword: samuel.password } })).statusCode).toBe(202);
    const token = tokenIn((await mailTo(smtp, 'samuel.reyes@example.com', 'Confirm your new email for RentLedger')).text, '/confirm-email-change');
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/email/confirm', payload: { token } })).statusCode).toBe(200);
    const mine = (await ctx.call(session, { method: 'GET', url: '/api/me/residencies' })).json().items[0];
    expect(mine).toMatchObject({ status: 'approved', emailVerificationRequired: false, rentCents: 122500 });
  });
});

describe('account trust: two-factor sign-in', () => {
  let ctx: TestContext;
  let smtp: Smtp;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    ctx = await createTestApp({ jobs: true, smtpUrl: smtp.url, supportTwoFactorRequired: true });
  }, 60_000);
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  async function enrol(session: Session) {
    const setup = (await ctx.call(session, { method: 'POST', url: '/api/auth/two-factor/setup' })).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/RentLedger:/);
    const confirmed = await ctx.call(session, { method: 'POST', url: '/api/auth/two-factor/confirm', payload: { code: codeFor(setup.secret) } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return { secret: setup.secret as string, recoveryCodes: confirmed.json().recoveryCodes as string[] };
  }

  it('makes support enrol before the console answers, then asks for the code at sign-in', async () => {
    const support = await ctx.login('support@rentledger.demo');
    const me = (await ctx.call(support, { method: 'GET', url: '/api/auth/session' })).json().user;
    expect(me).toMatchObject({ twoFactorEnabled: false, twoFactorSetupRequired: true });
    const blocked = await ctx.call(support, { method: 'GET', url: '/api/companies' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('two_factor_setup_required');

    const wrongFirst = await ctx.call(support, { method: 'POST', url: '/api/auth/two-factor/setup' });
    const pending = wrongFirst.json().secret as string;
    expect((await ctx.call(support, { method: 'POST', url: '/api/auth/two-factor/confirm', payload: { code: '000000' } })).json().error.details[0].path).toBe('code');
    const confirmed = await ctx.call(support, { method: 'POST', url: '/api/auth/two-factor/confirm', payload: { code: codeFor(pending) } });
    const recoveryCodes = confirmed.json().recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await ctx.call(support, { method: 'GET', url: '/api/companies' })).statusCode).toBe(200);
    const stored = await ctx.database.db.selectFrom('users').select('two_factor_secret_encrypted').where('email', '=', 'support@rentledger.demo').executeTakeFirstOrThrow();
    expect(stored.two_factor_secret_encrypted).not.toContain(pending);
    await mailTo(smtp, 'support@rentledger.demo', 'Two-factor sign-in turned on');
    // Policy keeps it on.
    expect((await ctx.call(support, { method: 'DELETE', url: '/api/auth/two-factor', payload: { code: codeFor(pending) } })).json().error.code).toBe('two_factor_required');

    const password = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'support@rentledger.demo', password: 'demo-password' } });
    expect(password.json()).toEqual({ twoFactorRequired: true, challengeId: expect.any(String) });
    expect(password.cookies.some((c) => c.name === 'rl_session')).toBe(false);
    const { challengeId } = password.json();
    // The code just used to confirm is not accepted twice (replay); the next step's is.
    const replay = await ctx.call(null, { method: 'POST', url: '/api/auth/login/two-factor', payload: { challengeId, code: codeFor(pending) } });
    expect(replay.statusCode).toBe(400);
    const recovery = await ctx.call(null, { method: 'POST', url: '/api/auth/login/two-factor', payload: { challengeId, code: recoveryCodes[0]?.toUpperCase() } });
    expect(recovery.statusCode, recovery.body).toBe(200);
    expect((await ctx.call(asSession(recovery), { method: 'GET', url: '/api/companies' })).statusCode).toBe(200);
    // A recovery code works once; a used challenge is over.
    const again = (await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'support@rentledger.demo', password: 'demo-password' } })).json();
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/login/two-factor', payload: { challengeId: again.challengeId, code: recoveryCodes[0] } })).statusCode).toBe(400);
    expect((await ctx.call(null, { method: 'POST', url: '/api/auth/login/two-factor', payload: { challengeId, code: recoveryCodes[1] } })).statusCode).toBe(410);
  });

  it('locks a challenge for 15 minutes after 5 wrong codes, audits each, and tells the owner', async () => {
    const manager = await ctx.login('manager@maple.demo');
    const { secret, recoveryCodes } = await enrol(manager);
    const { challengeId } = (await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@maple.demo', password: 'demo-password' } })).json();
    const statuses = [];
    for (let n = 0; n < 5; n++) statuses.push((await ctx.call(null, { method: 'POST', url: '/api/auth/login/two-factor', payload: { challengeId, code: String(100000 + n) } })).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const locked = await ctx.call(null, { method: 'POST', url: '/api/auth/login/two-factor', payload: { challengeId, code: codeFor(secret, Date.now() + 30_000) } });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    await mailTo(smtp, 'manager@maple.demo', 'Several wrong two-factor codes on your account');
    const failures = await ctx.database.db.selectFrom('audit_events').select('after').where('action', '=', 'two_factor.failed').where('entity_id', '=', manager.userId).execute();
    expect(failures).toHaveLength(5);
    expect(JSON.stringify(failures)).not.toMatch(/10000\d/);

    // A new sign-in is a new challenge; turning two-factor off needs a code.
    const fresh = (await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@maple.demo', password: 'demo-password' } })).json();
    const ok = await ctx.call(null, { method: 'POST', url: '/api/auth/login/two-factor', payload: { challengeId: fresh.challengeId, code: codeFor(secret, Date.now() + 30_000) } });
    expect(ok.statusCode, ok.body).toBe(200);
    const session = asSession(ok);
    expect((await ctx.call(session, { method: 'DELETE', url: '/api/auth/two-factor', payload: { code: '123456' } })).statusCode).toBe(400);
    expect((await ctx.call(session, { method: 'DELETE', url: '/api/auth/two-factor', payload: { code: recoveryCodes[3] } })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@maple.demo', password: 'demo-password' } })).json().user).toBeDefined();
  });

  it('forces staff to enrol when their company requires two-factor, and never offers it to residents', async () => {
    const birch = await ctx.login('owner@birch.demo');
    const maple = await ctx.login('manager@maple.demo');
    expect((await ctx.call(maple, { method: 'PUT', url: `/api/companies/${birch.companyId}/security`, payload: { requireStaffTwoFactor: true } })).statusCode).toBe(404);
    const set = await ctx.call(birch, { method: 'PUT', url: `/api/companies/${birch.companyId}/security`, payload: { requireStaffTwoFactor: true } });
    expect(set.json()).toMatchObject({ requireStaffTwoFactor: true });
    expect((await ctx.call(birch, { method: 'GET', url: '/api/properties' })).json().error.code).toBe('two_factor_setup_required');
    await enrol(birch);
    expect((await ctx.call(birch, { method: 'GET', url: '/api/properties' })).statusCode).toBe(200);
    const resident = await ctx.login('resident@demo.test');
    expect((await ctx.call(resident, { method: 'POST', url: '/api/auth/two-factor/setup' })).statusCode).toBe(403);
  });
});
