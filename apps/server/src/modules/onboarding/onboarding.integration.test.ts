import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { demoLeaseDate } from '../../demo/demo-dates.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

type Ctx = TestContext;

/** Signs up through the portal and follows the emailed verification link, as a real person would before being matched. */
async function signUp(ctx: Ctx, person: { firstName: string; lastName: string; email: string; phone: string }): Promise<Session> {
  const response = await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { ...person, password: 'resident-password-1' } });
  expect(response.statusCode, response.body).toBe(202);
  expect(response.json()).toMatchObject({ status: 'check_email' });
  expect(response.cookies.find((cookie) => cookie.name === 'rl_session')).toBeUndefined();
  return ctx.verifyEmail(person.email);
}

async function unitOf(ctx: Ctx, session: Session, query: string, label: string) {
  const { results } = (await ctx.call(session, { method: 'GET', url: `/api/rentals/search?q=${encodeURIComponent(query)}` })).json();
  const property = results[0].property;
  return { propertyId: property.id as string, unitId: results[0].units.find((u: { label: string }) => u.label === label).id as string };
}

const outboxTo = async (ctx: Ctx, to: string) =>
  (await ctx.database.db.selectFrom('email_outbox').select(['subject', 'text_body']).where('to_address', '=', to).orderBy('created_at').execute());

describe('resident onboarding and review', () => {
  let ctx: Ctx;
  let manager: Session;
  let birch: Session;
  let support: Session;

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    [manager, birch, support] = await Promise.all([ctx.login('manager@maple.demo'), ctx.login('owner@birch.demo'), ctx.login('support@rentledger.demo')]);
  });
  afterAll(() => ctx.close());

  it('finds a rental as you type, typo-tolerant, showing properties and units only', async () => {
    const resident = await ctx.login('resident@demo.test');
    const { results } = (await ctx.call(resident, { method: 'GET', url: '/api/rentals/search?q=mapel%20ave%2012' })).json();
    expect(results[0].property).toMatchObject({ name: 'Maple Court Apartments', address: '12 Maple Avenue', city: 'Columbus' });
    expect(results[0].units).toHaveLength(24);
    expect(JSON.stringify(results)).not.toMatch(/example\.com|Rossi/);
    const birchSearch = (await ctx.call(resident, { method: 'GET', url: '/api/rentals/search?q=birch%20st%20austin' })).json();
    expect(birchSearch.results[0].property.name).toBe('Birch Street Flats');
  });

  it('approves a sign-up at once on a strong match, folding the invited duplicate', async () => {
    const iris = await signUp(ctx, { firstName: 'Iris', lastName: 'Rossi', email: 'Iris.Rossi@example.com', phone: '614-555-0000' });
    const { propertyId, unitId } = await unitOf(ctx, iris, 'maple court', '101');
    const response = await ctx.call(iris, { method: 'POST', url: '/api/me/residencies', payload: { propertyId, unitId, rentCents: 100000, leaseStart: '2025-08-01', leaseEnd: null } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ status: 'approved', unitLabel: '101', rentCents: 115000, leaseStart: demoLeaseDate('2025-08-01'), leaseEnd: demoLeaseDate('2026-07-31') });
    const invited = (await ctx.call(manager, { method: 'GET', url: '/api/residents?q=iris.rossi' })).json();
    expect(invited.items.map((r: { status: string }) => r.status)).toEqual(['approved']);
    expect(invited.items[0].accountingResidentId).toBe('t0001001');
  });

  it('puts an unmatched sign-up in review, tells every staff user at once, and lists ranked candidates', async () => {
    const tyler = await signUp(ctx, { firstName: 'Tyler', lastName: 'Garcia', email: 'tyler.g@personal.test', phone: '(614) 555-0125' });
    const { propertyId, unitId } = await unitOf(ctx, tyler, 'maple court', '102');
    const created = (await ctx.call(tyler, { method: 'POST', url: '/api/me/residencies', payload: { propertyId, unitId, rentCents: 117500, leaseStart: '2025-10-01', leaseEnd: '2026-09-30' } })).json();
    // Same phone and name as the ledger, another email: a phone is not proven by sign-up, so the landlord decides,
    // with that record on top and its reasons, one click from a merge.
    expect(created.status).toBe('pending');
    const tylerDetail = (await ctx.call(manager, { method: 'GET', url: `/api/residents/${created.id}` })).json();
    expect(tylerDetail.candidates[0]).toMatchObject({ kind: 'accounting_record', strong: false, firstName: 'Tyler', lastName: 'Garcia' });
    expect(tylerDetail.candidates[0].reasons).toEqual(['phone matches', 'name matches', 'same unit']);
    const merged = await ctx.call(manager, { method: 'POST', url: `/api/residents/${created.id}/approve`, payload: { method: 'merge', candidateId: tylerDetail.candidates[0].id } });
    expect(merged.json()).toMatchObject({ status: 'approved', rentCents: 117500 });

    const sam = await signUp(ctx, { firstName: 'Samantha', lastName: 'Brooks', email: 'sam.brooks@personal.test', phone: '614-555-9999' });
    const place = await unitOf(ctx, sam, 'riverside commons', 'A3');
    const pending = (await ctx.call(sam, { method: 'POST', url: '/api/me/residencies', payload: { ...place, rentCents: 150000, leaseStart: '2026-01-01', leaseEnd: '2026-12-31' } })).json();
    expect(pending.status).toBe('pending');
    const tasks = (await ctx.call(manager, { method: 'GET', url: '/api/tasks' })).json();
    expect(tasks.pendingReview).toBe(1);
    const notes = (await ctx.call(manager, { method: 'GET', url: '/api/notifications' })).json();
    expect(notes.items[0]).toMatchObject({ title: 'Samantha Brooks is pending your approval', link: `/app/residents/${pending.id}/review` });
    expect((await outboxTo(ctx, 'manager@maple.demo')).some((m) => m.subject === 'Samantha Brooks is pending your approval')).toBe(true);

    const detail = (await ctx.call(manager, { method: 'GET', url: `/api/residents/${pending.id}` })).json();
    expect(detail).toMatchObject({ status: 'pending', email: 'sam.brooks@personal.test', statedRentCents: 150000, companyIntegrated: true });
  });

  it('approves by merge: takes the ledger’s ID, rent and dates, folds the invited duplicate, emails the resident', async () => {
    // Someone from the rent roll signs up under another email and a nickname.
    const roll = (await ctx.call(manager, { method: 'GET', url: '/api/residents?status=invited&pageSize=200' })).json().items;
    const target = roll.find((r: { unitLabel: string; propertyName: string }) => r.propertyName === 'Oak Hollow Townhomes' && r.unitLabel === '3');
    const person = await signUp(ctx, { firstName: target.firstName, lastName: target.lastName, email: 'nickname@personal.test', phone: '212-555-0101' });
    const place = await unitOf(ctx, person, 'oak hollow', '3');
    const pending = (await ctx.call(person, { method: 'POST', url: '/api/me/residencies', payload: { ...place, rentCents: 100000, leaseStart: '2026-02-01', leaseEnd: null } })).json();
    expect(pending.status).toBe('pending');

    const detail = (await ctx.call(manager, { method: 'GET', url: `/api/residents/${pending.id}` })).json();
    const record = detail.candidates.find((c: { kind: string }) => c.kind === 'accounting_record');
    expect(record.reasons).toEqual(expect.arrayContaining(['name matches', 'same unit']));
    expect(record.strong).toBe(false);
    const approved = await ctx.call(manager, { method: 'POST', url: `/api/residents/${pending.id}/approve`, payload: { method: 'merge', candidateId: record.id } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', accountingResidentId: target.accountingResidentId, rentCents: target.rentCents, leaseStart: target.leaseStart });
    const gone = await ctx.call(manager, { method: 'GET', url: `/api/residents/${target.id}` });
    expect(gone.statusCode).toBe(404);
    expect((await outboxTo(ctx, 'nickname@personal.test')).map((m) => m.subject)).toEqual([
      'Confirm your email for RentLedger',
      'Your email is confirmed',
      'You are approved: set up your first payment',
    ]);
    const again = await ctx.call(manager, { method: 'POST', url: `/api/residents/${pending.id}/approve`, payload: { method: 'merge', candidateId: record.id } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/Already approved by Morgan Ellis/);
  });

  it('approves manually, declines with a reason, and refuses the other company', async () => {
    const a = await signUp(ctx, { firstName: 'Quinn', lastName: 'Adler', email: 'quinn@personal.test', phone: '614-555-1111' });
    const placeA = await unitOf(ctx, a, 'riverside commons', 'A10');
    const pendingA = (await ctx.call(a, { method: 'POST', url: '/api/me/residencies', payload: { ...placeA, rentCents: 155000, leaseStart: '2026-03-01', leaseEnd: null } })).json();
    expect((await ctx.call(birch, { method: 'POST', url: `/api/residents/${pendingA.id}/approve`, payload: { method: 'manual', unitId: placeA.unitId, rentCents: 1, dueDay: 1, leaseStart: '2026-03-01', leaseEnd: null } })).statusCode).toBe(404);
    const badUnit = await ctx.call(manager, { method: 'POST', url: `/api/residents/${pendingA.id}/approve`, payload: { method: 'manual', unitId: (await unitOf(ctx, a, 'birch street', '1')).unitId, rentCents: 155000, leaseStart: '2026-03-01', leaseEnd: null } });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().error.details[0].path).toBe('unitId');
    const approved = await ctx.call(manager, { method: 'POST', url: `/api/residents/${pendingA.id}/approve`, payload: { method: 'manual', unitId: placeA.unitId, rentCents: 156000, dueDay: 3, leaseStart: '2026-03-01', leaseEnd: '2027-02-28' } });
    expect(approved.json()).toMatchObject({ status: 'approved', rentCents: 156000, dueDay: 3, monthToMonth: false });
    const mine = (await ctx.call(a, { method: 'GET', url: '/api/me/residencies' })).json().items[0];
    expect(mine).toMatchObject({ status: 'approved', rentCents: 156000 });

    const b = await signUp(ctx, { firstName: 'Remy', lastName: 'Stone', email: 'remy@personal.test', phone: '614-555-2222' });
    const placeB = await unitOf(ctx, b, 'maple court', '108');
    const pendingB = (await ctx.call(b, { method: 'POST', url: '/api/me/residencies', payload: { ...placeB, rentCents: 120000, leaseStart: '2026-03-01', leaseEnd: null } })).json();
    const declined = await ctx.call(manager, { method: 'POST', url: `/api/residents/${pendingB.id}/decline`, payload: { reason: 'No lease on file for this unit' } });
    expect(declined.json()).toMatchObject({ status: 'declined', declinedReason: 'No lease on file for this unit' });
    expect((await ctx.call(b, { method: 'GET', url: '/api/notifications' })).json().items[0]).toMatchObject({ body: 'No lease on file for this unit' });
  });

  it('edits an approved resident, names the holder of a taken accounting ID, and merges on "same person"', async () => {
    const person = await signUp(ctx, { firstName: 'Jo', lastName: 'Park', email: 'jo.park@personal.test', phone: '614-555-3333' });
    const place = await unitOf(ctx, person, 'maple court', '201');
    const pending = (await ctx.call(person, { method: 'POST', url: '/api/me/residencies', payload: { ...place, rentCents: 120000, leaseStart: '2026-01-01', leaseEnd: null } })).json();
    await ctx.call(manager, { method: 'POST', url: `/api/residents/${pending.id}/approve`, payload: { method: 'manual', unitId: place.unitId, rentCents: 120000, leaseStart: '2026-01-01', leaseEnd: null } });

    const edited = await ctx.call(manager, { method: 'PATCH', url: `/api/residents/${pending.id}`, payload: { balanceCents: 4500, paymentPolicy: 'full_balance_only' } });
    expect(edited.json()).toMatchObject({ balanceCents: 4500, paymentPolicy: 'full_balance_only' });

    const holder = (await ctx.call(manager, { method: 'GET', url: '/api/residents?q=t0001009' })).json().items[0];
    const taken = await ctx.call(manager, { method: 'PATCH', url: `/api/residents/${pending.id}`, payload: { accountingResidentId: 't0001009' } });
    expect(taken.statusCode).toBe(409);
    // Named with where they live: Jo Park and Jonah Park could as well both be "J. Park".
    expect(taken.json().error).toMatchObject({
      code: 'accounting_id_taken',
      message: `Accounting resident ID t0001009 belongs to ${holder.firstName} ${holder.lastName} (Maple Court Apartments, unit 201)`,
      details: { residentId: holder.id, name: `${holder.firstName} ${holder.lastName}`, propertyName: 'Maple Court Apartments', unitLabel: '201' },
    });

    const merged = await ctx.call(manager, { method: 'PATCH', url: `/api/residents/${pending.id}`, payload: { accountingResidentId: 't0001009', samePersonAs: holder.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ accountingResidentId: 't0001009', rentCents: holder.rentCents, leaseStart: holder.leaseStart });
    expect((await ctx.call(manager, { method: 'GET', url: `/api/residents/${holder.id}` })).statusCode).toBe(404);
    const audit = (await ctx.call(support, { method: 'GET', url: '/api/audit-events?action=resident.merged_accounting_id' })).json();
    expect(audit.items[0].after).toMatchObject({ accountingResidentId: 't0001009', mergedResidentId: holder.id });
  });

  it('deletes pending and invited residents (their invitation stops working) but never an approved one', async () => {
    const invited = (await ctx.call(manager, { method: 'GET', url: '/api/residents?status=invited' })).json().items[0];
    expect((await ctx.call(manager, { method: 'DELETE', url: `/api/residents/${invited.id}` })).statusCode).toBe(204);
    expect((await ctx.call(manager, { method: 'GET', url: `/api/residents/${invited.id}` })).statusCode).toBe(404);
    const resend = await ctx.call(manager, { method: 'POST', url: `/api/invitations/${invited.invitation.id}/resend` });
    expect(resend.statusCode).toBe(409);
    const approved = (await ctx.call(manager, { method: 'GET', url: '/api/residents?status=approved' })).json().items[0];
    const refused = await ctx.call(manager, { method: 'DELETE', url: `/api/residents/${approved.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/end the lease/);
  });

  it('invites a resident directly; accepting approves them', async () => {
    const place = await unitOf(ctx, manager, 'oak hollow', '16');
    const invite = await ctx.call(manager, {
      method: 'POST',
      url: '/api/invitations',
      payload: { firstName: 'Nia', lastName: 'Cole', email: 'nia.cole@personal.test', unitId: place.unitId, rentCents: 190000, leaseStart: '2026-12-01', leaseEnd: null },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const [mail] = await outboxTo(ctx, 'nia.cole@personal.test');
    const token = /#token=([\w-]+)/.exec(mail?.text_body ?? '')?.[1];
    const accepted = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'nia-new-password' } });
    expect(accepted.statusCode).toBe(200);
    const resident = (await ctx.call(manager, { method: 'GET', url: `/api/residents/${invite.json().residentId}` })).json();
    expect(resident).toMatchObject({ status: 'approved', source: 'landlord_invite', rentCents: 190000, monthToMonth: true });
  });

  it('warns before inviting an email another resident of the company uses, and invites when told they share it', async () => {
    const place = await unitOf(ctx, manager, 'oak hollow', '15');
    const payload = { firstName: 'Noa', lastName: 'Cole', email: 'Nia.Cole@personal.test', unitId: place.unitId, rentCents: 120000, leaseStart: '2026-12-01', leaseEnd: null };
    const warned = await ctx.call(manager, { method: 'POST', url: '/api/invitations', payload });
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error).toMatchObject({ code: 'email_in_use', details: { name: 'Nia Cole' } });
    expect(warned.json().error.message).toBe('Nia.Cole@personal.test is already the email of Nia Cole; invite anyway only if they share this inbox');
    expect(await outboxTo(ctx, 'Nia.Cole@personal.test')).toHaveLength(0);
    const shared = await ctx.call(manager, { method: 'POST', url: '/api/invitations', payload: { ...payload, allowSharedEmail: true } });
    expect(shared.statusCode, shared.body).toBe(201);
    // Another company's residents are not this landlord's business, and say nothing.
    const birchPlace = await ctx.database.db
      .selectFrom('units')
      .innerJoin('properties', 'properties.id', 'units.property_id')
      .innerJoin('companies', 'companies.id', 'properties.company_id')
      .select(['units.id'])
      .where('companies.slug', '=', 'birch')
      .executeTakeFirstOrThrow();
    const birch = await ctx.login('owner@birch.demo');
    const elsewhere = await ctx.call(birch, { method: 'POST', url: '/api/invitations', payload: { ...payload, unitId: birchPlace.id } });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
  });

  it('turns a missing unit into a support request with its context, which support answers', async () => {
    const person = await signUp(ctx, { firstName: 'Lou', lastName: 'Kim', email: 'lou.kim@personal.test', phone: '614-555-4444' });
    const place = await unitOf(ctx, person, 'maple court', '101');
    const pending = (await ctx.call(person, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: place.propertyId, unitId: null, unitText: '401', rentCents: 130000, leaseStart: '2026-01-01', leaseEnd: null } })).json();
    expect(pending.status).toBe('pending');
    const opened = await ctx.call(manager, { method: 'POST', url: '/api/support-requests', payload: { kind: 'missing_unit', message: 'Unit 401 is missing at Maple Court', residentId: pending.id } });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().context).toMatchObject({ company: { name: 'Maple Property Management' }, resident: { name: 'Lou Kim', unitTheyTyped: '401', email: 'lou.kim@personal.test' } });
    expect((await ctx.call(manager, { method: 'GET', url: '/api/tasks' })).json().supportRequests).toBeGreaterThanOrEqual(1);
    expect((await ctx.call(birch, { method: 'GET', url: '/api/support-requests' })).json().items).toEqual([]);

    const answered = await ctx.call(support, { method: 'PATCH', url: `/api/support-requests/${opened.json().id}`, payload: { answer: 'Unit 401 added', status: 'resolved' } });
    expect(answered.json()).toMatchObject({ status: 'resolved', answer: 'Unit 401 added' });
    expect((await ctx.call(manager, { method: 'GET', url: '/api/notifications' })).json().items[0]).toMatchObject({ title: 'Support resolved your request' });
    expect((await ctx.call(person, { method: 'GET', url: '/api/notifications' })).json().items[0]).toMatchObject({ title: 'Support answered about your residency' });
  });

  it('reminds staff about a resident still pending, and stops once they are decided', async () => {
    const person = await signUp(ctx, { firstName: 'Ada', lastName: 'Moss', email: 'ada.moss@personal.test', phone: '614-555-5555' });
    const place = await unitOf(ctx, person, 'riverside', 'B1');
    const pending = (await ctx.call(person, { method: 'POST', url: '/api/me/residencies', payload: { ...place, rentCents: 150000, leaseStart: '2026-01-01', leaseEnd: null } })).json();
    await ctx.database.db.updateTable('residents').set({ next_reminder_at: new Date(Date.now() - 1000) }).where('id', '=', pending.id).execute();
    await ctx.services.reviewService.sendDueReminders();
    expect((await outboxTo(ctx, 'manager@maple.demo')).filter((m) => m.subject === 'Reminder: Ada Moss is pending your approval')).toHaveLength(1);
    await ctx.services.reviewService.sendDueReminders();
    expect((await outboxTo(ctx, 'manager@maple.demo')).filter((m) => m.subject.startsWith('Reminder: Ada Moss'))).toHaveLength(1);
    await ctx.call(manager, { method: 'DELETE', url: `/api/residents/${pending.id}` });
    const row = await ctx.database.db.selectFrom('residents').select('next_reminder_at').where('id', '=', pending.id).executeTakeFirstOrThrow();
    expect(row.next_reminder_at).toBeNull();
  });
});
