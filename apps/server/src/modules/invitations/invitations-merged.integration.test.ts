import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

describe('an invitation folded into the invitee’s own sign-up', () => {
  let ctx: TestContext;
  let birch: Session;

  beforeAll(async () => {
    ctx = await createTestApp();
    birch = await ctx.login('owner@birch.demo');
  });
  afterAll(() => ctx.close());

  it('answers 409 already_joined on the old link, even when she signed up under another email', async () => {
    const property = (await ctx.call(birch, { method: 'GET', url: '/api/properties' })).json().items[0];
    const unit = property.units[3];
    const invitedEmail = 'noor.haddad@work.test';
    const invite = await ctx.call(birch, {
      method: 'POST',
      url: '/api/invitations',
      payload: { unitId: unit.id, firstName: 'Noor', lastName: 'Haddad', email: invitedEmail, rentCents: 99000, leaseStart: '2026-02-01', leaseEnd: null },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const invitedId = (await ctx.database.db.selectFrom('residents').select('id').where('email', '=', invitedEmail).executeTakeFirstOrThrow()).id;
    const oldToken = await ctx.emailedToken(invitedEmail, '/invitations/accept');

    // She signs up herself, with her own address, and states the same home.
    const ownEmail = 'noor@home.test';
    const signup = await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { firstName: 'Noor', lastName: 'Haddad', email: ownEmail, phone: '212-555-0142', password: 'noor-own-password-1' } });
    expect(signup.statusCode, signup.body).toBe(202);
    const noor = await ctx.verifyEmail(ownEmail);
    const stated = await ctx.call(noor, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: property.id, unitId: unit.id, rentCents: 99000, leaseStart: '2026-02-01', leaseEnd: null } });
    expect(stated.statusCode, stated.body).toBe(201);

    // The landlord folds the invitation into her sign-up.
    const merged = await ctx.call(birch, { method: 'POST', url: `/api/residents/${stated.json().id}/approve`, payload: { method: 'merge', candidateId: invitedId } });
    expect(merged.statusCode, merged.body).toBe(200);

    const asks = [
      { url: '/api/invitations/lookup', payload: { token: oldToken } },
      { url: '/api/invitations/accept', payload: { token: oldToken, password: 'another-password-1' } },
    ];
    for (const { url, payload } of asks) {
      const old = await ctx.call(null, { method: 'POST', url, payload });
      expect(old.statusCode, old.body).toBe(409);
      expect(old.json().error).toMatchObject({ code: 'already_joined', message: expect.stringMatching(/sign in/) });
    }
  });
});
