import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoRentRoll } from '../../demo/demo-data.ts';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

type Event = { action: string; actionName: string; entityType: string; entityId: string | null; entityName: string | null; entityDeleted: boolean; companyName: string | null };

describe('the audit log names its records', () => {
  let ctx: TestContext;
  let support: Session;
  let birch: Session;

  beforeAll(async () => {
    ctx = await createTestApp();
    [support, birch] = await Promise.all([ctx.login('support@rentledger.demo'), ctx.login('owner@birch.demo')]);
  });
  afterAll(() => ctx.close());

  async function events(query: string): Promise<Event[]> {
    const response = await ctx.call(support, { method: 'GET', url: `/api/audit-events?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  }

  async function inviteAtBirch(firstName: string, email: string) {
    const property = (await ctx.call(birch, { method: 'GET', url: '/api/properties' })).json().items[0];
    const unit = property.units[0];
    const invite = await ctx.call(birch, {
      method: 'POST',
      url: '/api/invitations',
      payload: { unitId: unit.id, firstName, lastName: 'Okafor', email, rentCents: 120000, leaseStart: '2026-01-01', leaseEnd: null },
    });
    expect(invite.statusCode, invite.body).toBe(201);
    const resident = await ctx.database.db.selectFrom('residents').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    return { residentId: resident.id, place: `${property.name}, unit ${unit.label}` };
  }

  it("shows one resident's history by record, under the resident's current name and unit, with the action in words", async () => {
    const { residentId, place } = await inviteAtBirch('Adaeze', 'adaeze.okafor@personal.test');
    await inviteAtBirch('Other', 'other.okafor@personal.test');

    const history = await events(`entityType=resident&entityId=${residentId}`);
    expect(history).toEqual([
      expect.objectContaining({ action: 'resident.invited', actionName: 'Resident invited', entityId: residentId, entityName: `Adaeze Okafor (${place})`, entityDeleted: false, companyName: 'Birch Rentals' }),
    ]);

    // The accounting system renames her: the log reads names when asked, so it shows the name she has now.
    await ctx.database.db.updateTable('residents').set({ first_name: 'Ada' }).where('id', '=', residentId).execute();
    expect((await events(`entityType=resident&entityId=${residentId}`))[0]?.entityName).toBe(`Ada Okafor (${place})`);

    const deleted = await ctx.call(birch, { method: 'DELETE', url: `/api/residents/${residentId}` });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    const afterDelete = await events(`entityType=resident&entityId=${residentId}`);
    expect(afterDelete.map((event) => event.action)).toEqual(['resident.deleted', 'resident.invited']);
    expect(afterDelete.every((event) => event.entityDeleted && event.entityName === `Ada Okafor (${place})`)).toBe(true);
  });

  it('names companies, properties, units and users, and a record gone since by its ID only', async () => {
    const company = (
      await ctx.call(support, { method: 'POST', url: '/api/companies', payload: { name: 'Cedar Homes', slug: 'cedar-homes', timezone: 'America/Denver', integrationKind: 'none' } })
    ).json();
    const property = (
      await ctx.call(support, {
        method: 'POST',
        url: '/api/properties',
        payload: { companyId: company.id, name: 'Cedar Ridge', street: '900 Cedar Ridge Road', city: 'Boulder', state: 'CO', postalCode: '80302', units: [{ label: '1A' }] },
      })
    ).json();
    const unit = (await ctx.call(support, { method: 'POST', url: `/api/properties/${property.id}/units`, payload: { label: '3' } })).json();
    const staff = await ctx.call(support, {
      method: 'POST',
      url: `/api/companies/${company.id}/staff`,
      payload: { firstName: 'Casey', lastName: 'Nguyen', email: 'casey@cedar.test', password: 'a-long-initial-password' },
    });
    expect(staff.statusCode, staff.body).toBe(201);

    const byAction = new Map((await events(`companyId=${company.id}`)).map((event) => [event.action, event]));
    expect(byAction.get('company.created')).toMatchObject({ actionName: 'Company created', entityId: company.id, entityName: 'Cedar Homes', entityDeleted: false });
    expect(byAction.get('property.created')).toMatchObject({ actionName: 'Property created', entityId: property.id, entityName: 'Cedar Ridge' });
    expect(byAction.get('staff_user.created')).toMatchObject({ actionName: 'Staff user created', entityName: 'casey@cedar.test' });
    const unitEvent = (await events(`entityType=unit&entityId=${unit.id}`))[0];
    expect(unitEvent).toMatchObject({ actionName: 'Unit created', entityName: 'Cedar Ridge, unit 3', entityDeleted: false });

    await ctx.database.db.deleteFrom('units').where('id', '=', unit.id).execute();
    expect((await events(`entityType=unit&entityId=${unit.id}`))[0]).toMatchObject({ entityId: unit.id, entityName: null, entityDeleted: true });
  });

  it("names a sync run by what it read, across all companies for support, and keeps the log support's alone", async () => {
    await importDemoRentRoll(ctx.services);
    const imported = (await events('action=residents.imported'))[0];
    expect(imported).toMatchObject({ entityType: 'sync_run', actionName: 'Residents imported', companyName: 'Maple Property Management', entityDeleted: false });
    expect(imported?.entityName).toMatch(/maple-rent-roll\.csv, \d{4}-\d{2}-\d{2}$/);

    const companies = new Set((await events('pageSize=200')).map((event) => event.companyName));
    expect([...companies]).toEqual(expect.arrayContaining(['Birch Rentals', 'Maple Property Management']));

    expect((await ctx.call(birch, { method: 'GET', url: '/api/audit-events' })).statusCode).toBe(403);
  });

  it('refuses a record filter too long, naming the field', async () => {
    const response = await ctx.call(support, { method: 'GET', url: `/api/audit-events?entityId=${'x'.repeat(101)}` });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error)).toContain('entityId');
  });
});
