import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFromBuffer } from '../../lib/upload.ts';
import { sha256 } from '../../lib/secrets.ts';
import { rentRollCsv } from '../../test/rent-roll-generator.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';

// An import issues its invitations a batch at a time (one statement for the invitations, one for their emails):
// a few thousand invitees over several batches, as the CLI runs it (no job queue), each get exactly one
// invitation and one email whose link works.
describe('invitations issued by a large import', () => {
  let ctx: TestContext;
  let companyId: string;
  // 3 properties x 800 units, one current resident each, every tenth without an email: 2,160 invitees in 5 batches.
  const file = () => uploadFromBuffer(Buffer.from(rentRollCsv({ properties: 3, unitsPerProperty: 800, prefix: 'inv' })));
  const run = (upload: ReturnType<typeof file>) =>
    ctx.services.syncService.startAndRun(null, companyId, { trigger: 'upload', format: 'csv', sourceName: 'inv.csv', upload });
  const invitationEmails = () =>
    ctx.database.db
      .selectFrom('email_outbox')
      .select(['idempotency_key', 'to_address', 'subject', 'text_body', 'html_body', 'company_id'])
      .where('idempotency_key', 'like', 'invitation:%')
      .execute();

  beforeAll(async () => {
    ctx = await createTestApp({ syncBatchSize: 500 });
    companyId = (await ctx.database.db.selectFrom('companies').select('id').where('slug', '=', 'maple').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('creates one invitation and one email per invitee, each link finding its own invitation', async () => {
    const runId = await run(file());
    const done = await ctx.services.syncService.find(runId);
    expect(done).toMatchObject({ status: 'succeeded', counts: { created: 2400, invited: 2160, waiting: 240, errors: 0 } });

    const invited = await ctx.database.db.selectFrom('residents').select(['id', 'email', 'first_name']).where('company_id', '=', companyId).where('status', '=', 'invited').execute();
    expect(invited).toHaveLength(2160);
    const invitations = await ctx.database.db.selectFrom('invitations').select(['id', 'resident_id', 'email', 'token_hash', 'expires_at', 'sent_at']).execute();
    expect(invitations).toHaveLength(2160);
    expect(new Set(invitations.map((i) => i.resident_id))).toEqual(new Set(invited.map((r) => r.id)));
    expect(new Set(invitations.map((i) => i.token_hash)).size).toBe(2160);
    expect(invitations.every((i) => i.sent_at !== null && i.expires_at.getTime() > Date.now() + 13 * 24 * 3600 * 1000)).toBe(true);

    const emails = await invitationEmails();
    expect(emails).toHaveLength(2160);
    const byHash = new Map(invitations.map((i) => [i.token_hash, i]));
    const residentById = new Map(invited.map((r) => [r.id, r]));
    for (const email of emails) {
      const token = /#token=([\w-]+)/.exec(email.text_body)?.[1] ?? '';
      const invitation = byHash.get(sha256(token));
      expect(invitation, email.to_address).toBeDefined();
      expect(email.idempotency_key).toBe(`invitation:${invitation?.id}`);
      expect(email.to_address).toBe(invitation?.email);
      expect(email.company_id).toBe(companyId);
      expect(email.html_body).toBeNull();
      expect(email.text_body).toContain(`Hi ${residentById.get(invitation?.resident_id ?? '')?.first_name},`);
    }
    const first = emails.find((email) => email.to_address === 'resident1.inv@example.com');
    expect(first?.subject).toBe('Maple Property Management invites you to pay rent with RentLedger');
    expect(first?.text_body).toContain('Maple Property Management invites you to RentLedger for Generated Court 1, unit 1:');

    // The link of an email from a middle batch looks its invitation up and accepts it.
    const middle = emails.find((email) => email.to_address === 'resident1203.inv@example.com');
    const token = /#token=([\w-]+)/.exec(middle?.text_body ?? '')?.[1];
    const lookup = await ctx.call(null, { method: 'POST', url: '/api/invitations/lookup', payload: { token } });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toMatchObject({ email: 'resident1203.inv@example.com', firstName: 'First1203', companyName: 'Maple Property Management', propertyName: 'Generated Court 2', unitLabel: '403' });
    const accepted = await ctx.call(null, { method: 'POST', url: '/api/invitations/accept', payload: { token, password: 'resident-1203-password' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user).toMatchObject({ email: 'resident1203.inv@example.com', role: 'resident' });
  });

  it('issues none when the same file comes again', async () => {
    const invitationsBefore = await ctx.database.db.selectFrom('invitations').select('id').execute();
    const emailsBefore = await invitationEmails();
    const runId = await run(file());
    expect(await ctx.services.syncService.find(runId)).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 0, unchanged: 2400, invited: 0 } });
    expect((await ctx.database.db.selectFrom('invitations').select('id').execute()).length).toBe(invitationsBefore.length);
    expect((await invitationEmails()).length).toBe(emailsBefore.length);
  });
});
