import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRestore, loadBackup, writeBackup } from '../../db/backup.ts';
import { migrateTo, migrateToLatest } from '../../db/migrator.ts';
import { DEMO_RENT_ROLL, importDemoRentRoll } from '../../demo/demo-data.ts';
import { uploadFromBuffer } from '../../lib/upload.ts';
import { createTestApp, type Session, TEST_SECRET_KEY, type TestContext } from '../../test/test-app.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { createTasksRepository, FOLD_AFTER_ROWS } from './tasks.repository.ts';

type Ctx = TestContext;
type Counts = { pendingReview: number; missingAccountingId: number; syncErrors: number; supportRequests: number; paymentsNeedingAttention: number; postingFailures: number };

/** The counts as GET /api/tasks computed them before the counters: count(*) over the tables themselves. */
async function countedFromTables(ctx: Ctx, companyId: string): Promise<Omit<Counts, 'syncErrors'>> {
  const { rows } = await sql<{ pending_review: number; missing_accounting_id: number; support_requests: number; open_alerts: number; failed_postings: number }>`
    SELECT
      (SELECT count(*) FROM residents r
        WHERE r.company_id = ${companyId} AND r.deleted_at IS NULL AND r.status = 'pending') AS pending_review,
      (SELECT count(*) FROM residents r JOIN companies c ON c.id = r.company_id
        WHERE r.company_id = ${companyId} AND r.deleted_at IS NULL AND c.integration_kind <> 'none'
          AND r.status IN ('approved', 'current') AND r.accounting_resident_id IS NULL) AS missing_accounting_id,
      (SELECT count(*) FROM support_requests sr
        WHERE sr.company_id = ${companyId} AND sr.status <> 'resolved') AS support_requests,
      (SELECT count(*) FROM rent_alerts a WHERE a.company_id = ${companyId} AND a.resolved_at IS NULL) AS open_alerts,
      (SELECT count(*) FROM accounting_postings p WHERE p.company_id = ${companyId} AND p.status = 'failed') AS failed_postings
  `.execute(ctx.database.db);
  const row = rows[0];
  return {
    pendingReview: Number(row?.pending_review),
    missingAccountingId: Number(row?.missing_accounting_id),
    supportRequests: Number(row?.support_requests),
    paymentsNeedingAttention: Number(row?.open_alerts),
    postingFailures: Number(row?.failed_postings),
  };
}

/** GET /api/tasks, checked against the tables' own count. */
async function tasksOf(ctx: Ctx, session: Session): Promise<Counts> {
  const response = await ctx.call(session, { method: 'GET', url: '/api/tasks' });
  expect(response.statusCode, response.body).toBe(200);
  const counts = response.json() as Counts;
  // Sync errors look at the latest run, not at a count.
  const { syncErrors: _, ...counted } = counts;
  expect(counted).toEqual(await countedFromTables(ctx, session.companyId ?? ''));
  return counts;
}

async function signUpPending(ctx: Ctx, person: { firstName: string; lastName: string; email: string }, unit: { property: string; label: string }) {
  const signup = await ctx.call(null, { method: 'POST', url: '/api/auth/signup', payload: { ...person, phone: '212-555-0199', password: 'resident-password-1' } });
  expect(signup.statusCode, signup.body).toBe(202);
  const session = await ctx.verifyEmail(person.email);
  const { results } = (await ctx.call(session, { method: 'GET', url: `/api/rentals/search?q=${encodeURIComponent(unit.property)}` })).json();
  const place = { propertyId: results[0].property.id as string, unitId: results[0].units.find((u: { label: string }) => u.label === unit.label).id as string };
  const stated = await ctx.call(session, { method: 'POST', url: '/api/me/residencies', payload: { ...place, rentCents: 99000, leaseStart: '2026-02-01', leaseEnd: null } });
  expect(stated.statusCode, stated.body).toBe(201);
  expect(stated.json().status).toBe('pending');
  return { id: stated.json().id as string, ...place };
}

/** A sync run of a rent roll, run in-process to its end as the CLI's import runs it. */
async function importAndWait(ctx: Ctx, session: Session, content: string) {
  const upload = uploadFromBuffer(Buffer.from(content));
  const runId = await ctx.services.syncService.startAndRun(session.userId, session.companyId ?? '', { trigger: 'upload', format: 'csv', sourceName: 'rent-roll.csv', upload });
  return await ctx.database.db.selectFrom('sync_runs').select(['status', 'counts']).where('id', '=', runId).executeTakeFirstOrThrow();
}

describe('Incomplete Tasks counts stay exact after every write that changes them', () => {
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

  it('counts a sign-up pending review, and approve, decline and delete each take one off', async () => {
    const before = await tasksOf(ctx, manager);
    const a = await signUpPending(ctx, { firstName: 'Ada', lastName: 'Quill', email: 'ada.quill@personal.test' }, { property: 'riverside commons', label: 'A3' });
    const b = await signUpPending(ctx, { firstName: 'Ben', lastName: 'Quill', email: 'ben.quill@personal.test' }, { property: 'riverside commons', label: 'A4' });
    const c = await signUpPending(ctx, { firstName: 'Cy', lastName: 'Quill', email: 'cy.quill@personal.test' }, { property: 'riverside commons', label: 'A5' });
    expect((await tasksOf(ctx, manager)).pendingReview).toBe(before.pendingReview + 3);
    expect(await tasksOf(ctx, birch)).toMatchObject({ pendingReview: 0, missingAccountingId: 0, syncErrors: 0, supportRequests: 0, postingFailures: 0 });

    // Approved by hand: no longer pending, and approved without an accounting ID.
    const approved = await ctx.call(manager, { method: 'POST', url: `/api/residents/${a.id}/approve`, payload: { method: 'manual', unitId: a.unitId, rentCents: 99000, leaseStart: '2026-02-01', leaseEnd: null } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await tasksOf(ctx, manager)).toMatchObject({ pendingReview: before.pendingReview + 2, missingAccountingId: before.missingAccountingId + 1 });

    const declined = await ctx.call(manager, { method: 'POST', url: `/api/residents/${b.id}/decline`, payload: { reason: 'Not our tenant' } });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await tasksOf(ctx, manager)).pendingReview).toBe(before.pendingReview + 1);

    expect((await ctx.call(manager, { method: 'DELETE', url: `/api/residents/${c.id}` })).statusCode).toBe(204);
    expect((await tasksOf(ctx, manager)).pendingReview).toBe(before.pendingReview);

    // An edit that sets the accounting ID takes the approved resident off the missing list.
    const edited = await ctx.call(manager, { method: 'PATCH', url: `/api/residents/${a.id}`, payload: { accountingResidentId: 'tasks-ada-1' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await tasksOf(ctx, manager)).toMatchObject({ missingAccountingId: before.missingAccountingId });
    // An edit that changes nothing counted leaves the counts alone.
    await ctx.call(manager, { method: 'PATCH', url: `/api/residents/${a.id}`, payload: { balanceCents: 1200 } });
    expect(await tasksOf(ctx, manager)).toMatchObject({ pendingReview: before.pendingReview, missingAccountingId: before.missingAccountingId });
  });

  it('counts an accepted invitation: approved without an accounting ID', async () => {
    const before = await tasksOf(ctx, manager);
    const unit = await ctx.database.db
      .selectFrom('units')
      .innerJoin('properties', 'properties.id', 'units.property_id')
      .select('units.id')
      .where('properties.name', '=', 'Oak Hollow Townhomes')
      .where('units.label', '=', '16')
      .executeTakeFirstOrThrow();
    const invite = await ctx.call(manager, {
      method: 'POST',
      url: '/api/invitations',
      payload: { firstName: 'Nia', lastName: 'Quill', email: 'nia.quill@personal.test', unitId: unit.id, rentCents: 190000, leaseStart: '2026-12-01', leaseEnd: null },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    expect(await tasksOf(ctx, manager)).toEqual(before);
    const mail = await ctx.database.db.selectFrom('email_outbox').select('text_body').where('to_address', '=', 'nia.quill@personal.test').executeTakeFirstOrThrow();
    const token = /#token=([\w-]+)/.exec(mail.text_body)?.[1];
    const accepted = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'nia-new-password' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await tasksOf(ctx, manager)).toMatchObject({ missingAccountingId: before.missingAccountingId + 1 });
  });

  it('follows a sync run that finishes a pending resident, and a failed run', async () => {
    // A rent-roll resident whose review is open (as after accepting an invitation with an incomplete lease).
    const tyler = await ctx.database.db.selectFrom('residents').select('id').where('accounting_resident_id', '=', 't0001002').executeTakeFirstOrThrow();
    await ctx.database.db.updateTable('residents').set({ status: 'pending', pending_since: new Date() }).where('id', '=', tyler.id).execute();
    const before = await tasksOf(ctx, manager);

    const lines = (await fs.readFile(DEMO_RENT_ROLL, 'utf8')).trim().split('\n');
    const moved = (lines.find((line) => line.includes(',t0001002,')) ?? '').split(',').map((v, i) => (i === 16 ? 'past' : v)).join(',');
    const run = await importAndWait(ctx, manager, [lines[0], moved].join('\n'));
    expect(run).toMatchObject({ status: 'succeeded', counts: { finished: 1 } });
    expect(await tasksOf(ctx, manager)).toMatchObject({ pendingReview: before.pendingReview - 1, syncErrors: 0 });

    const failed = await importAndWait(ctx, manager, 'not,a\nrent roll');
    expect(failed.status).toBe('failed');
    expect(await tasksOf(ctx, manager)).toMatchObject({ pendingReview: before.pendingReview - 1, syncErrors: 1 });
  });

  it('counts open support requests until support resolves them', async () => {
    const before = await tasksOf(ctx, manager);
    const opened = await ctx.call(manager, { method: 'POST', url: '/api/support-requests', payload: { kind: 'other', message: 'Please call me' } });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await tasksOf(ctx, manager)).supportRequests).toBe(before.supportRequests + 1);
    const answered = await ctx.call(support, { method: 'PATCH', url: `/api/support-requests/${opened.json().id}`, payload: { answer: 'Called', status: 'answered' } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await tasksOf(ctx, manager)).supportRequests).toBe(before.supportRequests + 1);
    await ctx.call(support, { method: 'PATCH', url: `/api/support-requests/${opened.json().id}`, payload: { answer: 'Done', status: 'resolved' } });
    expect((await tasksOf(ctx, manager)).supportRequests).toBe(before.supportRequests);
  });

  it('counts open rent alerts as payments needing attention until each is resolved, per company, and after a TRUNCATE', async () => {
    const db = ctx.database.db;
    const before = await tasksOf(ctx, manager);
    const residents = await db.selectFrom('residents').select('id').where('company_id', '=', manager.companyId ?? '').orderBy('id').limit(3).execute();
    // Three alerts in one statement, a fourth in another; Birch's counts never move.
    await db
      .insertInto('rent_alerts')
      .values(residents.map((resident) => ({ company_id: manager.companyId ?? '', resident_id: resident.id, month: '2026-11', kind: 'overdue', amount_cents: 100000 })))
      .execute();
    await db.insertInto('rent_alerts').values({ company_id: manager.companyId ?? '', resident_id: residents[0]?.id ?? '', month: '2026-10', kind: 'overdue', amount_cents: 100000 }).execute();
    expect((await tasksOf(ctx, manager)).paymentsNeedingAttention).toBe(before.paymentsNeedingAttention + 4);
    expect((await tasksOf(ctx, birch)).paymentsNeedingAttention).toBe(0);
    // Resolving takes them off; an update that leaves an alert open (its amounts refreshed) changes nothing.
    await db.updateTable('rent_alerts').set({ resolved_at: new Date(), resolution: 'paid' }).where('month', '=', '2026-10').execute();
    await db.updateTable('rent_alerts').set({ received_cents: 500 }).where('month', '=', '2026-11').execute();
    expect((await tasksOf(ctx, manager)).paymentsNeedingAttention).toBe(before.paymentsNeedingAttention + 3);
    await db.deleteFrom('rent_alerts').where('resident_id', '=', residents[1]?.id ?? '').execute();
    expect((await tasksOf(ctx, manager)).paymentsNeedingAttention).toBe(before.paymentsNeedingAttention + 2);
    await sql`TRUNCATE rent_alerts CASCADE`.execute(db);
    expect((await tasksOf(ctx, manager)).paymentsNeedingAttention).toBe(0);
  });

  it('stays exact under concurrent writes, folds its rows, and reads the same from a second process', async () => {
    const companyId = manager.companyId ?? '';
    // Twelve sign-ups stated at once, then twelve declines at once: each its own transaction.
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signUpPending(ctx, { firstName: 'Para', lastName: `Lel${'abcdefghijklmnopqrst'[i]}`, email: `para${i}@personal.test` }, { property: 'riverside commons', label: 'A6' }),
      ),
    );
    const midway = await tasksOf(ctx, manager);
    await Promise.all(people.map((p) => ctx.call(manager, { method: 'POST', url: `/api/residents/${p.id}/decline`, payload: { reason: 'Unit taken' } })));
    expect((await tasksOf(ctx, manager)).pendingReview).toBe(midway.pendingReview - 12);
    // Reads folded the rows the writes appended: a handful remain, whatever the history.
    expect(await createTasksRepository(ctx.database.db).deltaRowsOf(companyId)).toBeLessThanOrEqual(FOLD_AFTER_ROWS + 1);

    // Another server process on the same database reads the same counts, with nothing to invalidate.
    const second = await ctx.database.reopen();
    try {
      const { syncErrors: _, ...counted } = await createTasksRepository(second.db).countsFor(companyId);
      expect(counted).toEqual(await countedFromTables(ctx, companyId));
    } finally {
      await second.close();
    }
  });

  it('folds a company’s rows into one on the read that finds more than FOLD_AFTER_ROWS, keeping the counts', async () => {
    const companyId = manager.companyId ?? '';
    const repository = createTasksRepository(ctx.database.db);
    await tasksOf(ctx, manager);
    // One row per statement that changes a count: here support requests opened one by one.
    for (let i = 0; i <= FOLD_AFTER_ROWS; i++) {
      await sql`INSERT INTO support_requests (company_id, requested_by, kind, message) VALUES (${companyId}, ${manager.userId}, 'other', ${`request ${i}`})`.execute(ctx.database.db);
    }
    expect(await repository.deltaRowsOf(companyId)).toBeGreaterThan(FOLD_AFTER_ROWS);
    const counted = await countedFromTables(ctx, companyId);
    expect(await tasksOf(ctx, manager)).toMatchObject(counted);
    expect(await repository.deltaRowsOf(companyId)).toBe(1);
    expect(await tasksOf(ctx, manager)).toMatchObject(counted);
  });

  it('rebuilds the counts in a restored backup: they are derived, so the backup leaves them out', async () => {
    const companyId = manager.companyId ?? '';
    await signUpPending(ctx, { firstName: 'Bo', lastName: 'Quill', email: 'bo.quill@personal.test' }, { property: 'riverside commons', label: 'A7' });
    expect((await tasksOf(ctx, manager)).pendingReview).toBeGreaterThan(0);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-tasks-backup-'));
    const target = await createTestDatabase({ migrate: false });
    try {
      const file = path.join(dir, 'rentledger.backup');
      await writeBackup(ctx.database.url, file, { secretKey: TEST_SECRET_KEY });
      const header = await checkRestore(target.url, file, { secretKey: TEST_SECRET_KEY });
      expect(header.tables).not.toContain('deltas');
      await migrateTo(target.db, header.migrations.at(-1) ?? '');
      await loadBackup(target.url, file, {});
      await migrateToLatest(target.db);
      expect(await createTasksRepository(target.db).countsFor(companyId)).toEqual(await createTasksRepository(ctx.database.db).countsFor(companyId));
      expect((await createTasksRepository(target.db).countsFor(companyId)).pendingReview).toBe((await countedFromTables(ctx, companyId)).pendingReview);
    } finally {
      await target.drop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('recounts after a TRUNCATE, and counts only residents of the statement’s companies', async () => {
    const companyId = manager.companyId ?? '';
    await sql`TRUNCATE support_requests`.execute(ctx.database.db);
    expect((await tasksOf(ctx, manager)).supportRequests).toBe(0);
    // A set-based update across every company (as a sync batch or a migration writes).
    await sql`UPDATE residents SET status = 'pending' WHERE status = 'invited'`.execute(ctx.database.db);
    await tasksOf(ctx, manager);
    await tasksOf(ctx, birch);
    await sql`UPDATE residents SET deleted_at = now() WHERE status = 'pending' AND company_id = ${companyId}`.execute(ctx.database.db);
    expect((await tasksOf(ctx, manager)).pendingReview).toBe(0);
  });
});
