import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

type ResidentInContext = { id: string; status: string; statusWhenOpened: string | null; deleted: boolean };

describe("a support request shows its resident's status now", () => {
  let ctx: TestContext;
  let support: Session;
  let birch: Session;

  beforeAll(async () => {
    ctx = await createTestApp();
    [support, birch] = await Promise.all([ctx.login('support@rentledger.demo'), ctx.login('owner@birch.demo')]);
  });
  afterAll(() => ctx.close());

  async function residentOf(session: Session, requestId: string): Promise<ResidentInContext> {
    const list = await ctx.call(session, { method: 'GET', url: '/api/support-requests' });
    expect(list.statusCode, list.body).toBe(200);
    const request = list.json().items.find((item: { id: string }) => item.id === requestId);
    return request.context.resident;
  }

  async function statusInDatabase(residentId: string) {
    return (await ctx.database.db.selectFrom('residents').select('status').where('id', '=', residentId).executeTakeFirstOrThrow()).status;
  }

  it('follows the resident from invited to joined, and keeps the status it was opened with', async () => {
    const unit = (await ctx.call(birch, { method: 'GET', url: '/api/properties' })).json().items[0].units[1];
    const email = 'tomas.reyes@personal.test';
    const invite = await ctx.call(birch, {
      method: 'POST',
      url: '/api/invitations',
      payload: { unitId: unit.id, firstName: 'Tomas', lastName: 'Reyes', email, rentCents: 110000, leaseStart: '2026-02-01', leaseEnd: null },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const residentId = (await ctx.database.db.selectFrom('residents').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

    const opened = await ctx.call(birch, { method: 'POST', url: '/api/support-requests', payload: { kind: 'other', message: 'He says he never got the email', residentId } });
    expect(opened.statusCode, opened.body).toBe(201);
    const requestId = opened.json().id;
    expect(await residentOf(support, requestId)).toMatchObject({ id: residentId, status: 'invited', statusWhenOpened: 'invited', deleted: false });

    const accepted = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token: await ctx.emailedToken(email, '/invitations/accept'), password: 'tomas-new-password' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const now = await statusInDatabase(residentId);
    expect(now).not.toBe('invited');

    for (const session of [support, birch]) {
      expect(await residentOf(session, requestId)).toMatchObject({ status: now, statusWhenOpened: 'invited', deleted: false });
    }
  });

  it('says so when the resident was deleted since', async () => {
    const unit = (await ctx.call(birch, { method: 'GET', url: '/api/properties' })).json().items[0].units[2];
    const email = 'lina.park@personal.test';
    await ctx.call(birch, {
      method: 'POST',
      url: '/api/invitations',
      payload: { unitId: unit.id, firstName: 'Lina', lastName: 'Park', email, rentCents: 105000, leaseStart: '2026-02-01', leaseEnd: null },
    });
    const residentId = (await ctx.database.db.selectFrom('residents').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const requestId = (await ctx.call(birch, { method: 'POST', url: '/api/support-requests', payload: { kind: 'other', message: 'Wrong person, please check', residentId } })).json().id;

    const deleted = await ctx.call(birch, { method: 'DELETE', url: `/api/residents/${residentId}` });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    expect(await residentOf(support, requestId)).toMatchObject({ id: residentId, statusWhenOpened: 'invited', deleted: true });
  });
});
