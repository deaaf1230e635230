import { describe, expect, it } from 'vitest';
import { MAX_CSV_COLUMNS, normaliseHeader, planColumns, splitFullName, splitHeaderLine, suggestMapping, TooManyColumnsError, UnknownFieldError } from './csv-columns.ts';

describe('normaliseHeader', () => {
  it('ignores case, spaces, underscores, hyphens and punctuation', () => {
    for (const header of ['Resident ID', 'resident-id', 'RESIDENTID', 'resident_id', ' Resident  Id ']) {
      expect(normaliseHeader(header)).toBe('residentid');
    }
    expect(normaliseHeader('Unit #')).toBe('unitnumber');
  });
});

describe('suggestMapping', () => {
  it('recognises our own column names', () => {
    const headers = ['Property Code', 'Unit', 'Resident ID', 'First Name', 'Last Name', 'Lease Start', 'Lease End', 'Rent', 'Balance', 'Status'];
    const { mapping, unmatched, missingRequired } = suggestMapping(headers);
    expect(mapping).toMatchObject({ 'Property Code': 'property_code', 'Resident ID': 'resident_id', 'Lease Start': 'lease_start', Rent: 'rent' });
    expect(unmatched).toEqual([]);
    expect(missingRequired).toEqual([]);
  });

  it('recognises a Yardi-style export, leaving market rent and move-in alone', () => {
    const headers = ['Property', 'Unit Number', 'Tenant Code', 'Tenant', 'Tenant Status', 'Email Address', 'Cell Phone', 'Home Phone', 'Move In', 'Lease From', 'Lease To', 'Market Rent', 'Current Rent', 'Amount Owed', 'ZIP Code'];
    const { mapping, unmatched, missingRequired } = suggestMapping(headers);
    expect(mapping).toEqual({
      Property: 'property_code',
      'Unit Number': 'unit',
      'Tenant Code': 'resident_id',
      Tenant: 'full_name',
      'Tenant Status': 'status',
      'Email Address': 'email',
      'Cell Phone': 'phone',
      'Home Phone': 'phone',
      'Lease From': 'lease_start',
      'Lease To': 'lease_end',
      'Current Rent': 'rent',
      'Amount Owed': 'balance',
      'ZIP Code': 'postal_code',
    });
    expect(unmatched).toEqual(['Move In', 'Market Rent']);
    expect(missingRequired).toEqual([]);
  });

  it('uses Move In for the lease start when nothing better exists', () => {
    expect(suggestMapping(['Tenant ID', 'Property', 'Tenant', 'Move In', 'Lease Expiration']).mapping).toMatchObject({ 'Move In': 'lease_start', 'Lease Expiration': 'lease_end' });
  });

  it('reads "Property" as the name when a property code column exists', () => {
    expect(suggestMapping(['Property', 'Property Code', 'Tenant ID', 'Tenant']).mapping).toMatchObject({ Property: 'property_name', 'Property Code': 'property_code' });
  });

  it('names the required columns that are missing, not the unit', () => {
    expect(suggestMapping(['Unit', 'First Name', 'Rent']).missingRequired).toEqual(['resident_id', 'property_code', 'last_name']);
    expect(suggestMapping(['Tenant Code', 'Property', 'Name']).missingRequired).toEqual([]);
  });

  it('does not trip over header texts that are Object property names', () => {
    expect(suggestMapping(['constructor', '__proto__', 'toString']).unmatched).toEqual(['constructor', '__proto__', 'toString']);
  });
});

describe('planColumns with a saved mapping', () => {
  it('applies the saved mapping first, then recognises the rest', () => {
    const plan = planColumns(['Acct', 'Bldg', 'Given', 'Family', 'Rent', 'Notes'], { acct: 'resident_id', BLDG: 'property_code', Given: 'first_name', Family: 'last_name', Notes: '' });
    expect(plan.columns).toEqual(['resident_id', 'property_code', 'first_name', 'last_name', 'rent', null]);
    expect(plan.missingRequired).toEqual([]);
  });

  it('refuses a mapping to a field that does not exist', () => {
    expect(() => planColumns(['Acct'], { Acct: 'tenant_code' })).toThrow(UnknownFieldError);
  });
});

describe('splitFullName', () => {
  it('splits "Last, First" and "First Last"', () => {
    expect(splitFullName('Quill, Avery')).toEqual({ firstName: 'Avery', lastName: 'Quill' });
    expect(splitFullName('Mary Ann  Ortiz')).toEqual({ firstName: 'Mary Ann', lastName: 'Ortiz' });
    expect(splitFullName('Theo Vance Jr.')).toEqual({ firstName: 'Theo', lastName: 'Vance Jr.' });
    expect(splitFullName('Cher')).toEqual({ firstName: '', lastName: 'Cher' });
  });
});

describe('splitHeaderLine', () => {
  it('splits a header line the way the import reads it', () => {
    expect(splitHeaderLine('\uFEFFProperty;"Tenant; Code";Unit\r\nMAPLE;t1;101')).toEqual(['Property', 'Tenant; Code', 'Unit']);
    expect(splitHeaderLine('"Name, full", Unit ,Rent')).toEqual(['Name, full', 'Unit', 'Rent']);
    expect(splitHeaderLine('')).toEqual([]);
  });
});

describe('the column cap', () => {
  it('plans a header of MAX_CSV_COLUMNS columns and refuses one more, naming the count', () => {
    const header = (n: number) => ['resident_id', 'property_code', 'first_name', 'last_name', ...Array.from({ length: n - 4 }, (_, i) => `extra ${i}`)];
    expect(planColumns(header(MAX_CSV_COLUMNS)).columns).toHaveLength(MAX_CSV_COLUMNS);
    expect(() => planColumns(header(MAX_CSV_COLUMNS + 1))).toThrow(TooManyColumnsError);
    expect(() => suggestMapping(header(100_000))).toThrow('The header row has 100,000 columns; a rent roll has at most 500.');
  });
});
