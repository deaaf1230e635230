import { describe, expect, it } from 'vitest';
import { addressKey, codeKey, createsPlaces, decideProperties, decideUnit, errorCounts, type KnownProperty } from './places.domain.ts';

const birch: KnownProperty = { id: 'p1', name: 'Birch Street Flats', code: 'BSF', street: '310 Birch Street', city: 'Austin', state: 'TX', postalCode: '78704' };
const address = (street: string, postalCode = '78704') => ({ street, city: 'Austin', state: 'TX', postalCode });

describe('places', () => {
  it('takes a code ignoring case and surrounding spaces', () => {
    expect(codeKey(' bsf ')).toBe(codeKey('BSF'));
    expect(decideProperties([{ code: ' bsf', name: null, address: null }], [birch], false).get('bsf')).toEqual({ kind: 'known', property: birch });
  });

  it('reads one address however it is written', () => {
    expect(addressKey(address('310 birch st.', '78704-1234'))).toBe(addressKey(address('310  Birch Street')));
    expect(addressKey(address('311 Birch Street'))).not.toBe(addressKey(address('310 Birch Street')));
  });

  it('refuses a new code at a known address, an unknown code when creating is off, and creates one otherwise', () => {
    const decisions = decideProperties(
      [
        { code: 'BSF2', name: 'Flats', address: address('310 Birch St') },
        { code: 'NEW1', name: 'New', address: address('1 New Road', '78701') },
        { code: 'NEW2', name: 'Twin', address: address('1 new rd', '78701') },
      ],
      [birch],
      true,
    );
    expect(decisions.get('bsf2')).toMatchObject({ kind: 'refuse', message: expect.stringContaining('is the address of Birch Street Flats (property code BSF)') });
    expect(decisions.get('new1')).toMatchObject({ kind: 'create', code: 'NEW1', name: 'New' });
    expect(decisions.get('new2')).toMatchObject({ kind: 'refuse', message: expect.stringContaining('New (property code NEW1, created by this import)') });
    expect(decideProperties([{ code: 'ZZ99', name: null, address: address('9 Z Way', '78702') }], [birch], false).get('zz99')).toMatchObject({
      kind: 'refuse',
      message: expect.stringMatching(/^Unknown property code ZZ99: add the property/),
    });
  });

  it('gives a unit only where it belongs', () => {
    const withUnits = { propertyName: 'Birch Street Flats', street: '310 Birch Street', unitIdByKey: new Map([['1', 'u1']]), hasUnits: true };
    const house = { propertyName: 'Cedar House', street: '42 Cedar Court', unitIdByKey: new Map<string, string>(), hasUnits: false };
    expect(decideUnit('1', withUnits, false)).toEqual({ kind: 'known', unitId: 'u1' });
    expect(decideUnit('9', withUnits, false)).toMatchObject({ kind: 'refuse', field: 'unit' });
    expect(decideUnit('9', withUnits, true)).toEqual({ kind: 'create', label: '9', namedByAddress: false });
    expect(decideUnit(null, withUnits, true)).toMatchObject({ kind: 'refuse', message: 'No unit given, and Birch Street Flats has units: give the row its unit' });
    expect(decideUnit(null, house, false)).toEqual({ kind: 'create', label: '42 Cedar Court', namedByAddress: true });
    expect(decideUnit('', { ...house, unitIdByKey: new Map([['42 cedar court', 'u9']]), hasUnits: true }, false)).toEqual({ kind: 'known', unitId: 'u9' });
  });

  it('counts rows in error and problems apart, and defaults the setting by connection', () => {
    expect(errorCounts([{ row: 2 }, { row: 2 }, { row: 5 }, { row: null }])).toEqual({ errors: 2, problems: 4 });
    expect([createsPlaces(null, 'api'), createsPlaces(null, 'file'), createsPlaces(null, 'none'), createsPlaces(true, 'file'), createsPlaces(false, 'api')]).toEqual([true, false, false, true, false]);
  });
});
