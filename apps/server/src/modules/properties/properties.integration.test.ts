import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

describe('companies, properties and units', () => {
  let ctx: TestContext;
  let support: Session;
  let maple: Session;
  let birch: Session;
  let resident: Session;

  beforeAll(async () => {
    ctx = await createTestApp();
    [support, maple, birch, resident] = await Promise.all([
      ctx.login('support@rentledger.demo'),
      ctx.login('manager@maple.demo'),
      ctx.login('owner@birch.demo'),
      ctx.login('resident@demo.test'),
    ]);
  });
  afterAll(() => ctx.close());

  it('shows a landlord only their company: Maple has 3 properties and 60 units, Birch 1 and 8', async () => {
    const mapleList = (await ctx.call(maple, { method: 'GET', url: '/api/properties' })).json();
    expect(mapleList.items.map((p: { name: string }) => p.name)).toEqual([
      'Maple Court Apartments',
      'Oak Hollow Townhomes',
      'Riverside Commons',
    ]);
    expect(mapleList.items.flatMap((p: { units: unknown[] }) => p.units)).toHaveLength(60);
    const birchList = (await ctx.call(birch, { method: 'GET', url: '/api/properties' })).json();
    expect(birchList.items).toHaveLength(1);
    expect(birchList.items[0].units).toHaveLength(8);
    expect(JSON.stringify(birchList)).not.toContain('Maple');
  });

  it("answers 404 for another company's property or company, as if absent", async () => {
    const mapleProperty = (await ctx.call(maple, { method: 'GET', url: '/api/properties' })).json().items[0];
    const fromBirch = await ctx.call(birch, { method: 'GET', url: `/api/properties/${mapleProperty.id}` });
    expect(fromBirch.statusCode).toBe(404);
    const missing = await ctx.call(birch, { method: 'GET', url: '/api/properties/00000000-0000-4000-8000-000000000000' });
    expect(fromBirch.json()).toEqual(missing.json());
    const company = await ctx.call(birch, { method: 'GET', url: `/api/companies/${maple.companyId}` });
    expect(company.statusCode).toBe(404);
    const filtered = await ctx.call(birch, { method: 'GET', url: `/api/properties?companyId=${maple.companyId}` });
    expect(filtered.statusCode).toBe(404);
  });

  it('lets support add a company, a property with units, a unit and a staff user, each audited', async () => {
    const company = await ctx.call(support, {
      method: 'POST',
      url: '/api/companies',
      payload: { name: 'Cedar Homes', slug: 'cedar-homes', timezone: 'America/Denver', integrationKind: 'none' },
    });
    expect(company.statusCode).toBe(201);
    const cedar = company.json();
    expect(cedar).toMatchObject({ slug: 'cedar-homes', graceDays: 5, propertyCount: 0 });

    const property = await ctx.call(support, {
      method: 'POST',
      url: '/api/properties',
      payload: {
        companyId: cedar.id,
        name: 'Cedar Ridge',
        street: '900 Cedar Ridge Road',
        city: 'Boulder',
        state: 'CO',
        postalCode: '80302',
        units: [{ label: '10' }, { label: '2' }, { label: '1A', accountingCode: 'CR-1A' }],
      },
    });
    expect(property.statusCode).toBe(201);
    expect(property.json().units.map((u: { label: string }) => u.label)).toEqual(['1A', '2', '10']);

    const unit = await ctx.call(support, { method: 'POST', url: `/api/properties/${property.json().id}/units`, payload: { label: '3' } });
    expect(unit.statusCode).toBe(201);

    const staff = await ctx.call(support, {
      method: 'POST',
      url: `/api/companies/${cedar.id}/staff`,
      payload: { firstName: 'Casey', lastName: 'Nguyen', email: 'casey@cedar.test', password: 'a-long-initial-password' },
    });
    expect(staff.statusCode).toBe(201);
    const casey = await ctx.login('casey@cedar.test', 'a-long-initial-password');
    const caseyProperties = (await ctx.call(casey, { method: 'GET', url: '/api/properties' })).json();
    expect(caseyProperties.items).toHaveLength(1);
    expect(caseyProperties.items[0].units).toHaveLength(4);
    expect(JSON.stringify(staff.json())).not.toContain('password');

    const audit = (await ctx.call(support, { method: 'GET', url: `/api/audit-events?companyId=${cedar.id}` })).json();
    expect(audit.items.map((event: { action: string }) => event.action).sort()).toEqual(
      ['company.created', 'property.created', 'staff_user.created', 'unit.created'].sort(),
    );
    expect(audit.items.every((event: { actor: { email: string } }) => event.actor.email === 'support@rentledger.demo')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });

  it('refuses duplicates with 409 naming the field', async () => {
    const slug = await ctx.call(support, { method: 'POST', url: '/api/companies', payload: { name: 'Maple again', slug: 'maple' } });
    expect(slug.statusCode).toBe(409);
    expect(slug.json().error).toMatchObject({ code: 'slug_taken', details: [{ path: 'slug' }] });

    const mapleProperty = (await ctx.call(maple, { method: 'GET', url: '/api/properties' })).json().items[0];
    const unit = await ctx.call(support, { method: 'POST', url: `/api/properties/${mapleProperty.id}/units`, payload: { label: ' 101 ' } });
    expect(unit.statusCode).toBe(409);
    expect(unit.json().error).toMatchObject({ code: 'unit_label_taken', details: [{ path: 'label' }] });

    const email = await ctx.call(support, {
      method: 'POST',
      url: `/api/companies/${maple.companyId}/staff`,
      payload: { firstName: 'X', lastName: 'Y', email: 'OWNER@birch.demo', password: 'a-long-initial-password' },
    });
    expect(email.statusCode).toBe(409);
    expect(email.json().error.code).toBe('email_taken');

    const twice = await ctx.call(support, {
      method: 'POST',
      url: '/api/properties',
      payload: {
        companyId: maple.companyId,
        name: 'Twice',
        street: '1 Twice Street',
        city: 'Columbus',
        state: 'OH',
        postalCode: '43215',
        units: [{ label: '1' }, { label: '2' }, { label: '1' }],
      },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details).toEqual([{ path: 'units.2.label', message: 'Unit 1 is listed twice' }]);
  });

  it('names each invalid field of a property and writes nothing', async () => {
    const before = (await ctx.call(support, { method: 'GET', url: '/api/properties' })).json().items.length;
    const response = await ctx.call(support, {
      method: 'POST',
      url: '/api/properties',
      payload: { companyId: maple.companyId, name: '', street: '9 Elm St', city: 'Columbus', state: 'Ohio', postalCode: '4321', floors: 3 },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.map((detail: { path: string }) => detail.path).sort();
    expect(paths).toEqual(['floors', 'name', 'postalCode', 'state']);
    const after = (await ctx.call(support, { method: 'GET', url: '/api/properties' })).json().items.length;
    expect(after).toBe(before);
  });

  it('keeps landlords and residents out of support actions', async () => {
    const payload = { name: 'Sneaky', slug: 'sneaky' };
    expect((await ctx.call(maple, { method: 'POST', url: '/api/companies', payload })).statusCode).toBe(403);
    expect((await ctx.call(resident, { method: 'POST', url: '/api/companies', payload })).statusCode).toBe(403);
    expect((await ctx.call(null, { method: 'POST', url: '/api/companies', payload })).statusCode).toBe(401);
    expect((await ctx.call(resident, { method: 'GET', url: '/api/properties' })).statusCode).toBe(403);
  });

  it('answers health with the database kind and serves the OpenAPI document', async () => {
    expect((await ctx.call(null, { method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok', database: 'postgres' });
    const doc = (await ctx.call(null, { method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/properties', '/api/companies/{companyId}/staff']));
    expect((await ctx.call(null, { method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('counts incomplete tasks for the landlord', async () => {
    const tasks = await ctx.call(maple, { method: 'GET', url: '/api/tasks' });
    expect(tasks.json()).toEqual({ pendingReview: 0, missingAccountingId: 0, syncErrors: 0, supportRequests: 0, paymentsNeedingAttention: 0, postingFailures: 0 });
  });
});
