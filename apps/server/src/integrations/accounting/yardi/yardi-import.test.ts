import { describe, expect, it } from 'vitest';
import { buildImportResidentTransactionsEnvelope, buildTransactionXml } from './yardi-soap.envelope.ts';
import { readImportAnswer } from './yardi-soap.provider.ts';

const payment = { kind: 'payment' as const, documentNumber: 'P0123', propertyId: 'harbor', customerId: 't0001', paidBy: "Ana O'Neil & co", amountCents: 123_405, date: '2026-12-07', comment: 'RentLedger ACH payment' };

describe('ImportResidentTransactions_Login', () => {
  it('carries the login in WSDL order, then the TransactionXml document with one Payment, every value escaped', () => {
    const envelope = buildImportResidentTransactionsEnvelope({ userName: 'api', password: '<pw>', serverName: 'srv', database: 'db' }, payment);
    expect(envelope).toContain(
      '<ImportResidentTransactions_Login xmlns="http://tempuri.org/YSI.Interfaces.WebServices/ItfResidentTransactions20"><UserName>api</UserName><Password>&lt;pw&gt;</Password><ServerName>srv</ServerName><Database>db</Database><Platform>SQL Server</Platform><InterfaceEntity>RentLedger</InterfaceEntity><InterfaceLicense></InterfaceLicense><TransactionXml><ResidentTransactions',
    );
    expect(buildTransactionXml(payment)).toBe(
      '<ResidentTransactions xmlns=""><Property><RT_Customer><RTServiceTransactions><Transactions><Payment Type="Other"><Detail><DocumentNumber>P0123</DocumentNumber><TransactionDate>2026-12-07</TransactionDate><CustomerID>t0001</CustomerID><PaidBy>Ana O&apos;Neil &amp; co</PaidBy><Amount>1234.05</Amount><Comment>RentLedger ACH payment</Comment><PropertyPrimaryID>harbor</PropertyPrimaryID></Detail></Payment></Transactions></RTServiceTransactions></RT_Customer></Property></ResidentTransactions>',
    );
  });

  it('names the original document in a reversal', () => {
    const xml = buildTransactionXml({ ...payment, kind: 'reversal', documentNumber: 'R0123', originalDocumentNumber: 'P0123' });
    expect(xml).toContain('<Payment Type="Reversal"><Detail><DocumentNumber>R0123</DocumentNumber><OriginalDocumentNumber>P0123</OriginalDocumentNumber>');
  });

  it("reads Yardi's messages, also when they come as an escaped string, and a SOAP fault", () => {
    const wrap = (result: string) => `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ImportResidentTransactions_LoginResponse><ImportResidentTransactions_LoginResult>${result}</ImportResidentTransactions_LoginResult></ImportResidentTransactions_LoginResponse></soap:Body></soap:Envelope>`;
    expect(readImportAnswer(wrap('<Messages><Message messageType="Error">Invalid CustomerID</Message></Messages>'))).toEqual({ fault: null, messages: [{ type: 'Error', text: 'Invalid CustomerID' }] });
    expect(readImportAnswer(wrap('&lt;Messages&gt;&lt;Message messageType="FYI"&gt;1 receipt imported&lt;/Message&gt;&lt;/Messages&gt;')).messages).toEqual([{ type: 'FYI', text: '1 receipt imported' }]);
    expect(readImportAnswer('<soap:Envelope xmlns:soap="x"><soap:Body><soap:Fault><faultstring>License expired</faultstring></soap:Fault></soap:Body></soap:Envelope>').fault).toBe('License expired');
    expect(readImportAnswer('not xml <<').fault).toBe('an answer that is not XML');
  });
});
