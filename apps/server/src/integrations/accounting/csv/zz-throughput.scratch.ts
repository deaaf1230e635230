import { Readable } from 'node:stream';
import { createCsvRentRollProvider } from './csv-rent-roll.provider.ts';
const header = 'property_code,property_name,address,city,state,postal_code,unit,resident_id,first_name,last_name,email,phone,lease_start,lease_end,rent,balance,status,do_not_accept_payments\n';
const lines = [header];
for (let i = 0; i < 100_000; i++) lines.push(`MAPLE,Maple Court Apartments,120 Maple Ave,Columbus,OH,43215,${i % 500},t${String(i).padStart(7, '0')},Avery,Quill,avery${i}@example.com,614-555-0101,2025-01-01,2025-12-31,1250.00,${i % 7 === 0 ? '-15.25' : '0'},current,no\n`);
const buffer = Buffer.from(lines.join(''));
const chunks: Buffer[] = [];
for (let o = 0; o < buffer.length; o += 65536) chunks.push(buffer.subarray(o, o + 65536));
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  let rows = 0, errors = 0;
  for await (const item of createCsvRentRollProvider({ source: () => Readable.from(chunks) }).readResidents()) item.kind === 'row' ? rows++ : errors++;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${(buffer.length / 1e6).toFixed(1)} MB, ${rows} rows, ${errors} errors in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s`);
}
