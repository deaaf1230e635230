import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestContext } from '../../test/test-app.ts';

type Result = { property: { id: string; name: string; address: string }; units: { id: string; label: string }[]; typedUnit: { id: string; label: string } | null };

describe('rental search', () => {
  let ctx: TestContext;
  let resident: Session;

  const search = async (q: string): Promise<Result[]> => {
    const response = await ctx.call(resident, { method: 'GET', url: `/api/rentals/search?q=${encodeURIComponent(q)}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().results;
  };
  const names = async (q: string) => (await search(q)).map((result) => result.property.name);

  beforeAll(async () => {
    ctx = await createTestApp();
    resident = await ctx.login('resident@demo.test');
    // Another company's property one letter from "Maple", to rank the right spelling first.
    const birch = await ctx.database.db.selectFrom('companies').select('id').where('slug', '=', 'birch').executeTakeFirstOrThrow();
    await ctx.database.db
      .insertInto('properties')
      .values({ company_id: birch.id, name: 'Mable Gardens', street: '9 Elm Street', city: 'Austin', state: 'TX', postal_code: '78701', accounting_code: 'MG-9' })
      .execute();
  });
  afterAll(() => ctx.close());

  it('finds a property by one misspelled word of its name or street', async () => {
    expect((await names('mapel'))[0]).toBe('Maple Court Apartments');
    expect(await names('brich')).toContain('Birch Street Flats');
    expect((await names('Rivreside'))[0]).toBe('Riverside Commons');
    expect((await names('hollw'))[0]).toBe('Oak Hollow Townhomes');
    // Several words, each within one edit, and the multi-word trigram search as before.
    expect((await names('mapel cuort'))[0]).toBe('Maple Court Apartments');
    expect((await names('mapel court'))[0]).toBe('Maple Court Apartments');
    expect((await names('birch st austin'))[0]).toBe('Birch Street Flats');
  });

  it('ranks the right spelling before a word one edit away', async () => {
    expect(await names('maple')).toEqual(['Maple Court Apartments', 'Mable Gardens']);
    expect((await names('mable'))[0]).toBe('Mable Gardens');
  });

  it('finds nothing for words no property is near', async () => {
    expect(await search('zzzz qqqq')).toEqual([]);
    expect(await search('oka')).toEqual([]); // short words must be spelt right: one edit from three letters reaches too much
  });

  it('finds a property by its code, without case, or the start of it', async () => {
    expect((await names('MC'))[0]).toBe('Maple Court Apartments');
    expect((await names('mc01'))[0]).toBe('Maple Court Apartments');
    expect((await names('bsf'))[0]).toBe('Birch Street Flats');
    expect((await names(' Mg-9 '))[0]).toBe('Mable Gardens');
    // What search returns is what it always returned: properties and units, never the code or anyone's data.
    const results = await search('MC');
    expect(Object.keys(results[0]?.property ?? {}).sort()).toEqual(['address', 'city', 'id', 'name', 'postalCode', 'state']);
    expect(JSON.stringify(results)).not.toMatch(/mc01/i);
  });

  it('narrows to the unit typed with the address, keeping the other units to choose from', async () => {
    const [maple] = await search('12 mapel ave apt 203');
    expect(maple?.property.name).toBe('Maple Court Apartments');
    expect(maple?.typedUnit?.label).toBe('203');
    expect(maple?.units).toHaveLength(24);
    expect(maple?.units.find((unit) => unit.label === '203')?.id).toBe(maple?.typedUnit?.id);

    expect((await search('78 oak hollow ln #3'))[0]?.typedUnit?.label).toBe('3');
    expect((await search('455 riverside dr unit b-2'))[0]?.typedUnit?.label).toBe('B2');
    expect((await search('hollw apt 07'))[0]?.typedUnit?.label).toBe('7');
    // A unit the property does not have names none; the property is still found.
    const [noSuchUnit] = await search('12 mapel ave apt 3');
    expect(noSuchUnit?.property.name).toBe('Maple Court Apartments');
    expect(noSuchUnit?.typedUnit).toBeNull();
    expect((await search('12 maple ave'))[0]?.typedUnit).toBeNull();
  });

  it('names the field of a query too short to search', async () => {
    const response = await ctx.call(resident, { method: 'GET', url: '/api/rentals/search?q=m' });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error)).toContain('q');
  });
});
