import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import { createEndLease } from './end-lease.service.ts';
import { calendarDateIn } from './lease-end.domain.ts';
import { createReviewGuards } from './review-guards.service.ts';
import { createReviewRepository } from './review.repository.ts';

const MAPLE_TIME_ZONE = 'America/New_York';

/** The calendar date `days` after today in Maple's time zone. */
function mapleDay(days: number, from = new Date()): string {
  return calendarDateIn(MAPLE_TIME_ZONE, new Date(from.getTime() + days * 24 * 60 * 60 * 1000));
}

/** Signs up, proves the email and states the residency: a strong match in Maple's books approves it at once. */
async function approvedSignUp(ctx: TestContext, person: { firstName: string; lastName: string; email: string; phone: string }, unitLabel: string) {
  await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { ...person, password: 'resident-password-1' } });
  const session = await ctx.verifyEmail(person.email);
  const { results } = (await ctx.call(session, { method: 'GET', url: '/api/rentals/search?q=maple%20court' })).json();
  const unit = results[0].units.find((u: { label: string }) => u.label === unitLabel);
  const created = await ctx.call(session, {
    method: 'POST',
    url: '/api/me/residencies',
    payload: { propertyId: results[0].property.id, unitId: unit.id, rentCents: 100000, leaseStart: '2025-08-01', leaseEnd: null },
  });
  expect(created.json().status, created.body).toBe('approved');
  return { session, residentId: created.json().id as string };
}

const auditOf = (ctx: TestContext, residentId: string) =>
  ctx.database.db.selectFrom('audit_events').select(['action', 'actor_user_id', 'before', 'after']).where('entity_id', '=', residentId).orderBy('occurred_at').execute();

describe('ending a lease', () => {
  let ctx: TestContext;
  let manager: Session;
  let birch: Session;
  let support: Session;
  let iris: { session: Session; residentId: string };
  let samuel: { session: Session; residentId: string };

  beforeAll(async () => {
    ctx = await createTestApp();
    // The rent roll as written (December 2025), not moved to today: Iris's lease ended on 2026-07-31.
    await importDemoRentRoll(ctx.services, '2025-12-01');
    [manager, birch, support] = await Promise.all([ctx.login('manager@maple.demo'), ctx.login('owner@birch.demo'), ctx.login('support@rentledger.demo')]);
    iris = await approvedSignUp(ctx, { firstName: 'Iris', lastName: 'Rossi', email: 'iris.rossi@example.com', phone: '614-555-0784' }, '101');
    samuel = await approvedSignUp(ctx, { firstName: 'Samuel', lastName: 'Reyes', email: 'samuel.reyes@example.com', phone: '614-555-0600' }, '105');
  });
  afterAll(() => ctx.close());

  it('shows a lease past its end date as expired, in the list and on the resident page, until it is ended', async () => {
    // Iris's lease in the books ended on 2026-07-31; Samuel's runs to 2027-07-31.
    const detail = (await ctx.call(manager, { method: 'GET', url: `/api/residents/${iris.residentId}` })).json();
    expect(detail).toMatchObject({ status: 'approved', leaseEnd: '2026-07-31', leaseExpired: true, leaseEnding: null });
    const list = (await ctx.call(manager, { method: 'GET', url: '/api/residents?q=rossi' })).json();
    expect(list.items[0]).toMatchObject({ status: 'approved', leaseExpired: true });
    const running = (await ctx.call(manager, { method: 'GET', url: `/api/residents/${samuel.residentId}` })).json();
    expect(running.leaseExpired).toBe(mapleDay(0) > '2027-07-31');
  });

  it('refuses a bad end date or reason, naming the field', async () => {
    const url = `/api/residents/${iris.residentId}/end-lease`;
    const early = await ctx.call(manager, { method: 'POST', url, payload: { endDate: '2025-07-31', reason: 'Moved out' } });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details).toEqual([{ path: 'endDate', message: expect.stringMatching(/before the lease started \(2025-08-01\)/) }]);
    const noReason = await ctx.call(manager, { method: 'POST', url, payload: { endDate: mapleDay(0), reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json().error.details)).toContain('reason');
    const badDate = await ctx.call(manager, { method: 'POST', url, payload: { endDate: '31/12/2026', reason: 'Moved out' } });
    expect(badDate.statusCode).toBe(400);
    expect(JSON.stringify(badDate.json().error.details)).toContain('endDate');
    expect((await auditOf(ctx, iris.residentId)).map((e) => e.action)).not.toContain('resident.lease_ended');
  });

  it('lets only the landlord of the resident’s company end it; another company sees no such resident', async () => {
    const url = `/api/residents/${iris.residentId}/end-lease`;
    const payload = { endDate: mapleDay(0), reason: 'Moved out' };
    expect((await ctx.call(birch, { method: 'POST', url, payload })).statusCode).toBe(404);
    expect((await ctx.call(support, { method: 'POST', url, payload })).statusCode).toBe(403);
    expect((await ctx.call(iris.session, { method: 'POST', url, payload })).statusCode).toBe(403);
    expect((await ctx.call(null, { method: 'POST', url, payload })).statusCode).toBe(401);
  });

  it('finishes the resident at once for today, keeps the history, audits it, and refuses ending it again', async () => {
    const today = mapleDay(0);
    const response = await ctx.call(manager, { method: 'POST', url: `/api/residents/${iris.residentId}/end-lease`, payload: { endDate: today, reason: '  Moved out at the end of the lease ' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'finished',
      leaseEnd: today,
      monthToMonth: false,
      leaseExpired: false,
      accountingResidentId: 't0001001',
      rentCents: 115000,
      leaseEnding: { endDate: today, reason: 'Moved out at the end of the lease', scheduled: false, recordedBy: { id: manager.userId, name: 'Morgan Ellis' } },
    });
    const finished = (await ctx.call(manager, { method: 'GET', url: '/api/residents?status=finished' })).json();
    expect(finished.items.map((r: { id: string }) => r.id)).toContain(iris.residentId);
    expect((await ctx.call(iris.session, { method: 'GET', url: '/api/me/residencies' })).json().items[0]).toMatchObject({ status: 'finished', leaseEnd: today });

    const events = await auditOf(ctx, iris.residentId);
    expect(events.at(-1)).toMatchObject({
      action: 'resident.lease_ended',
      actor_user_id: manager.userId,
      before: { status: 'approved', leaseEnd: '2026-07-31', monthToMonth: false, leaseEndedOn: null },
      after: { status: 'finished', leaseEnd: today, leaseEndedOn: today, reason: 'Moved out at the end of the lease' },
    });

    const again = await ctx.call(manager, { method: 'POST', url: `/api/residents/${iris.residentId}/end-lease`, payload: { endDate: today, reason: 'Moved out' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_transition');
    // Still not deletable: the lease history stays.
    expect((await ctx.call(manager, { method: 'DELETE', url: `/api/residents/${iris.residentId}` })).statusCode).toBe(409);
  });

  it('schedules a later end: approved until that day in the company’s time zone, then finished by the job', async () => {
    const endDate = mapleDay(30);
    const response = await ctx.call(manager, { method: 'POST', url: `/api/residents/${samuel.residentId}/end-lease`, payload: { endDate, reason: 'Transferring to another property' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'approved', leaseEnd: endDate, leaseExpired: false, leaseEnding: { endDate, scheduled: true } });
    expect((await auditOf(ctx, samuel.residentId)).at(-1)).toMatchObject({ action: 'resident.lease_end_scheduled', after: { status: 'approved', leaseEndedOn: endDate } });

    const repository = createReviewRepository(ctx.database.db);
    const endLeaseAt = (now: Date) => createEndLease({ db: ctx.database.db, repository, guards: createReviewGuards(repository), detail: ctx.services.reviewService.detail, now: () => now });
    // Late evening in New York on the day before the end date is already the end date in UTC: not yet.
    const [year, month, day] = endDate.split('-').map(Number) as [number, number, number];
    const eveBefore = new Date(Date.UTC(year, month - 1, day - 1, 22, 0) + 5 * 60 * 60 * 1000);
    expect(calendarDateIn(MAPLE_TIME_ZONE, eveBefore)).not.toBe(endDate);
    expect(await endLeaseAt(eveBefore).finishDueLeaseEnds()).toBe(0);
    expect((await ctx.call(manager, { method: 'GET', url: `/api/residents/${samuel.residentId}` })).json().status).toBe('approved');

    const morning = new Date(Date.UTC(year, month - 1, day, 9, 0) + 5 * 60 * 60 * 1000);
    expect(await endLeaseAt(morning).finishDueLeaseEnds()).toBe(1);
    expect(await endLeaseAt(morning).finishDueLeaseEnds()).toBe(0);
    const after = (await ctx.call(manager, { method: 'GET', url: `/api/residents/${samuel.residentId}` })).json();
    expect(after).toMatchObject({ status: 'finished', leaseEnd: endDate, leaseEnding: { endDate, scheduled: false, reason: 'Transferring to another property' } });
    expect((await auditOf(ctx, samuel.residentId)).at(-1)).toMatchObject({ action: 'resident.lease_ended', actor_user_id: null, before: { status: 'approved' }, after: { status: 'finished', leaseEndedOn: endDate, scheduled: true } });
  });

  it('refuses ending the lease of a resident not yet approved: they are deleted instead', async () => {
    const invited = await ctx.database.db.selectFrom('residents').select('id').where('email', '=', 'tyler.garcia@example.com').executeTakeFirstOrThrow();
    const response = await ctx.call(manager, { method: 'POST', url: `/api/residents/${invited.id}/end-lease`, payload: { endDate: mapleDay(0), reason: 'Moved out' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'invalid_transition', message: expect.stringMatching(/delete an invited or pending resident instead/) });
  });

  it('lists approved and current residents together under the approved group', async () => {
    const grouped = (await ctx.call(manager, { method: 'GET', url: '/api/residents?statusGroup=approved&pageSize=200' })).json();
    expect(grouped.items.every((r: { status: string }) => r.status === 'approved' || r.status === 'current')).toBe(true);
    expect(grouped.total).toBe((grouped.countsByStatus.approved ?? 0) + (grouped.countsByStatus.current ?? 0));
  });
});
