import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, type FakeBuildiumServer, startFakeBuildium } from '../../integrations/accounting/buildium/buildium.fake-server.ts';
import { type FakeYardiServer, startFakeYardiServer } from '../../integrations/accounting/yardi/yardi-soap.fake-server.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import { localDateAndHour } from './integration.domain.ts';

const MITS_FIXTURES = path.resolve(import.meta.dirname, '../../integrations/accounting/mits/fixtures');

async function waitForRun(ctx: TestContext, session: Session, runId: string) {
  for (let i = 0; i < 300; i++) {
    const run = (await ctx.call(session, { method: 'GET', url: `/api/sync-runs/${runId}` })).json();
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('run did not finish');
}

function multipart(fileName: string, content: Buffer | string) {
  const boundary = '----rentledger-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/xml\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('accounting connections', () => {
  let ctx: TestContext;
  let birch: Session;
  let buildium: FakeBuildiumServer;
  let yardi: FakeYardiServer;

  beforeAll(async () => {
    // Small batches, so a file refused halfway would show what it had applied.
    ctx = await createTestApp({ jobs: true, syncBatchSize: 2 });
    birch = await ctx.login('owner@birch.demo');
    buildium = await startFakeBuildium();
    yardi = await startFakeYardiServer({
      userName: 'rentledger',
      password: 'yardi-secret-password',
      answers: { oaks: await fs.readFile(path.join(MITS_FIXTURES, 'resident-transactions.xml'), 'utf8') },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await buildium.close();
    await yardi.close();
  });

  it('imports an uploaded MITS ResidentTransactions file, format detected', async () => {
    // The file names properties Birch does not have: it lets imports create them for this.
    const allowed = await ctx.call(birch, { method: 'PUT', url: '/api/integration', payload: { provider: 'none', createPropertiesFromAccounting: true } });
    expect(allowed.json()).toMatchObject({ createPropertiesFromAccounting: true, createPropertiesFromAccountingIsDefault: false });
    const { payload, headers } = multipart('residents.xml', await fs.readFile(path.join(MITS_FIXTURES, 'resident-transactions.xml')));
    const response = await ctx.call(birch, { method: 'POST', url: '/api/integration/import', payload, headers });
    expect(response.statusCode).toBe(202);
    const run = await waitForRun(ctx, birch, response.json().syncRunId);
    expect(run).toMatchObject({ status: 'succeeded', format: 'mits' });
    expect(run.counts.created).toBeGreaterThan(5);
    expect(run.counts.invited).toBeGreaterThan(0);
  });

  it('refuses XML with a DTD, changing nothing', async () => {
    const { payload, headers } = multipart('evil.xml', await fs.readFile(path.join(MITS_FIXTURES, 'resident-transactions-dtd.xml')));
    const response = await ctx.call(birch, { method: 'POST', url: '/api/integration/import', payload, headers });
    const run = await waitForRun(ctx, birch, response.json().syncRunId);
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/DTD|DOCTYPE|entit/i);
  });

  it('refuses a MITS file broken near its end before applying any of it', async () => {
    const residents = async () => (await ctx.database.db.selectFrom('residents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await residents();
    const whole = await fs.readFile(path.join(MITS_FIXTURES, 'resident-transactions.xml'), 'utf8');
    const renamed = whole.replaceAll(/CustomerID>([a-z0-9]+)</g, 'CustomerID>new-$1<').replaceAll('@', '+broken@');
    const { payload, headers } = multipart('cut-short.xml', renamed.slice(0, -40));
    const run = await waitForRun(ctx, birch, (await ctx.call(birch, { method: 'POST', url: '/api/integration/import', payload, headers })).json().syncRunId);
    expect(run).toMatchObject({ status: 'failed', format: 'mits' });
    expect(run.message).toMatch(/^The XML is broken at line \d+, column \d+: /);
    expect(await residents()).toBe(before);
  });

  it('keeps connection secrets write-only and encrypted at rest', async () => {
    const saved = await ctx.call(birch, {
      method: 'PUT',
      url: '/api/integration',
      payload: { provider: 'buildium', buildium: { baseUrl: buildium.url, clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ provider: 'buildium', buildium: { baseUrl: buildium.url, clientId: FAKE_CLIENT_ID, clientSecretSet: true } });
    expect(saved.body).not.toContain(FAKE_CLIENT_SECRET);
    const row = await ctx.database.db.selectFrom('companies').selectAll().where('id', '=', birch.companyId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(FAKE_CLIENT_SECRET);
    expect(row.integration_kind).toBe('api');

    const missing = await ctx.call(birch, { method: 'PUT', url: '/api/integration', payload: { provider: 'yardi' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('yardi');
    const hourWithoutApi = await ctx.call(birch, { method: 'PUT', url: '/api/integration', payload: { provider: 'csv', syncHour: 3 } });
    expect(hourWithoutApi.json().error.details[0].path).toBe('syncHour');
  });

  it('syncs now from Buildium, following its paging', async () => {
    const response = await ctx.call(birch, { method: 'POST', url: '/api/integration/sync' });
    expect(response.statusCode).toBe(202);
    const run = await waitForRun(ctx, birch, response.json().syncRunId);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual', format: 'buildium' });
    expect(run.counts.created).toBe(buildium.data.tenants?.length ?? run.counts.created);
    expect(buildium.requests.length).toBeGreaterThan(3);
  });

  it('fails a run with the provider’s message when it refuses or breaks, and a scheduled run may retry', async () => {
    buildium.fail({ status: 401, body: JSON.stringify({ UserMessage: 'Invalid credentials' }) });
    const refused = await waitForRun(ctx, birch, (await ctx.call(birch, { method: 'POST', url: '/api/integration/sync' })).json().syncRunId);
    expect(refused.status).toBe('failed');
    expect(refused.message).toMatch(/refused the client ID or secret/);
    buildium.clearFaults();

    // The daily sync starts once the company's local hour has come, and a passing failure lets the next tick retry.
    const { hour } = localDateAndHour(new Date(), 'America/Chicago');
    await ctx.call(birch, { method: 'PUT', url: '/api/integration', payload: { provider: 'buildium', syncHour: hour } });
    buildium.fail({ status: 500, body: JSON.stringify({ UserMessage: 'Service unavailable' }) });
    const [scheduled] = await ctx.services.integrationService.startDueScheduledSyncs();
    expect(scheduled).toBeTruthy();
    const run = await waitForRun(ctx, birch, scheduled ?? '');
    expect(run).toMatchObject({ status: 'failed', trigger: 'schedule' });
    await expect
      .poll(async () => (await ctx.database.db.selectFrom('companies').select('last_scheduled_sync_on').where('id', '=', birch.companyId).executeTakeFirstOrThrow()).last_scheduled_sync_on)
      .toBeNull();
    buildium.clearFaults();
    const [retried] = await ctx.services.integrationService.startDueScheduledSyncs();
    expect((await waitForRun(ctx, birch, retried ?? '')).status).toBe('succeeded');
    expect(await ctx.services.integrationService.startDueScheduledSyncs()).toEqual([]);
  });

  it('syncs from Yardi over SOAP, and reports bad credentials', async () => {
    const settings = { url: yardi.url, userName: 'rentledger', serverName: 'yardi_sql', database: 'voyager', propertyIds: ['oaks'] };
    await ctx.call(birch, { method: 'PUT', url: '/api/integration', payload: { provider: 'yardi', syncHour: null, yardi: { ...settings, password: 'wrong-password' } } });
    const refused = await waitForRun(ctx, birch, (await ctx.call(birch, { method: 'POST', url: '/api/integration/sync' })).json().syncRunId);
    expect(refused.status).toBe('failed');
    expect(refused.message).toBeTruthy();

    await ctx.call(birch, { method: 'PUT', url: '/api/integration', payload: { provider: 'yardi', yardi: { ...settings, password: 'yardi-secret-password' } } });
    const run = await waitForRun(ctx, birch, (await ctx.call(birch, { method: 'POST', url: '/api/integration/sync' })).json().syncRunId);
    expect(run).toMatchObject({ status: 'succeeded', format: 'yardi' });
    expect(yardi.requests.at(-1)?.parameters).toMatchObject({ UserName: 'rentledger', YardiPropertyId: 'oaks' });
  });

  it('answers Sync Now without an API connection with 409', async () => {
    const maple = await ctx.login('manager@maple.demo');
    const response = await ctx.call(maple, { method: 'POST', url: '/api/integration/sync' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('no_api_connection');
  });
});
