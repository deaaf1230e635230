import { parseOrThrow, validate } from '@rentledger/formats';
import { describe, expect, it } from 'vitest';
import { createAchFileWriter, type FilePayment, nextFileIdModifier, writeAchFile } from './ach-file.domain.ts';

const originator = {
  immediateDestination: '011000015',
  immediateDestinationName: 'Federal Reserve Bank',
  immediateOrigin: '1234567890',
  immediateOriginName: 'Maple Property Mgmt',
  companyName: 'Maple Property',
  companyIdentification: '1234567890',
  entryDescription: 'RENT',
  odfiIdentification: '01100001',
  balancedFiles: true,
  settlement: { routingNumber: '011000015', accountNumber: '5550001234', accountType: 'checking' as const },
};
const start = { originator, createdAt: { date: '2026-12-07', time: '19:45' }, fileIdModifier: 'A', effectiveDate: '2026-12-08', firstTraceSequence: 1 };
const payment = (n: number, amountCents: number, paymentType: 'S' | 'R' = 'S'): FilePayment => ({
  paymentId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  amountCents,
  paymentType,
  reference: `t${n}`,
  holderName: 'Iris Rossi',
  account: { routingNumber: '021000021', accountNumber: `9876${n}`, accountType: n % 2 === 0 ? 'savings' : 'checking' },
});

describe('a company’s NACHA file', () => {
  it('writes a WEB debit batch balanced by an offset, and the micro-entries in their own batch; the file parses and validates', () => {
    const file = writeAchFile({
      ...start,
      payments: [payment(1, 115000), payment(2, 50000, 'R')],
      microEntries: [{ bankAccountId: 'acct', creditsCents: [12, 34], reference: 'u1', holderName: 'Tyler Garcia', account: { routingNumber: '021000021', accountNumber: '111', accountType: 'checking' } }],
    });
    const parsed = parseOrThrow(file.content);
    expect(validate(parsed)).toEqual([]);
    expect(parsed.batches.map((batch) => [batch.header.serviceClassCode, batch.header.companyEntryDescription.trim(), batch.header.standardEntryClassCode])).toEqual([
      [200, 'RENT', 'WEB'],
      [200, 'ACCTVERIFY', 'WEB'],
    ]);
    const [rent, micro] = parsed.batches;
    expect(rent?.entries.map((entry) => [entry.entry.transactionCode, entry.entry.amount, entry.entry.discretionaryData.trim()])).toEqual([
      [27, 115000, 'S'],
      [37, 50000, 'R'],
      [22, 165000, ''],
    ]);
    expect(micro?.entries.map((entry) => [entry.entry.transactionCode, entry.entry.amount])).toEqual([
      [22, 12],
      [22, 34],
      [27, 46],
    ]);
    expect(file.entries.map((entry) => entry.traceNumber)).toEqual(['011000010000001', '011000010000002', '011000010000003', '011000010000004', '011000010000005', '011000010000006']);
    expect(file).toMatchObject({ debitTotalCents: 165046, creditTotalCents: 165046, nextTraceSequence: 7, batchCount: 2 });
    expect(file.content.split('\n').filter(Boolean).length % 10).toBe(0);
  });

  it('splits an offset bigger than an entry holds ($99,999,999.99), fed in pages', () => {
    const writer = createAchFileWriter(start);
    // 4,001 payments at the $25,000 ceiling: $100,025,000.00 of debits, one cent-field's worth and more.
    const traced = [0, 2000, 4000].flatMap((from) => writer.payments(Array.from({ length: Math.min(2000, 4001 - from) }, (_, k) => payment(from + k, 2_500_000))));
    const file = writer.end();
    expect(traced).toHaveLength(4001);
    expect(file.tail.map((entry) => [entry.purpose, entry.amountCents])).toEqual([
      ['offset', 9_999_999_999],
      ['offset', 4001 * 2_500_000 - 9_999_999_999],
    ]);
    expect(file).toMatchObject({ debitTotalCents: 4001 * 2_500_000, creditTotalCents: 4001 * 2_500_000 });
    expect(validate(parseOrThrow(file.content))).toEqual([]);
  });

  it('takes the next File ID Modifier, A to Z then 0 to 9, and none after 9', () => {
    expect(nextFileIdModifier(null)).toBe('A');
    expect(nextFileIdModifier('A')).toBe('B');
    expect(nextFileIdModifier('Z')).toBe('0');
    expect(nextFileIdModifier('9')).toBeNull();
  });
});
