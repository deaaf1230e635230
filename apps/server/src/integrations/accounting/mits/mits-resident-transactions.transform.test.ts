import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceError, type AccountingRow } from '../accounting-provider.ts';
import { createResidentTransactionsTransform, transformResidentTransactions } from './mits-resident-transactions.transform.ts';
import { findSoapFault } from './mits-xml.reader.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

function transform(xml: string, firstRow?: number) {
  const result = transformResidentTransactions(xml, { firstRow });
  const rows = result.items.flatMap((item) => (item.kind === 'row' ? [item.row] : []));
  const errors = result.items.flatMap((item) => (item.kind === 'error' ? [item.error] : []));
  return { ...result, rows, errors };
}

function sourceErrorOf(run: () => unknown): SourceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error('expected a SourceError');
}

const byId = (rows: AccountingRow[], id: string) => rows.find((row) => row.residentId === id);

describe('transformResidentTransactions on a realistic file', () => {
  const result = transform(fixture('resident-transactions.xml'));

  it('turns every resident into a row, skipping applicants and their roommates', () => {
    expect(result.rows.map((row) => [row.row, row.residentId, row.status])).toEqual([
      [1, 't0101001', 'current'],
      [2, 'r0000501', 'current'],
      [3, 't0101002', 'current'],
      [4, 't0101003', 'future'],
      [5, 't0101004', 'past'],
      [6, 't0101005', 'notice'],
      [7, 'r0000502', 'notice'],
      [8, 'r0000503', 'past'],
      [11, 't0202001', 'current'],
      [12, 't0202002', 'current'],
      [13, 'r0000601', 'current'],
      [14, 'r0000602', 'current'],
      [15, 't0202003', 'future'],
    ]);
    expect(result.residentCount).toBe(14);
    expect(result.nextRow).toBe(17);
  });

  it('reads the property, unit, names, contacts, lease and open balance', () => {
    expect(result.rows[0]).toEqual({
      row: 1,
      propertyCode: 'oaks',
      propertyName: 'Oak Hollow Apartments',
      street: '200 Oak Hollow Dr',
      city: 'Austin',
      state: 'TX',
      postalCode: '78701',
      unitCode: '101',
      residentId: 't0101001',
      firstName: 'Alma',
      lastName: 'Brightwater',
      emails: ['alma.brightwater@example.com'],
      phones: ['512-555-0141'],
      leaseStart: '2025-02-01',
      leaseEnd: '2026-01-31',
      rentCents: 145000,
      balanceCents: 152500,
      status: 'current',
      doNotAcceptPayments: false,
    });
  });

  it('gives roommates their own ID and contacts, and the household lease and balance', () => {
    expect(byId(result.rows, 'r0000501')).toMatchObject({
      unitCode: '101',
      firstName: 'Bram',
      emails: ['bram.brightwater@example.com'],
      leaseStart: '2025-02-01',
      leaseEnd: '2026-01-31',
      rentCents: 145000,
      balanceCents: 152500,
    });
    expect(byId(result.rows, 'r0000502')).toMatchObject({ emails: [], phones: ['512-555-0177', '512-555-0178'], unitCode: '105' });
    expect(byId(result.rows, 'r0000602')).toMatchObject({ emails: [], unitCode: '2B', rentCents: 210000 });
  });

  it('reads credits, cleared charges and households without transactions', () => {
    expect(byId(result.rows, 't0101002')?.balanceCents).toBe(-20000);
    expect(byId(result.rows, 't0202001')?.balanceCents).toBe(90000);
    expect(byId(result.rows, 't0101005')?.balanceCents).toBe(0);
    expect(byId(result.rows, 't0101003')).toMatchObject({ balanceCents: 0, rentCents: 150000 });
  });

  it('blocks payments for PaymentAccepted 1 (do not accept) and 2 (certified funds only)', () => {
    expect(byId(result.rows, 't0101001')?.doNotAcceptPayments).toBe(false);
    expect(byId(result.rows, 't0101002')?.doNotAcceptPayments).toBe(true);
    expect(byId(result.rows, 't0101004')?.doNotAcceptPayments).toBe(true);
  });

  it('keeps a resident without email, resolves XML escapes, and reads 0001-01-01 as no date', () => {
    expect(byId(result.rows, 't0101002')).toMatchObject({ emails: [], lastName: 'Delacroix-Moreau' });
    expect(byId(result.rows, 't0101005')?.lastName).toBe("O'Hara");
    expect(byId(result.rows, 't0202003')).toMatchObject({ leaseStart: '2026-02-01', leaseEnd: null });
  });

  it('names the customer in a row error', () => {
    expect(result.errors).toEqual([{ row: 16, field: 'email', message: 't0202004 Lena Marchetti: "lena(at)example.com" is not an email address' }]);
  });

  it('refuses an overlong value before validating it', () => {
    const xml = fixture('resident-transactions.xml').replace('hugo.ibarra@example.com', `a@${'a.'.repeat(5_000)}@`);
    expect(transform(xml).errors[0]).toEqual({ row: 11, field: 'email', message: 't0202001 Hugo Ibarra: This value is 10003 characters long; the most a field can hold is 1000' });
  });

  it('gives the same items when the document arrives a character at a time', () => {
    for (const name of ['resident-transactions.xml', 'resident-transactions-soap.xml', 'resident-transactions-soap-escaped.xml']) {
      const xml = fixture(name);
      const streamed = createResidentTransactionsTransform();
      const items = [...[...xml].flatMap((character) => streamed.write(character)), ...streamed.close()];
      const whole = transformResidentTransactions(xml);
      expect(items, name).toEqual(whole.items);
      expect([streamed.residentCount, streamed.nextRow], name).toEqual([whole.residentCount, whole.nextRow]);
    }
  });

  it('continues numbering from a given first row', () => {
    expect(transform(fixture('resident-transactions.xml'), 101).rows[0]?.row).toBe(101);
  });
});

describe('transformResidentTransactions on SOAP answers', () => {
  it('reads the document inside a SOAP envelope', () => {
    const { rows, errors } = transform(fixture('resident-transactions-soap.xml'));
    expect(errors).toEqual([]);
    expect(rows.map((row) => [row.propertyCode, row.propertyName, row.unitCode, row.residentId, row.balanceCents])).toEqual([
      ['cedar', 'Cedar & Vine Court', 'C1', 't0303001', 0],
      ['cedar', 'Cedar & Vine Court', 'C2', 't0303002', 60500],
    ]);
  });

  it('reads the same document sent as an escaped string', () => {
    expect(transform(fixture('resident-transactions-soap-escaped.xml')).rows).toEqual(transform(fixture('resident-transactions-soap.xml')).rows);
  });

  it('refuses a SOAP fault with its fault string', () => {
    const fault = soapFault('Invalid Interface Entity');
    expect(sourceErrorOf(() => transformResidentTransactions(fault)).message).toBe('The accounting system answered with a SOAP fault: Invalid Interface Entity');
    expect(findSoapFault(fault)).toBe('Invalid Interface Entity');
    expect(findSoapFault('<html><body>Bad gateway</body></html>')).toBeNull();
    expect(findSoapFault('not xml')).toBeNull();
  });

  it('refuses an answer carrying Yardi error messages instead of residents', () => {
    const answer = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetResidentTransactions_LoginResponse><GetResidentTransactions_LoginResult><Messages><Message messageType="Error">Invalid or no access to property ID zzz</Message></Messages></GetResidentTransactions_LoginResult></GetResidentTransactions_LoginResponse></soap:Body></soap:Envelope>`;
    expect(sourceErrorOf(() => transformResidentTransactions(answer)).message).toBe(
      'The accounting system answered with a message instead of residents: Invalid or no access to property ID zzz',
    );
  });
});

describe('transformResidentTransactions refuses unsafe or unreadable documents', () => {
  it('refuses a DOCTYPE with entities before parsing', () => {
    expect(sourceErrorOf(() => transformResidentTransactions(fixture('resident-transactions-dtd.xml'))).message).toContain('DOCTYPE or entities');
  });

  it('refuses a DOCTYPE hidden in an escaped SOAP payload', () => {
    const inner = '<!DOCTYPE x [<!ENTITY a "b">]><ResidentTransactions/>'.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const answer = `<Envelope><Body><GetResidentTransactions_LoginResponse><GetResidentTransactions_LoginResult>${inner}</GetResidentTransactions_LoginResult></GetResidentTransactions_LoginResponse></Body></Envelope>`;
    expect(sourceErrorOf(() => transformResidentTransactions(answer)).message).toContain('DOCTYPE or entities');
  });

  it("refuses broken XML with the parser's line and column", () => {
    expect(sourceErrorOf(() => transformResidentTransactions(fixture('resident-transactions-broken.xml'))).message).toBe(
      "The XML is broken at line 15, column 26: <MITS:Name> (opened at line 13) is never closed",
    );
  });

  it('refuses a document whose root is not ResidentTransactions', () => {
    expect(sourceErrorOf(() => transformResidentTransactions('<?xml version="1.0"?><UnitInformation><Property/></UnitInformation>')).message).toBe(
      'This is not a MITS ResidentTransactions file: its root element is <UnitInformation>',
    );
  });

  it('refuses a file that is cut short, and a SOAP answer without a result', () => {
    expect(sourceErrorOf(() => transformResidentTransactions('<ResidentTransactions><Property>')).message).toMatch(/^The XML is broken at line 1, column \d+: /);
    expect(sourceErrorOf(() => transformResidentTransactions('<Envelope><Body/></Envelope>')).message).toBe('The SOAP answer holds no ResidentTransactions document');
    expect(sourceErrorOf(() => transformResidentTransactions('<Messages><Message>Interface not licensed</Message></Messages>')).message).toBe(
      'The accounting system answered with a message instead of residents: Interface not licensed',
    );
    expect(sourceErrorOf(() => transformResidentTransactions('<ResidentTransactions>&nbsp;</ResidentTransactions>')).message).toMatch(/^The XML is broken at line 1, column \d+: undefined entity/);
  });

  it('reads a document without properties as no residents', () => {
    expect(transform('<ResidentTransactions xmlns="http://yardi.com/ResidentTransactions20"></ResidentTransactions>').items).toEqual([]);
  });
});

function soapFault(message: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>${message}</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>`;
}
