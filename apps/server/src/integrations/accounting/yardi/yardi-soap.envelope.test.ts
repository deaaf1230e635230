import { describe, expect, it } from 'vitest';
import { SourceError } from '../accounting-provider.ts';
import { buildGetResidentTransactionsEnvelope, escapeXml } from './yardi-soap.envelope.ts';

describe('buildGetResidentTransactionsEnvelope', () => {
  it('writes the parameters in the order of the WSDL, each value escaped', () => {
    const envelope = buildGetResidentTransactionsEnvelope({ userName: 'api&co', password: '<pw>', serverName: 'srv', database: 'db' }, "o'hare");
    expect(envelope).toContain(
      '<GetResidentTransactions_Login xmlns="http://tempuri.org/YSI.Interfaces.WebServices/ItfResidentTransactions20">' +
        '<UserName>api&amp;co</UserName><Password>&lt;pw&gt;</Password><ServerName>srv</ServerName><Database>db</Database>' +
        '<Platform>SQL Server</Platform><YardiPropertyId>o&apos;hare</YardiPropertyId><InterfaceEntity>RentLedger</InterfaceEntity>' +
        '<InterfaceLicense></InterfaceLicense></GetResidentTransactions_Login>',
    );
    expect(envelope.startsWith('<?xml version="1.0" encoding="utf-8"?><soap:Envelope ')).toBe(true);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and refuses characters XML cannot carry', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(() => escapeXml('pass\u0001word')).toThrow(SourceError);
    expect(escapeXml('tab\tnew\nline é')).toBe('tab\tnew\nline é');
  });
});
