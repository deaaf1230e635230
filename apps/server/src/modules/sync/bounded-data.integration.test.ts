import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENT_ROLL_HEADER } from '../../test/rent-roll-generator.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';
import { createSyncRunsRepository, MAX_ROW_ERROR_FIELD_CHARS, MAX_ROW_ERROR_MESSAGE_CHARS, MAX_RUN_MESSAGE_CHARS } from './sync-runs.repository.ts';
import { emptyCounts } from './sync-apply.repository.ts';

function multipart(fileName: string, content: string) {
  const boundary = '----rentledger-bounded-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** What a run stores and lists stays small, whatever the file; the history pages. */
describe('bounded stored data', () => {
  let ctx: TestContext;
  let manager: Session;
  let companyId: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    manager = await ctx.login('manager@maple.demo');
    companyId = manager.companyId as string;
  });
  afterAll(async () => {
    await ctx.close();
  });

  /** Uploads and runs the import here (no job queue in this file); the run as the API shows it. */
  async function importFile(name: string, content: string) {
    const response = await ctx.call(manager, { method: 'POST', url: '/api/integration/import', ...multipart(name, content) });
    expect(response.statusCode, response.body).toBe(202);
    const { syncRunId } = response.json();
    await ctx.services.syncService.execute(syncRunId);
    return (await ctx.call(manager, { method: 'GET', url: `/api/sync-runs/${syncRunId}` })).json();
  }

  it('refuses a CSV with 100,000 columns with a short message; the history stays small', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const run = await importFile('wide.csv', `${header}\n${'x,'.repeat(99_999)}x\n`);
    expect(run.status).toBe('failed');
    expect(run.message).toBe('The header row has 100,000 columns; a rent roll has at most 500. Check that this is a rent roll, with the header on its first line.');
    const list = await ctx.call(manager, { method: 'GET', url: '/api/sync-runs' });
    expect(list.body.length).toBeLessThan(10_000);
  });

  it('names a few of the columns found when the required ones are missing, not all of them', async () => {
    const header = Array.from({ length: 400 }, (_, i) => `unrecognised_heading_number_${i}`).join(',');
    const run = await importFile('unknown.csv', `${header}\n`);
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/^The first line must be a header row naming the columns; no column was found for: .*\(found: "unrecognised_heading_number_0", .* and 370 more\)/);
    expect(run.message.length).toBeLessThan(MAX_RUN_MESSAGE_CHARS);
  });

  it('stores at most 1,000 row errors, each cut to its limits; the count covers them all', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `P1,Court,1 Main St,Columbus,OH,43215,${i},bad-${i},Ann,Lee,not-an-email,,2026-01-01,2026-12-31,lots,0.00,current,no`);
    const run = await importFile('bad.csv', `${RENT_ROLL_HEADER}\n${rows.join('\n')}\n`);
    expect(run.status).toBe('succeeded');
    expect(run.counts.errors).toBe(1500);
    expect(run.errors).toHaveLength(1000);

    // Whatever a source says, the stored message and each row error are bounded.
    const runs = createSyncRunsRepository(ctx.database.db);
    const runId = await ctx.database.db.transaction().execute((trx) => runs.insert(trx, { companyId, trigger: 'upload', format: 'csv', sourceName: 'huge.csv', createdBy: null }));
    await ctx.database.db.transaction().execute((trx) =>
      runs.finish(
        trx,
        runId,
        {
          status: 'failed',
          counts: { ...emptyCounts(), errors: 1, problems: 1 },
          errors: [{ row: 2, field: 'f'.repeat(10_000), message: 'm'.repeat(1_000_000) }],
          message: 'x'.repeat(1_000_000),
        },
        new Date(),
      ),
    );
    const stored = await runs.find(runId);
    expect(stored?.message?.length).toBe(MAX_RUN_MESSAGE_CHARS);
    expect(stored?.message).toMatch(/… \(shortened from 1,000,000 characters\)$/);
    expect(stored?.errors[0]?.message.length).toBe(MAX_ROW_ERROR_MESSAGE_CHARS);
    expect(stored?.errors[0]?.field?.length).toBe(MAX_ROW_ERROR_FIELD_CHARS);
    expect(stored?.errors[0]?.message).toMatch(/shortened from 1,000,000 characters\)$/);
  });

  it('refuses a column mapping or a header for suggestions with more than 500 columns, naming the field', async () => {
    const mapping = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`col ${i}`, i === 0 ? 'resident_id' : '']));
    const tooMany = await ctx.call(manager, { method: 'PUT', url: '/api/integration', payload: { provider: 'csv', csvColumnMapping: mapping(501) } });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details).toEqual([{ path: 'csvColumnMapping', message: expect.stringMatching(/^A column mapping has at most 500 columns \(this one has 501\)/) }]);
    const enough = await ctx.call(manager, { method: 'PUT', url: '/api/integration', payload: { provider: 'csv', csvColumnMapping: mapping(500) } });
    expect(enough.statusCode, enough.body).toBe(200);
    await ctx.call(manager, { method: 'PUT', url: '/api/integration', payload: { provider: 'csv', csvColumnMapping: {} } });

    const headerLine = Array.from({ length: 600 }, (_, i) => `c${i}`).join(',');
    const suggested = await ctx.call(manager, { method: 'POST', url: '/api/integration/csv-columns', payload: { headerLine } });
    expect(suggested.statusCode).toBe(400);
    expect(suggested.json().error.details).toEqual([{ path: 'headerLine', message: expect.stringMatching(/^The header row has 600 columns; a rent roll has at most 500/) }]);
  });

  it('pages the sync history with limit and cursor, newest first, runs of the same instant included once each', async () => {
    const at = new Date('2020-01-01T00:00:00.123Z');
    await ctx.database.db
      .insertInto('sync_runs')
      .values(Array.from({ length: 7 }, (_, i) => ({ company_id: companyId, trigger: 'upload' as const, format: 'csv' as const, source_name: `old-${i}.csv`, status: 'succeeded' as const, created_at: at, finished_at: at })))
      .execute();
    const all = (await ctx.call(manager, { method: 'GET', url: '/api/sync-runs' })).json();
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/sync-runs?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await ctx.call(manager, { method: 'GET', url });
      expect(page.statusCode, page.body).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((run: { id: string }) => run.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(all.items.map((run: { id: string }) => run.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(seen.length / 3));

    expect((await ctx.call(manager, { method: 'GET', url: '/api/sync-runs?limit=101' })).statusCode).toBe(400);
    expect((await ctx.call(manager, { method: 'GET', url: '/api/sync-runs?cursor=not-a-run' })).statusCode).toBe(400);
    // Another company's landlord cannot page through Maple's history with Maple's cursor.
    const birch = await ctx.login('owner@birch.demo');
    expect((await ctx.call(birch, { method: 'GET', url: `/api/sync-runs?cursor=${seen[0]}` })).json()).toEqual({ items: [], nextCursor: null });
  });
});
