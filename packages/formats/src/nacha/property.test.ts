// format and parse are inverses on any file whose values fit their fields: generated from the same field
// tables the codecs use, so a new field is covered without touching this test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addenda05Record } from './addenda-05.record.ts';
import { addenda98Record } from './addenda-98.record.ts';
import { addenda99Record } from './addenda-99.record.ts';
import { batchControlRecord } from './batch-control.record.ts';
import { batchHeaderRecord } from './batch-header.record.ts';
import { entryDetailRecord } from './entry-detail.record.ts';
import { fieldWidth } from './field.ts';
import type { FieldKind, RecordCodec } from './field.ts';
import { fileControlRecord } from './file-control.record.ts';
import { fileHeaderRecord } from './file-header.record.ts';
import { abaCheckDigit, buildNachaFile, format, parse, validate } from './index.ts';
import type { NachaEntry, NachaFile } from './index.ts';

const PRINTABLE = fc.constantFrom(...' ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789#&*-./,\\\'');
const DIGIT = fc.constantFrom(...'0123456789');

function digits(width: number): fc.Arbitrary<string> {
  return fc.string({ unit: DIGIT, minLength: width, maxLength: width });
}

function fieldValue(kind: FieldKind, width: number): fc.Arbitrary<string | number> {
  switch (kind) {
    // Trailing blanks are padding, not value: a parsed alpha field never ends in one.
    case 'alpha':
      return fc.string({ unit: PRINTABLE, maxLength: width }).map((text) => text.trimEnd());
    case 'numeric':
      return fc.integer({ min: 0, max: Math.min(10 ** width - 1, Number.MAX_SAFE_INTEGER) });
    case 'digits':
      return digits(width);
    case 'routing10':
      return fc.oneof(digits(9), digits(10));
  }
}

function arbitraryRecord<R>(codec: RecordCodec<R>, overrides: Partial<Record<keyof R, fc.Arbitrary<unknown>>> = {}): fc.Arbitrary<R> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const spec of codec.fields) {
    model[spec.key] = overrides[spec.key] ?? fieldValue(spec.kind, fieldWidth(spec));
  }
  return fc.record(model) as unknown as fc.Arbitrary<R>;
}

const arbitraryEntry: fc.Arbitrary<NachaEntry> = fc.record(
  {
    entry: arbitraryRecord(entryDetailRecord),
    addenda05: fc.array(arbitraryRecord(addenda05Record), { maxLength: 3 }),
    addenda98: arbitraryRecord(addenda98Record),
    addenda99: arbitraryRecord(addenda99Record),
  },
  { requiredKeys: ['entry', 'addenda05'] },
);

const arbitraryFile: fc.Arbitrary<NachaFile> = fc.record({
  header: arbitraryRecord(fileHeaderRecord),
  batches: fc.array(
    fc.record({
      header: arbitraryRecord(batchHeaderRecord),
      entries: fc.array(arbitraryEntry, { maxLength: 6 }),
      control: arbitraryRecord(batchControlRecord),
    }),
    { maxLength: 4 },
  ),
  // A batch count from 900000 would start the line with "99", which readers take for block padding.
  control: arbitraryRecord(fileControlRecord, { batchCount: fc.integer({ min: 0, max: 899_999 }) }),
});

describe('format and parse', () => {
  it('parse(format(file)) is the file, and format(parse(text)) is the text', () => {
    fc.assert(
      fc.property(arbitraryFile, fc.boolean(), (file, finalNewline) => {
        const text = format(file, { finalNewline });
        const result = parse(text, { skipValidation: true });
        expect(result.errors).toEqual([]);
        expect(result.file).toEqual(file);
        if (result.ok) expect(format(result.file, { finalNewline })).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('files built with computed controls from valid entries validate and read back', () => {
    const routing = digits(8).map((rdfi) => [rdfi, String(abaCheckDigit(rdfi))] as const);
    const rentDebit = fc.record({ routing, amount: fc.integer({ min: 1, max: 9_999_999_999 }), paymentType: fc.constantFrom('S', 'R') });
    fc.assert(
      fc.property(fc.array(rentDebit, { minLength: 1, maxLength: 30 }), (debits) => {
        const entries: NachaEntry[] = debits.map(({ routing: [rdfi, check], amount, paymentType }, index) => ({
          entry: {
            transactionCode: 27,
            rdfiIdentification: rdfi,
            checkDigit: check,
            dfiAccountNumber: `${100000 + index}`,
            amount,
            individualIdentificationNumber: `RES-${index}`,
            individualName: 'Resident',
            discretionaryData: paymentType,
            addendaRecordIndicator: '0',
            traceNumber: `23138010${String(index + 1).padStart(7, '0')}`,
          },
          addenda05: [],
        }));
        const file = buildNachaFile(
          {
            priorityCode: '01',
            immediateDestination: '031300012',
            immediateOrigin: '231380104',
            fileCreationDate: '261208',
            fileCreationTime: '0010',
            fileIdModifier: 'A',
            recordSize: '094',
            blockingFactor: '10',
            formatCode: '1',
            immediateDestinationName: 'Federal Reserve Bank',
            immediateOriginName: 'RentLedger',
            referenceCode: '',
          },
          [
            {
              header: {
                serviceClassCode: 225,
                companyName: 'Maple Rentals',
                companyDiscretionaryData: '',
                companyIdentification: '1234567890',
                standardEntryClassCode: 'WEB',
                companyEntryDescription: 'RENT',
                companyDescriptiveDate: '',
                effectiveEntryDate: '261209',
                settlementDate: '',
                originatorStatusCode: '1',
                odfiIdentification: '23138010',
                batchNumber: 1,
              },
              entries,
            },
          ],
        );
        expect(validate(file)).toEqual([]);
        expect(parse(format(file))).toEqual({ ok: true, file, errors: [] });
      }),
      { numRuns: 100 },
    );
  });
});
