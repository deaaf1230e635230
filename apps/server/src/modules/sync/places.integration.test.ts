import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFromBuffer } from '../../lib/upload.ts';
import { RENT_ROLL_HEADER } from '../../test/rent-roll-generator.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

/** Birch Rentals (no accounting connection) has Birch Street Flats, code BSF, units 1-8, at 310 Birch Street, Austin TX 78704. */
const BSF = 'Birch Street Flats,310 Birch Street,Austin,TX,78704';

function ledger(property: string, unit: string, residentId: string, name = 'Casey Doe') {
  const [first, last] = name.split(' ');
  return `${property},${unit},${residentId},${first},${last},,512-555-0100,2026-01-01,2026-12-31,1000.00,0.00,current,no`;
}

describe('imports never invent or duplicate places', () => {
  let ctx: TestContext;
  let birch: Session;

  beforeAll(async () => {
    ctx = await createTestApp();
    birch = await ctx.login('owner@birch.demo');
  });
  afterAll(async () => {
    await ctx.close();
  });

  async function importRows(session: Session, lines: string[]) {
    const upload = uploadFromBuffer(Buffer.from([RENT_ROLL_HEADER, ...lines].join('\n')));
    const runId = await ctx.services.syncService.startAndRun(session.userId, session.companyId ?? '', { trigger: 'upload', format: 'csv', sourceName: 'rent-roll.csv', upload });
    const run = (await ctx.call(session, { method: 'GET', url: `/api/sync-runs/${runId}` })).json();
    expect(run.status, run.message).toBe('succeeded');
    return run;
  }

  const propertiesOf = async (companyId: string) =>
    ctx.database.db.selectFrom('properties').select(['id', 'name', 'accounting_code', 'street']).where('company_id', '=', companyId).orderBy('created_at').execute();

  const setCreate = async (value: boolean) => {
    const response = await ctx.call(birch, { method: 'PUT', url: '/api/integration', payload: { provider: 'none', createPropertiesFromAccounting: value } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('shows the setting, off by default for a company without an API connection, and audits a change', async () => {
    const settings = (await ctx.call(birch, { method: 'GET', url: '/api/integration' })).json();
    expect(settings).toMatchObject({ provider: 'none', createPropertiesFromAccounting: false, createPropertiesFromAccountingIsDefault: true });
    const maple = (await ctx.call(await ctx.login('manager@maple.demo'), { method: 'GET', url: '/api/integration' })).json();
    // The demo's Maple chose to let its accounting system's export create properties.
    expect(maple).toMatchObject({ createPropertiesFromAccounting: true, createPropertiesFromAccountingIsDefault: false });

    expect(await setCreate(true)).toMatchObject({ createPropertiesFromAccounting: true, createPropertiesFromAccountingIsDefault: false });
    const event = await ctx.database.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('action', '=', 'integration.updated')
      .where('company_id', '=', birch.companyId)
      .orderBy('occurred_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ before: { createPropertiesFromAccounting: null }, after: { createPropertiesFromAccounting: true } });
    await setCreate(false);
  });

  it('matches a property code ignoring case and spaces, never making a second property', async () => {
    const before = await propertiesOf(birch.companyId ?? '');
    const run = await importRows(birch, [ledger(`bsf,${BSF}`, '1', 'b-case-1'), ledger(` Bsf ,${BSF}`, '2', 'b-case-2')]);
    expect(run.counts).toMatchObject({ created: 2, errors: 0, problems: 0, propertiesCreated: 0, unitsCreated: 0 });
    expect(await propertiesOf(birch.companyId ?? '')).toEqual(before);
    const residents = await ctx.database.db.selectFrom('residents').select(['property_id']).where('accounting_resident_id', 'in', ['b-case-1', 'b-case-2']).execute();
    expect(residents.map((r) => r.property_id)).toEqual([before[0]?.id, before[0]?.id]);
  });

  it('refuses a new code when the setting is off, naming the setting', async () => {
    const run = await importRows(birch, [ledger('ZZ99,Zed Place,1 Zed Road,Austin,TX,78701', '1', 'b-zz-1')]);
    expect(run.counts).toMatchObject({ created: 0, errors: 1, problems: 1, propertiesCreated: 0 });
    expect(run.errors).toEqual([
      {
        row: 2,
        field: 'property_code',
        message: 'Unknown property code ZZ99: add the property in RentLedger (Properties), or turn on "Create properties from the accounting system" on the Accounting page',
      },
    ]);
    expect((await propertiesOf(birch.companyId ?? '')).map((p) => p.accounting_code)).toEqual(['BSF']);
  });

  it('refuses a new code at the address of an existing property, naming it, whatever the setting', async () => {
    await setCreate(true);
    // The same building written another way: "St." for "Street", other case, ZIP+4.
    const run = await importRows(birch, [ledger('BSF2,Birch Flats,310 birch st.,Austin,TX,78704-1234', '3', 'b-twin-1')]);
    expect(run.errors).toEqual([
      {
        row: 2,
        field: 'property_code',
        message:
          "Property code BSF2 is new, but 310 birch st., Austin, TX 78704-1234 is the address of Birch Street Flats (property code BSF): give these rows that property's code in the accounting system, or change the property's code in RentLedger",
      },
    ]);
    expect((await propertiesOf(birch.companyId ?? '')).map((p) => p.accounting_code)).toEqual(['BSF']);
    await setCreate(false);
  });

  it('creates new properties and units when the setting is on, lists them on the run, and refuses a second code at a new address', async () => {
    await setCreate(true);
    const run = await importRows(birch, [
      ledger('OAK1,Oak Flats,5 Oak Lane,Austin,TX,78702', 'A', 'b-oak-1'),
      ledger('OAK1,Oak Flats,5 Oak Lane,Austin,TX,78702', 'B', 'b-oak-2'),
      ledger('OAK2,Oak Flats Again,5 Oak Ln,Austin,TX,78702', 'C', 'b-oak-3'),
      ledger(`BSF,${BSF}`, '9', 'b-new-unit'),
    ]);
    expect(run.counts).toMatchObject({ created: 3, errors: 1, problems: 1, propertiesCreated: 1, unitsCreated: 3 });
    expect(run.errors[0]).toMatchObject({ row: 4, field: 'property_code', message: expect.stringContaining('is the address of Oak Flats (property code OAK1, created by this import)') });
    expect(run.createdPlaces.properties).toEqual([{ id: expect.any(String), code: 'OAK1', name: 'Oak Flats', address: '5 Oak Lane, Austin, TX 78702' }]);
    expect(run.createdPlaces.units.map((u: { propertyName: string; label: string; namedByAddress: boolean }) => [u.propertyName, u.label, u.namedByAddress]).sort()).toEqual([
      ['Birch Street Flats', '9', false],
      ['Oak Flats', 'A', false],
      ['Oak Flats', 'B', false],
    ]);
    expect(run.message).toBe('1 of 4 rows could not be imported (1 problem); the others were applied. Created 1 property and 3 units.');
    const audit = await ctx.database.db.selectFrom('audit_events').select(['action', 'entity_type']).where('action', 'in', ['property.created', 'unit.created']).where('company_id', '=', birch.companyId).execute();
    expect(audit.filter((e) => e.action === 'property.created')).toEqual([{ action: 'property.created', entity_type: 'property' }]);
    expect(audit.filter((e) => e.action === 'unit.created')).toHaveLength(3);
    await setCreate(false);
  });

  it('refuses an unknown unit when the setting is off, and a row without a unit for a property with units', async () => {
    const run = await importRows(birch, [ledger(`BSF,${BSF}`, '77', 'b-unit-77'), ledger(`BSF,${BSF}`, '', 'b-no-unit')]);
    expect(run.counts).toMatchObject({ created: 0, errors: 2, problems: 2, unitsCreated: 0 });
    expect(run.errors).toEqual([
      { row: 2, field: 'unit', message: 'Unknown unit 77 at Birch Street Flats: add the unit in RentLedger (Properties), or turn on "Create properties from the accounting system" on the Accounting page' },
      { row: 3, field: 'unit', message: 'No unit given, and Birch Street Flats has units: give the row its unit' },
    ]);
  });

  it('gives a single-family property without units one unit named by its address, once, and says so', async () => {
    await setCreate(true);
    const first = await importRows(birch, [ledger('HOME1,Cedar House,42 Cedar Court,Austin,TX,78703', '', 'b-home-1', 'Ana Home')]);
    expect(first.counts).toMatchObject({ created: 1, errors: 0, propertiesCreated: 1, unitsCreated: 1 });
    expect(first.createdPlaces.units).toEqual([{ id: expect.any(String), propertyId: first.createdPlaces.properties[0].id, propertyName: 'Cedar House', label: '42 Cedar Court', namedByAddress: true }]);
    const resident = await ctx.database.db.selectFrom('residents').select(['unit_id']).where('accounting_resident_id', '=', 'b-home-1').executeTakeFirstOrThrow();
    expect(resident.unit_id).toBe(first.createdPlaces.units[0].id);
    await setCreate(false);

    // The next import finds that unit, with the setting off too; a second household without a unit joins it.
    const again = await importRows(birch, [ledger('home1,Cedar House,42 Cedar Court,Austin,TX,78703', '', 'b-home-2', 'Ben Home')]);
    expect(again.counts).toMatchObject({ created: 1, errors: 0, propertiesCreated: 0, unitsCreated: 0 });
    const units = await ctx.database.db.selectFrom('units').select('id').where('property_id', '=', first.createdPlaces.properties[0].id).execute();
    expect(units).toHaveLength(1);
  });

  it('counts rows in error and problems apart, so a row with two problems is one row and two problems', async () => {
    const run = await importRows(birch, [
      `BSF,${BSF},4,b-bad-1,Dana,Bad,not-an-email,512-555-0100,2026-13-45,2026-12-31,abc,0.00,current,no`,
      ledger(`BSF,${BSF}`, '5', 'b-good-1'),
    ]);
    expect(run.counts.errors).toBe(1);
    expect(run.counts.problems).toBeGreaterThanOrEqual(2);
    expect(run.errors).toHaveLength(run.counts.problems);
    expect(new Set(run.errors.map((e: { row: number }) => e.row))).toEqual(new Set([2]));
    expect(run.message).toBe(`1 of 2 rows could not be imported (${run.counts.problems} problems); the others were applied.`);
  });
});
