import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SourceError, type ProviderItem } from '../accounting-provider.ts';
import { GET_RESIDENT_TRANSACTIONS_ACTION } from './yardi-soap.envelope.ts';
import { startFakeYardiServer, type FakeYardiServer } from './yardi-soap.fake-server.ts';
import { createYardiSoapProvider, type YardiSoapSettings } from './yardi-soap.provider.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
// Characters that must be escaped on the way in prove the envelope is built safely.
const PASSWORD = `s3cr<et>&"quoted'`;
const answers = { harbor: fixture('resident-transactions-harbor.xml'), mesa: fixture('resident-transactions-mesa.xml') };

async function readAll(settings: YardiSoapSettings) {
  const items: ProviderItem[] = [];
  let total: number | null = null;
  for await (const item of createYardiSoapProvider(settings).readResidents({ onTotal: (count) => (total = count) })) items.push(item);
  return { items, total, rows: items.flatMap((item) => (item.kind === 'row' ? [item.row] : [])) };
}

async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('Yardi SOAP provider against a fake Yardi', () => {
  let yardi: FakeYardiServer;
  let escapedYardi: FakeYardiServer;
  let settings: YardiSoapSettings;

  beforeAll(async () => {
    yardi = await startFakeYardiServer({ userName: 'rentledger_api', password: PASSWORD, answers, slowMs: 2_000 });
    escapedYardi = await startFakeYardiServer({ userName: 'rentledger_api', password: PASSWORD, answers, payload: 'escaped' });
  });

  afterAll(async () => {
    await yardi.close();
    await escapedYardi.close();
  });

  beforeEach(() => {
    yardi.behaviour = 'answer';
    yardi.requests.length = 0;
    settings = {
      url: yardi.url,
      userName: 'rentledger_api',
      password: PASSWORD,
      serverName: 'afqoml_live',
      database: 'afqoml_live',
      propertyIds: ['harbor', 'mesa'],
      interfaceLicense: 'LICENSE-<1>',
      timeoutMs: 5_000,
    };
  });

  it('imports two properties, one call each, numbering rows across both', async () => {
    const { rows, items, total } = await readAll(settings);
    expect(items.filter((item) => item.kind === 'error')).toEqual([]);
    expect(rows.map((row) => [row.row, row.propertyCode, row.unitCode, row.residentId, row.status, row.balanceCents])).toEqual([
      [1, 'harbor', 'H-12', 't0404001', 'current', 164000],
      [2, 'harbor', 'H-12', 'r0000701', 'current', 164000],
      [3, 'harbor', 'H-14', 't0404002', 'future', 0],
      [4, 'mesa', 'M-2', 't0505001', 'current', -6000],
    ]);
    expect(rows[0]?.propertyName).toBe('Harbor & Main Flats');
    expect(rows[3]).toMatchObject({ doNotAcceptPayments: true, phones: ['520-555-0164'] });
    expect(total).toBe(4);
  });

  it('sends SOAP 1.1 with the action, the escaped credentials and every parameter', async () => {
    await readAll(settings);
    expect(yardi.requests).toHaveLength(2);
    expect(yardi.requests[0]).toEqual({
      soapAction: `"${GET_RESIDENT_TRANSACTIONS_ACTION}"`,
      contentType: 'text/xml; charset=utf-8',
      parameters: {
        UserName: 'rentledger_api',
        Password: PASSWORD,
        ServerName: 'afqoml_live',
        Database: 'afqoml_live',
        Platform: 'SQL Server',
        YardiPropertyId: 'harbor',
        InterfaceEntity: 'RentLedger',
        InterfaceLicense: 'LICENSE-<1>',
      },
    });
    expect(yardi.requests[1]?.parameters.YardiPropertyId).toBe('mesa');
  });

  it('reads an answer whose document comes as an escaped string', async () => {
    const escaped = await readAll({ ...settings, url: escapedYardi.url });
    expect(escaped.rows).toEqual((await readAll(settings)).rows);
  });

  it('refuses a bad password as bad credentials, not worth retrying', async () => {
    const error = await sourceErrorOf(readAll({ ...settings, password: 'wrong' }));
    expect(error.message).toBe('Yardi refused the credentials (HTTP 401); check the user name, password, server and database in the integration settings');
    expect(error.retryable).toBe(false);
  });

  it('reports a 500 with its SOAP fault string, worth retrying', async () => {
    yardi.behaviour = 'fault';
    const error = await sourceErrorOf(readAll(settings));
    expect(error.message).toBe('Yardi answered HTTP 500: Server was unable to process request. ---> Timeout expired while reading the ledger');
    expect(error.retryable).toBe(true);
  });

  it('reports a SOAP fault sent with status 200', async () => {
    yardi.behaviour = 'fault-in-200';
    const error = await sourceErrorOf(readAll(settings));
    expect(error.message).toBe('Yardi property harbor: The accounting system answered with a SOAP fault: Interface license is not valid for this entity');
  });

  it('gives up on a slow answer after timeoutMs, worth retrying', async () => {
    yardi.behaviour = 'slow';
    const started = Date.now();
    const error = await sourceErrorOf(readAll({ ...settings, timeoutMs: 300 }));
    expect(error.message).toBe('Yardi did not answer within 0.3 s (property harbor)');
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('names a property Yardi does not know', async () => {
    const error = await sourceErrorOf(readAll({ ...settings, propertyIds: ['harbor', 'nowhere'] }));
    expect(error.message).toBe('Yardi property nowhere: The accounting system answered with a message instead of residents: Invalid or no access to Yardi property nowhere');
  });

  it('reports a server that cannot be reached as worth retrying', async () => {
    const closed = await startFakeYardiServer({ userName: 'x', password: 'y', answers: {} });
    await closed.close();
    const error = await sourceErrorOf(readAll({ ...settings, url: closed.url }));
    expect(error.message).toMatch(/^Could not reach Yardi at 127\.0\.0\.1:\d+: /);
    expect(error.retryable).toBe(true);
  });

  it('refuses a plain-http URL outside this machine before sending the password', async () => {
    const error = await sourceErrorOf(readAll({ ...settings, url: 'http://yardi.example.com/webservices/itfresidenttransactions20.asmx' }));
    expect(error.message).toContain('must start with https://');
    expect(yardi.requests).toEqual([]);
  });
});
