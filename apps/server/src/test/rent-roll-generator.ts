/**
 * Synthetic rent rolls for tests and benchmarks: `units` units spread over
 * `properties` properties, one current resident per unit (every tenth without
 * an email), rows in the standard column order.
 */
export const RENT_ROLL_HEADER =
  'property_code,property_name,address,city,state,postal_code,unit,resident_id,first_name,last_name,email,phone,lease_start,lease_end,rent,balance,status,do_not_accept_payments';

export type RentRollOptions = { properties: number; unitsPerProperty: number; prefix?: string; rentBump?: number };

export function* rentRollLines({ properties, unitsPerProperty, prefix = 'gen', rentBump = 0 }: RentRollOptions): Generator<string> {
  yield RENT_ROLL_HEADER;
  let n = 0;
  for (let p = 1; p <= properties; p++) {
    const code = `${prefix}${String(p).padStart(4, '0')}`;
    const property = `${code},Generated Court ${p},${100 + p} Generated Street,Columbus,OH,43215`;
    for (let u = 1; u <= unitsPerProperty; u++) {
      n += 1;
      const id = `${prefix}-t${String(n).padStart(7, '0')}`;
      const email = n % 10 === 0 ? '' : `resident${n}.${prefix}@example.com`;
      const rent = (1000 + (n % 900) + rentBump).toFixed(2);
      yield `${property},${u},${id},First${n},Last${n},${email},614-555-${String(n % 10000).padStart(4, '0')},2026-01-01,2026-12-31,${rent},0.00,current,no`;
    }
  }
}

export function rentRollCsv(options: RentRollOptions): string {
  return `${[...rentRollLines(options)].join('\n')}\n`;
}
