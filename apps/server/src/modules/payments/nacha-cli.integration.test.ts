import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseOrThrow, validate } from '@rentledger/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { insertPayer, MAPLE_BANK } from '../../test/payment-fixtures.ts';
import { bankReturnFile } from '../../test/return-files.ts';
import { runCli } from '../../test/server-process.ts';
import { createTestApp, type Session, TEST_SECRET_KEY, type TestContext } from '../../test/test-app.ts';

/** `npm run cli -- nacha`: the same bytes the landlord downloads, and the day's file again when nothing is new. */
describe('the nacha command', () => {
  let ctx: TestContext;
  let manager: Session;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ctx = await createTestApp();
    await importDemoRentRoll(ctx.services);
    manager = await ctx.login('manager@maple.demo');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rentledger-nacha-'));
    env = { DATABASE_URL: ctx.database.url, DATA_DIR: dir, SECRET_KEY: TEST_SECRET_KEY };
  });
  afterAll(async () => {
    await ctx.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('makes the file of what is due and writes it; run again, it writes the same bytes and makes no new file', { timeout: 120_000 }, async () => {
    expect((await ctx.call(manager, { method: 'PUT', url: '/api/payment-settings', payload: MAPLE_BANK })).statusCode).toBe(200);
    await insertPayer(ctx.database.db, manager.companyId ?? '');
    const out = path.join(dir, 'maple.ach');
    const first = await runCli(['nacha', '--company', 'maple', '--out', out], env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Made Maple Property Management's file for \d{4}-\d{2}-\d{2} \(modifier A, effective .*\): 1 payments/);
    const bytes = await fs.readFile(out, 'utf8');
    expect(validate(parseOrThrow(bytes))).toEqual([]);
    const [file] = (await ctx.call(manager, { method: 'GET', url: '/api/ach-files' })).json().items;
    expect((await ctx.call(manager, { method: 'GET', url: `/api/ach-files/${file.id}/download` })).body).toBe(bytes);

    const again = await runCli(['nacha', '--company', 'maple', '--out', path.join(dir, 'again.ach')], env);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/Wrote again/);
    expect(await fs.readFile(path.join(dir, 'again.ach'), 'utf8')).toBe(bytes);
    expect((await ctx.call(manager, { method: 'GET', url: '/api/ach-files' })).json().items).toHaveLength(1);
  });

  it('returns: reads the bank’s return file once; read again, it changes nothing', { timeout: 120_000 }, async () => {
    const payment = await ctx.database.db.selectFrom('payments').select(['trace_number', 'amount_cents']).where('trace_number', 'is not', null).executeTakeFirstOrThrow();
    const file = path.join(dir, 'returns.ach');
    await fs.writeFile(file, bankReturnFile([{ kind: 'return', code: 'R02', originalTrace: payment.trace_number ?? '', amountCents: payment.amount_cents }]));
    const first = await runCli(['returns', '--company', 'maple', '--file', file], env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Read returns\.ach for Maple Property Management: 1 returns \(0 presented again\), 0 NOCs, 0 matching nothing/);
    const again = await runCli(['returns', '--company', 'maple', '--file', file], env);
    expect(again.output).toMatch(/was read before for Maple Property Management: nothing changed/);
    expect((await ctx.database.db.selectFrom('payments').select('status').where('trace_number', '=', payment.trace_number).executeTakeFirstOrThrow()).status).toBe('returned');
  });

  it('names what is wrong with its arguments', { timeout: 60_000 }, async () => {
    const unknown = await runCli(['nacha', '--company', 'nope', '--out', path.join(dir, 'x.ach')], env);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toMatch(/--company: no company with slug "nope"/);
    const badDate = await runCli(['nacha', '--company', 'maple', '--date', '12/08/2026', '--out', path.join(dir, 'x.ach')], env);
    expect(badDate.output).toMatch(/--date: a date as YYYY-MM-DD/);
    const birch = await runCli(['nacha', '--company', 'birch', '--out', path.join(dir, 'x.ach')], env);
    expect(birch.code).toBe(1);
    expect(birch.output).toMatch(/no bank settings/);
  });
});
