/**
 * Synthetic rent rolls for tests and benchmarks, rows in the standard column
 * order: `unitsPerProperty` units in each of `properties` properties, one
 * current resident per unit (every tenth without an email) and, when
 * `ledgersPerUnit` > 1, the unit's earlier tenants as past ledgers, the way an
 * accounting system's full export lists them.
 */
export const RENT_ROLL_HEADER =
  'property_code,property_name,address,city,state,postal_code,unit,resident_id,first_name,last_name,email,phone,lease_start,lease_end,rent,balance,status,do_not_accept_payments';

export type RentRollOptions = { properties: number; unitsPerProperty: number; ledgersPerUnit?: number; prefix?: string; rentBump?: number };

export function* rentRollLines({ properties, unitsPerProperty, ledgersPerUnit = 1, prefix = 'gen', rentBump = 0 }: RentRollOptions): Generator<string> {
  yield RENT_ROLL_HEADER;
  let n = 0;
  for (let p = 1; p <= properties; p++) {
    const code = `${prefix}${String(p).padStart(4, '0')}`;
    // Each prefix on a street of its own: two files' properties never share an address, which an import refuses.
    const property = `${code},Generated Court ${p},${100 + p} ${prefix.charAt(0).toUpperCase()}${prefix.slice(1)} Street,Columbus,OH,43215`;
    for (let u = 1; u <= unitsPerProperty; u++) {
      n += 1;
      const id = `${prefix}-t${String(n).padStart(7, '0')}`;
      const email = n % 10 === 0 ? '' : `resident${n}.${prefix}@example.com`;
      const rent = (1000 + (n % 900) + rentBump).toFixed(2);
      yield `${property},${u},${id},First${n},Last${n},${email},614-555-${String(n % 10000).padStart(4, '0')},2026-01-01,2026-12-31,${rent},0.00,current,no`;
      for (let past = 1; past < ledgersPerUnit; past++) {
        n += 1;
        const year = 2025 - past;
        yield `${property},${u},${prefix}-t${String(n).padStart(7, '0')},Former${n},Tenant${n},former${n}.${prefix}@example.com,,${year}-01-01,${year}-12-31,${rent},0.00,past,no`;
      }
    }
  }
}

export function rentRollCsv(options: RentRollOptions): string {
  return `${[...rentRollLines(options)].join('\n')}\n`;
}
