import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AccountingRow, ProviderItem, RowError } from '../accounting-provider.ts';
import { leasesByTenant, tenantStatus, transformBuildium, type BuildiumSnapshot } from './buildium.transform.ts';

const fixture = (name: string): BuildiumSnapshot => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as BuildiumSnapshot;

const rowsOf = (items: ProviderItem[]): AccountingRow[] => items.flatMap((item) => (item.kind === 'row' ? [item.row] : []));
const errorsOf = (items: ProviderItem[]): RowError[] => items.flatMap((item) => (item.kind === 'error' ? [item.error] : []));

describe('transformBuildium on a portfolio', () => {
  const { total, items } = transformBuildium(fixture('portfolio.json'));
  const rows = rowsOf(items);
  const byId = (id: string): AccountingRow => {
    const row = rows.find((candidate) => candidate.residentId === id);
    if (!row) throw new Error(`no row for tenant ${id}`);
    return row;
  };

  it('counts one row per tenant, keeping a tenant who changed units once', () => {
    expect(total).toBe(10);
    expect(rows.map((row) => row.residentId)).toEqual(['401', '402', '403', '404', '405', '406', '407', '408', '410']);
  });

  it('makes roommates separate residents who share the lease balance', () => {
    expect(byId('401')).toEqual({
      row: 1,
      propertyCode: '101',
      propertyName: 'Maple Court',
      street: '12 Maple St',
      city: 'Columbus',
      state: 'OH',
      postalCode: '43215',
      unitCode: '1A',
      residentId: '401',
      firstName: 'Priya',
      lastName: 'Raman',
      emails: ['priya.raman@example.test', 'priya@home.example.test'],
      phones: ['614-555-0102', '614-555-0101'],
      leaseStart: '2026-01-01',
      leaseEnd: '2026-12-31',
      rentCents: 125010,
      balanceCents: 30000,
      status: 'current',
      doNotAcceptPayments: false,
    } satisfies AccountingRow);
    expect(byId('402')).toMatchObject({ row: 2, unitCode: '1A', balanceCents: 30000, rentCents: 125010, phones: ['614-555-0201', '614-555-0202'] });
  });

  it('maps notice, future and past, ending a leaver at the move-out date', () => {
    expect(byId('403')).toMatchObject({ status: 'notice', leaseEnd: '2026-07-31', balanceCents: 0, phones: [] });
    expect(byId('404')).toMatchObject({ status: 'future', leaseStart: '2026-09-01', rentCents: 140000 });
    expect(byId('405')).toMatchObject({ status: 'past', balanceCents: 7525, state: 'OH', postalCode: '45402-1234' });
    expect(byId('407')).toMatchObject({ status: 'past', leaseEnd: '2026-03-15', unitCode: '4' });
  });

  it('keeps a tenant without email, with a credit balance and a month-to-month lease', () => {
    expect(byId('406')).toMatchObject({ emails: [], phones: ['937-555-0406'], unitCode: '4', leaseEnd: null, rentCents: 87500, balanceCents: -2000, status: 'current' });
  });

  it('follows the tenant to their active lease and reads tenants listed only as current tenants', () => {
    expect(byId('408')).toMatchObject({ row: 8, unitCode: '3', propertyCode: '102', leaseStart: '2025-03-01', status: 'current' });
    expect(byId('410')).toMatchObject({ firstName: 'Omar', emails: ['omar.haddad@example.test'], phones: ['614-555-0410'] });
  });

  it('reports a lease tenant missing from the tenant list', () => {
    expect(errorsOf(items)).toEqual([{ row: 10, field: 'resident_id', message: 'Tenant 411 of lease 309 is not in Buildium\'s tenant list' }]);
  });
});

describe('transformBuildium on bad records', () => {
  const { total, items } = transformBuildium(fixture('bad-records.json'));
  const fieldsOfRow = (row: number) => errorsOf(items).filter((error) => error.row === row).map((error) => error.field);

  it('names the bad fields of each tenant row', () => {
    expect(total).toBe(7);
    expect(fieldsOfRow(1)).toEqual(['lease_start', 'balance']);
    expect(fieldsOfRow(2)).toEqual(['rent']);
    expect(errorsOf(items).find((error) => error.row === 2)?.message).toBe('Rent cannot be negative');
    expect(fieldsOfRow(3)).toEqual(['lease_end']);
    expect(fieldsOfRow(4)).toEqual(['status']);
    expect(fieldsOfRow(5)).toEqual(['status', 'email']);
  });

  it('keeps the first of a tenant listed twice and reports the second', () => {
    expect(rowsOf(items).map((row) => [row.row, row.residentId])).toEqual([[6, '906']]);
    expect(errorsOf(items).find((error) => error.row === 7)).toEqual({ row: 7, field: 'resident_id', message: 'Resident ID 906 already appears on row 6' });
  });
});

describe('tenantStatus and leasesByTenant', () => {
  it('uses the lease-level notice flag only when the lease has no move-out data', () => {
    const lease = { Id: 1, LeaseStatus: 'Active', Tenants: [{ Id: 7, Status: 'Current' }] };
    expect(tenantStatus(lease, { Id: 7, Status: 'Current' }, true)).toBe('notice');
    expect(tenantStatus({ ...lease, MoveOutData: [{ TenantId: 8, NoticeGivenDate: '2026-01-01' }] }, { Id: 7, Status: 'Current' }, true)).toBe('current');
    expect(tenantStatus({ ...lease, LeaseStatus: 'Future' }, { Id: 7, Status: 'Current' })).toBe('future');
  });

  it('prefers a live lease, then the latest start', () => {
    const leases = [
      { Id: 1, LeaseStatus: 'Past', LeaseFromDate: '2026-01-01', Tenants: [{ Id: 7, Status: 'MovedOut' }] },
      { Id: 2, LeaseStatus: 'Future', LeaseFromDate: '2027-01-01', Tenants: [{ Id: 7, Status: 'Future' }] },
      { Id: 3, LeaseStatus: 'Active', LeaseFromDate: '2024-01-01', Tenants: [{ Id: 7, Status: 'Current' }] },
      { Id: 4, LeaseStatus: 'Past', LeaseFromDate: '2025-01-01', Tenants: [{ Id: 8, Status: 'MovedOut' }] },
      { Id: 5, LeaseStatus: 'Past', LeaseFromDate: '2025-06-01T00:00:00', Tenants: [{ Id: 8, Status: 'MovedOut' }] },
    ];
    const chosen = leasesByTenant(leases);
    expect(chosen.get(7)?.Id).toBe(3);
    expect(chosen.get(8)?.Id).toBe(5);
  });
});
