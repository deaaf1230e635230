import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RENT_ROLL } from '../../demo/demo-data.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import { startTestSmtpServer } from '../../test/test-smtp-server.ts';

type Ctx = TestContext;

function multipart(fileName: string, content: Buffer | string, extra: Record<string, string> = {}) {
  const boundary = '----rentledger-test-boundary';
  const parts = [
    ...Object.entries(extra).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  ];
  const payload = Buffer.concat([Buffer.from(parts.join('')), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(ctx: Ctx, session: Session, fileName: string, content: Buffer | string, extra: Record<string, string> = {}) {
  const { payload, headers } = multipart(fileName, content, extra);
  return ctx.call(session, { method: 'POST', url: '/api/integration/import', payload, headers });
}

async function waitForRun(ctx: Ctx, session: Session, runId: string) {
  for (let i = 0; i < 300; i++) {
    const run = (await ctx.call(session, { method: 'GET', url: `/api/sync-runs/${runId}` })).json();
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sync run ${runId} did not finish`);
}

async function importAndWait(ctx: Ctx, session: Session, fileName: string, content: Buffer | string) {
  const response = await upload(ctx, session, fileName, content);
  expect(response.statusCode, response.body).toBe(202);
  return waitForRun(ctx, session, response.json().syncRunId);
}

const count = async (ctx: Ctx, table: 'accounting_records' | 'residents' | 'email_outbox' | 'invitations') =>
  Number((await ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('accounting sync', () => {
  let ctx: Ctx;
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
  let manager: Session;
  let birch: Session;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    ctx = await createTestApp({ jobs: true, smtpUrl: smtp.url, syncBatchSize: 25 });
    manager = await ctx.login('manager@maple.demo');
    birch = await ctx.login('owner@birch.demo');
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('imports the rent roll: invites residents with an email, waits for the rest, emails every staff user a summary', async () => {
    const run = await importAndWait(ctx, manager, 'maple-rent-roll.csv', await fs.readFile(DEMO_RENT_ROLL));
    expect(run).toMatchObject({
      status: 'succeeded',
      trigger: 'upload',
      format: 'csv',
      progress: { processed: 66, total: 66 },
      counts: { created: 66, updated: 0, unchanged: 0, invited: 59, waiting: 4, finished: 0, errors: 0 },
      errors: [],
    });
    const invited = (await ctx.call(manager, { method: 'GET', url: '/api/residents?status=invited&pageSize=200' })).json();
    expect(invited.total).toBe(59);
    expect(invited.countsByStatus).toMatchObject({ invited: 59, waiting: 4 });
    expect(invited.items[0].invitation).toMatchObject({ expired: false });
    const summary = await smtp.waitFor('manager@maple.demo');
    expect(summary.subject).toMatch(/Accounting sync finished: 66 created/);
  });

  it('changes nothing and sends nothing when the same data comes again', async () => {
    const outboxBefore = await count(ctx, 'email_outbox');
    const auditBefore = await ctx.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_type', '=', 'resident').executeTakeFirstOrThrow();
    const run = await importAndWait(ctx, manager, 'maple-rent-roll.csv', await fs.readFile(DEMO_RENT_ROLL));
    expect(run.counts).toEqual({ created: 0, updated: 0, unchanged: 66, invited: 0, waiting: 0, finished: 0, errors: 0, problems: 0, propertiesCreated: 0, unitsCreated: 0 });
    // Nothing to do, so no email at all (issue 10: staff are emailed only when there is something to do);
    // the run still ends with an in-app notice.
    expect(await count(ctx, 'email_outbox')).toBe(outboxBefore);
    const notices = (await ctx.call(manager, { method: 'GET', url: '/api/notifications' })).json();
    expect(notices.items[0]).toMatchObject({ kind: 'sync_succeeded', link: `/app/sync-runs/${run.id}` });
    const auditAfter = await ctx.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_type', '=', 'resident').executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  it('emails a working invitation: the link sets a password and signs the resident in, approved', async () => {
    const mail = await smtp.waitFor('iris.rossi@example.com');
    expect(mail.subject).toBe('Maple Property Management invites you to pay rent with RentLedger');
    expect(mail.text).toContain('Maple Court Apartments, unit 101');
    const token = /#token=([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();

    const lookup = await ctx.call(null, { method: 'POST', url: '/api/invitations/lookup', payload: { token } });
    expect(lookup.json()).toMatchObject({ email: 'iris.rossi@example.com', firstName: 'Iris', unitLabel: '101' });

    const weak = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('password');

    const accepted = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'iris-new-password' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({ email: 'iris.rossi@example.com', role: 'resident' });
    const cookie = accepted.cookies.find((c) => c.name === 'rl_session');
    const residencies = await ctx.app.inject({ method: 'GET', url: '/api/me/residencies', headers: { cookie: `rl_session=${cookie?.value}` } });
    expect(residencies.json().items).toMatchObject([{ status: 'approved', companyName: 'Maple Property Management', unitLabel: '101', rentCents: 115000 }]);

    const again = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'iris-new-password' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invitation_used');
    const signIn = await ctx.login('iris.rossi@example.com', 'iris-new-password');
    expect(signIn.userId).toBe(accepted.json().user.id);
  });

  it('resends an invitation: the old link stops working, the new one arrives', async () => {
    const resident = (await ctx.call(manager, { method: 'GET', url: '/api/residents?status=invited&q=tyler.garcia' })).json().items[0];
    const oldMail = await smtp.waitFor('tyler.garcia@example.com');
    const oldToken = /#token=([\w-]+)/.exec(oldMail.text)?.[1];
    const before = smtp.received.length;
    const resend = await ctx.call(manager, { method: 'POST', url: `/api/invitations/${resident.invitation.id}/resend` });
    expect(resend.statusCode).toBe(204);
    const otherCompany = await ctx.call(birch, { method: 'POST', url: `/api/invitations/${resident.invitation.id}/resend` });
    expect(otherCompany.statusCode).toBe(404);
    await expect.poll(() => smtp.received.slice(before).some((m) => m.to.includes('tyler.garcia')), { timeout: 20_000 }).toBe(true);
    const stale = await ctx.call(null, { method: 'POST', url: '/api/invitations/lookup', payload: { token: oldToken } });
    expect(stale.statusCode).toBe(410);
    expect(stale.json().error.code).toBe('invitation_revoked');
  });

  it('sends a resident at most four invitations an hour, however many resends arrive at once', async () => {
    const invited = (await ctx.call(manager, { method: 'GET', url: '/api/residents?status=invited' })).json().items;
    const resident = invited.find((candidate: { email: string }) => !candidate.email.startsWith('tyler.garcia'));
    const mails = () => ctx.database.db.selectFrom('email_outbox').select('id').where('to_address', '=', resident.email).execute();
    const mailsBefore = (await mails()).length;
    const answers = await Promise.all(Array.from({ length: 25 }, () => ctx.call(manager, { method: 'POST', url: `/api/invitations/${resident.invitation.id}/resend` })));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 204)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(22);
    const refused = answers.find((answer) => answer.statusCode === 429);
    expect(refused?.json().error.message).toMatch(/was sent 4 invitations in the last hour; resend again in \d+ minutes$/);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await mails()).length - mailsBefore).toBe(3);
  });

  it('applies valid rows, reports bad ones by row, field and reason, and follows ledger changes', async () => {
    const lines = (await fs.readFile(DEMO_RENT_ROLL, 'utf8')).trim().split('\n');
    const header = lines[0] ?? '';
    const rowOf = (id: string) => lines.find((line) => line.includes(`,${id},`)) ?? '';
    const withField = (line: string, index: number, value: string) => line.split(',').map((v, i) => (i === index ? value : v)).join(',');
    const file = [
      header,
      withField(rowOf('t0001001'), 14, '1195.00'), // rent change for an approved resident (Iris)
      withField(rowOf('t0001002'), 16, 'past'), // moved out
      withField(rowOf('t0001003'), 12, '13/45/2024'), // bad date
      withField(rowOf('t0001004'), 14, '-5'), // negative rent
      withField(withField(rowOf('t0001005'), 7, ''), 8, 'Nameless'), // no resident ID
      withField(rowOf('t0001006'), 16, 'evicted'), // unknown status
      withField(rowOf('t0001007'), 13, '2020-01-01'), // lease end before start
      rowOf('t0001008'),
      rowOf('t0001008'), // same ID twice
    ].join('\n');
    const run = await importAndWait(ctx, manager, 'changes.csv', file);
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ updated: 2, unchanged: 1, finished: 1, errors: 6 });
    expect(run.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [4, 'lease_start'],
      [5, 'rent'],
      [6, 'resident_id'],
      [7, 'status'],
      [8, 'lease_end'],
      [10, 'resident_id'],
    ]);
    const iris = (await ctx.call(manager, { method: 'GET', url: '/api/residents?q=iris.rossi' })).json().items[0];
    expect(iris).toMatchObject({ status: 'approved', rentCents: 119500 });
    const tyler = (await ctx.call(manager, { method: 'GET', url: '/api/residents?q=tyler.garcia' })).json().items[0];
    expect(tyler.status).toBe('finished');
    const audit = (await ctx.call(await ctx.login('support@rentledger.demo'), { method: 'GET', url: '/api/audit-events?action=resident.synced' })).json();
    expect(audit.items[0]).toMatchObject({ before: { rentCents: 115000 }, after: { rentCents: 119500 } });
  });

  it('fails an unreadable file with a clear message and changes nothing', async () => {
    const records = await count(ctx, 'accounting_records');
    const residents = await count(ctx, 'residents');
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]);
    for (const [name, content] of [
      ['rent-roll.xlsx', binary],
      ['empty.csv', ''],
      ['broken.xml', '<ResidentTransactions><Property>'],
    ] as const) {
      const response = await upload(ctx, manager, name, content);
      if (response.statusCode === 400) {
        expect(response.json().error.details[0].path).toBe('file');
        continue;
      }
      const run = await waitForRun(ctx, manager, response.json().syncRunId);
      expect(run.status, name).toBe('failed');
      expect(run.message, name).toBeTruthy();
    }
    expect(await count(ctx, 'accounting_records')).toBe(records);
    expect(await count(ctx, 'residents')).toBe(residents);
  });

  it("emails staff when a run fails, with why in the subject, not its empty counts", async () => {
    const response = await upload(ctx, manager, 'cut-short.xml', '<ResidentTransactions><Property>');
    const run = await waitForRun(ctx, manager, response.json().syncRunId);
    expect(run.status).toBe('failed');
    const started = Date.now();
    let failed: (typeof smtp.received)[number] | undefined;
    while (!failed && Date.now() - started < 20_000) {
      failed = smtp.received.find((mail) => mail.to.includes('manager@maple.demo') && mail.text.includes(`/app/sync-runs/${run.id}`));
      if (!failed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(failed?.subject).toMatch(/^Accounting sync failed: \S/);
    expect(failed?.subject).not.toMatch(/0 created/);
    expect(failed?.subject).toContain(run.message.replace(/\s+/g, ' ').slice(0, 40));
  });

  it('refuses an upload over 50 MB with 413 before starting a run', async () => {
    const before = (await ctx.call(manager, { method: 'GET', url: '/api/sync-runs' })).json().items.length;
    const response = await upload(ctx, manager, 'huge.csv', Buffer.alloc(51 * 1024 * 1024, 'a'));
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'file_too_large', details: [{ path: 'file' }] });
    expect((await ctx.call(manager, { method: 'GET', url: '/api/sync-runs' })).json().items.length).toBe(before);
  });

  it('refuses a second run while one is active, naming it', async () => {
    // A run some worker is busy with (fresh heartbeat), as another server process would hold it.
    const { id: first } = await ctx.database.db
      .insertInto('sync_runs')
      .values({ company_id: manager.companyId ?? '', trigger: 'manual', status: 'running', started_at: new Date(), heartbeat_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const second = await upload(ctx, manager, 'maple-rent-roll.csv', 'property_code\n');
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'sync_in_progress', details: { syncRunId: first } });
    await ctx.database.db.updateTable('sync_runs').set({ status: 'failed', finished_at: new Date() }).where('id', '=', first).execute();
  });

  it("keeps another company's sync runs and residents out of reach", async () => {
    const runs = (await ctx.call(manager, { method: 'GET', url: '/api/sync-runs' })).json().items;
    const fromBirch = await ctx.call(birch, { method: 'GET', url: `/api/sync-runs/${runs[0].id}` });
    expect(fromBirch.statusCode).toBe(404);
    expect((await ctx.call(birch, { method: 'GET', url: '/api/sync-runs' })).json().items).toEqual([]);
    expect((await ctx.call(birch, { method: 'GET', url: '/api/residents' })).json().total).toBe(0);
  });
});
