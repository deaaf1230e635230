import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

const STAFF = 20;

describe('twenty staff acting on one resident at the same moment', () => {
  let ctx: TestContext;
  let staff: Session[];
  let n = 0;

  beforeAll(async () => {
    ctx = await createTestApp({ loginLimits: { perIp: { limit: 10_000, windowMs: 60_000 }, perEmailAndIp: { limit: 100, windowMs: 60_000 }, perEmail: { limit: 100, windowMs: 60_000 } } });
    await importDemoRentRoll(ctx.services);
    const support = await ctx.login('support@rentledger.demo');
    const company = (await ctx.login('manager@maple.demo')).companyId;
    staff = [];
    for (let i = 0; i < STAFF; i++) {
      const email = `staff${i}@maple.demo`;
      await ctx.call(support, { method: 'POST', url: `/api/companies/${company}/staff`, payload: { firstName: 'Staff', lastName: `Number ${String.fromCharCode(65 + (i % 26))}${'a'.repeat(Math.floor(i / 26))}`, email, password: 'staff-password-123' } });
      staff.push(await ctx.login(email, 'staff-password-123'));
    }
  }, 120_000);
  afterAll(() => ctx.close());

  async function pendingResident(unit: string, name: { firstName: string; lastName: string }) {
    n += 1;
    const email = `race${n}@personal.test`;
    await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { ...name, email, phone: `212-555-${String(1000 + n)}`, password: 'resident-password-1' } });
    const resident = await ctx.login(email, 'resident-password-1');
    const { results } = (await ctx.call(resident, { method: 'GET', url: '/api/rentals/search?q=maple%20court' })).json();
    const unitId = results[0].units.find((u: { label: string }) => u.label === unit).id;
    const created = (await ctx.call(resident, { method: 'POST', url: '/api/me/residencies', payload: { propertyId: results[0].property.id, unitId, rentCents: 120000, leaseStart: '2026-01-01', leaseEnd: null } })).json();
    expect(created.status).toBe('pending');
    return { id: created.id as string, email, unitId: unitId as string };
  }

  function outcome(responses: { statusCode: number; json: () => { error?: { message: string } } }[]) {
    const winners = responses.filter((r) => r.statusCode < 300);
    const losers = responses.filter((r) => r.statusCode === 409);
    return { winners: winners.length, losers: losers.length, messages: losers.map((r) => r.json().error?.message ?? '') };
  }

  const approvalEmails = async (email: string) =>
    (await ctx.database.db.selectFrom('email_outbox').select('subject').where('to_address', '=', email).where('subject', 'like', 'You are approved%').execute()).length;

  it('approve: one wins, nineteen are told who approved first, one email', async () => {
    const pending = await pendingResident('202', { firstName: 'Race', lastName: 'Approve' });
    const responses = await Promise.all(
      staff.map((session) =>
        ctx.call(session, { method: 'POST', url: `/api/residents/${pending.id}/approve`, payload: { method: 'manual', unitId: pending.unitId, rentCents: 120000, leaseStart: '2026-01-01', leaseEnd: null } }),
      ),
    );
    const result = outcome(responses);
    expect(result).toMatchObject({ winners: 1, losers: STAFF - 1 });
    expect(result.messages.every((message) => /^Already approved by Staff Number [A-Z]a*\b/.test(message))).toBe(true);
    expect(await approvalEmails(pending.email)).toBe(1);
  });

  it('merge: one wins, the duplicate is folded once', async () => {
    const roll = (await ctx.call(staff[0] as Session, { method: 'GET', url: '/api/residents?status=invited&q=' })).json().items;
    const target = roll.find((r: { propertyName: string; unitLabel: string }) => r.propertyName === 'Maple Court Apartments' && r.unitLabel === '203');
    const pending = await pendingResident('203', { firstName: target.firstName, lastName: target.lastName });
    const detail = (await ctx.call(staff[0] as Session, { method: 'GET', url: `/api/residents/${pending.id}` })).json();
    const record = detail.candidates.find((c: { kind: string }) => c.kind === 'accounting_record');
    const responses = await Promise.all(
      staff.map((session) => ctx.call(session, { method: 'POST', url: `/api/residents/${pending.id}/approve`, payload: { method: 'merge', candidateId: record.id } })),
    );
    expect(outcome(responses)).toMatchObject({ winners: 1, losers: STAFF - 1 });
    expect(await approvalEmails(pending.email)).toBe(1);
    const merges = await ctx.database.db.selectFrom('audit_events').select('id').where('action', '=', 'resident.merged').where('entity_id', '=', target.id).execute();
    expect(merges).toHaveLength(1);
  });

  it('delete: one wins, the others are told it was already deleted', async () => {
    const pending = await pendingResident('204', { firstName: 'Race', lastName: 'Delete' });
    const responses = await Promise.all(staff.map((session) => ctx.call(session, { method: 'DELETE', url: `/api/residents/${pending.id}` })));
    const result = outcome(responses);
    expect(result).toMatchObject({ winners: 1, losers: STAFF - 1 });
    expect(result.messages.every((message) => /^Already deleted by Staff Number [A-Z]a*\b/.test(message))).toBe(true);
    const deletions = await ctx.database.db.selectFrom('audit_events').select('id').where('action', '=', 'resident.deleted').where('entity_id', '=', pending.id).execute();
    expect(deletions).toHaveLength(1);
  });
});
