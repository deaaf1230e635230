import { describe, expect, it } from 'vitest';
import { buildNachaFile, traceNumberFor, validate } from './index.ts';
import type { NachaBatchInput, NachaFile, NachaValidationIssue } from './index.ts';
import { batchHeader, entry, fileHeader } from './test-records.ts';

function rentFile(batches: NachaBatchInput[] = [{ header: batchHeader(), entries: [entry()] }]): NachaFile {
  return buildNachaFile(fileHeader(), batches);
}

function fields(issues: NachaValidationIssue[]): string[] {
  return issues.map((issue) => `${issue.path} ${issue.field}`);
}

describe('validate', () => {
  it('passes a file the writer built from valid records', () => {
    expect(validate(rentFile())).toEqual([]);
  });

  it('checks the file header: format code, record size, blocking factor, destination, date, modifier', () => {
    const file = rentFile();
    Object.assign(file.header, { formatCode: '9', recordSize: '095', blockingFactor: '20', immediateDestination: '0313000123', fileCreationDate: '261332', fileIdModifier: 'a' });
    expect(validate(file)).toEqual([
      { path: 'header', field: 'FormatCode', message: 'is not 1' },
      { path: 'header', field: 'RecordSize', message: 'is not 094' },
      { path: 'header', field: 'BlockingFactor', message: 'is not 10' },
      { path: 'header', field: 'ImmediateDestination', message: 'must be a blank and 9 digits' },
      { path: 'header', field: 'FileCreationDate', message: '"261332" is not a YYMMDD date' },
      { path: 'header', field: 'FileIDModifier', message: 'must be A-Z or 0-9' },
    ]);
  });

  it('keeps debits out of a credits-only batch and credits out of a debits-only batch', () => {
    const file = rentFile([
      { header: batchHeader({ serviceClassCode: 220, batchNumber: 1 }), entries: [entry({ transactionCode: 27 })] },
      { header: batchHeader({ serviceClassCode: 225, batchNumber: 2 }), entries: [entry({ transactionCode: 32 })] },
      { header: batchHeader({ serviceClassCode: 200, batchNumber: 3 }), entries: [entry({ transactionCode: 22, discretionaryData: '' }), entry({ traceNumber: traceNumberFor('23138010', 2) })] },
    ]);
    expect(validate(file)).toEqual([
      { path: 'batches[0].entries[0].entry', field: 'TransactionCode', message: '27 is a debit in a credits-only batch (service class 220)' },
      { path: 'batches[1].entries[0].entry', field: 'TransactionCode', message: '32 is a credit in a debits-only batch (service class 225)' },
    ]);
    const unknown = rentFile([{ header: batchHeader({ serviceClassCode: 201 }), entries: [entry({ transactionCode: 25 })] }]);
    expect(fields(validate(unknown))).toEqual(['batches[0].header ServiceClassCode', 'batches[0].entries[0].entry TransactionCode']);
  });

  it('checks the RDFI check digit unless allowInvalidCheckDigit', () => {
    const file = rentFile([{ header: batchHeader(), entries: [entry({ rdfiIdentification: '23138010', checkDigit: '5' })] }]);
    expect(validate(file)).toEqual([
      { path: 'batches[0].entries[0].entry', field: 'RDFIIdentification', message: '231380105 does not match calculated check digit 4' },
    ]);
    expect(validate(file, { allowInvalidCheckDigit: true })).toEqual([]);
  });

  it('requires a WEB debit to say whether it is a single (S) or recurring (R) payment', () => {
    const file = rentFile([{ header: batchHeader(), entries: [entry({ discretionaryData: '' })] }]);
    expect(fields(validate(file))).toEqual(['batches[0].entries[0].entry PaymentTypeCode']);
    expect(validate(rentFile([{ header: batchHeader(), entries: [entry({ discretionaryData: ' R' })] }]))).toEqual([]);
  });

  it('requires trace numbers that begin with the ODFI identification and ascend', () => {
    const file = rentFile([
      {
        header: batchHeader(),
        entries: [entry({ traceNumber: '231380100000002' }), entry({ traceNumber: '231380100000001' }), entry({ traceNumber: '121042880000003' })],
      },
    ]);
    expect(validate(file).map((issue) => [issue.path, issue.field, issue.message])).toEqual([
      ['batches[0].entries[1].entry', 'TraceNumber', '231380100000001 is not ascending after 231380100000002'],
      ['batches[0].entries[2].entry', 'TraceNumber', "must begin with the batch's ODFI identification 23138010"],
      ['batches[0].entries[2].entry', 'TraceNumber', '121042880000003 is not ascending after 231380100000001'],
    ]);
  });

  it('compares the batch control with the entries and the batch header', () => {
    const file = rentFile();
    const control = file.batches[0]?.control;
    if (!control) throw new Error('no batch');
    Object.assign(control, { entryAddendaCount: 2, entryHash: 1, totalDebitAmount: 1, totalCreditAmount: 1, batchNumber: 9, companyIdentification: 'OTHER' });
    // The file control is checked against the batch controls as written, so it is off too.
    expect(fields(validate(file)).filter((field) => field.startsWith('batches[0]'))).toEqual([
      'batches[0].control EntryAddendaCount',
      'batches[0].control EntryHash',
      'batches[0].control TotalDebitEntryDollarAmount',
      'batches[0].control TotalCreditEntryDollarAmount',
      'batches[0].control BatchNumber',
      'batches[0].control CompanyIdentification',
    ]);
    expect(validate(file)[0]?.message).toBe('2 does not match calculated 1');
  });

  it('compares the file control with the batch controls', () => {
    const file = rentFile();
    Object.assign(file.control, { batchCount: 2, blockCount: 2, entryHash: 0 });
    expect(fields(validate(file))).toEqual(['control BatchCount', 'control BlockCount', 'control EntryHash']);
  });

  it('requires a zero amount in COR batches and on prenotes', () => {
    const noc = entry(
      { transactionCode: 21, amount: 100, addendaRecordIndicator: '1', discretionaryData: '' },
      {
        addenda98: {
          changeCode: 'C01',
          originalTraceNumber: '231380100000001',
          reservedAfterTrace: '',
          originalRdfiIdentification: '12104288',
          correctedData: '1918171614',
          reservedAfterCorrectedData: '',
          traceNumber: '121042880000001',
        },
      },
    );
    const file = rentFile([{ header: batchHeader({ standardEntryClassCode: 'COR' }), entries: [noc] }]);
    expect(validate(file)).toEqual([{ path: 'batches[0].entries[0].entry', field: 'Amount', message: 'this batch type requires that the amount is zero' }]);
    const prenote = rentFile([{ header: batchHeader({ standardEntryClassCode: 'PPD' }), entries: [entry({ transactionCode: 28, amount: 1 })] }]);
    expect(fields(validate(prenote))).toEqual(['batches[0].entries[0].entry Amount']);
  });

  it('checks the shapes of returns and NOCs', () => {
    const returned = entry(
      { transactionCode: 26, addendaRecordIndicator: '1' },
      {
        addenda99: {
          returnReasonCode: 'R00',
          originalTraceNumber: '23138010000001',
          dateOfDeath: '',
          originalRdfiIdentification: '1210428',
          addendaInformation: '',
          traceNumber: '121042880000001',
        },
      },
    );
    const nocOutsideCor = entry({ transactionCode: 27, addendaRecordIndicator: '1', traceNumber: traceNumberFor('23138010', 2) }, {
      addenda98: {
        changeCode: 'C99',
        originalTraceNumber: '231380100000001',
        reservedAfterTrace: '',
        originalRdfiIdentification: '12104288',
        correctedData: '',
        reservedAfterCorrectedData: '',
        traceNumber: '121042880000001',
      },
    });
    const corWithoutNoc = entry({ transactionCode: 21, amount: 0, discretionaryData: '' });
    const file = rentFile([
      { header: batchHeader(), entries: [returned, nocOutsideCor] },
      { header: batchHeader({ standardEntryClassCode: 'COR', batchNumber: 2 }), entries: [corWithoutNoc] },
    ]);
    expect(fields(validate(file))).toEqual([
      'batches[0].entries[0].addenda99 ReturnCode',
      'batches[0].entries[0].addenda99 OriginalTrace',
      'batches[0].entries[0].addenda99 OriginalDFI',
      'batches[0].entries[1].addenda98 TypeCode',
      'batches[0].entries[1].addenda98 ChangeCode',
      'batches[0].entries[1].addenda98 CorrectedData',
      'batches[0].entries[1].entry TransactionCode',
      'batches[1].entries[0].entry Addenda98',
    ]);
  });

  it('checks the addenda record indicator and the Addenda 05 sequence numbers', () => {
    const withoutIndicator = entry({}, { addenda05: [{ paymentRelatedInformation: 'December rent', addendaSequenceNumber: 1, entryDetailSequenceNumber: 1 }] });
    const twoOnWeb = entry({ addendaRecordIndicator: '1', traceNumber: traceNumberFor('23138010', 2) }, {
      addenda05: [
        { paymentRelatedInformation: 'one', addendaSequenceNumber: 1, entryDetailSequenceNumber: 2 },
        { paymentRelatedInformation: 'two', addendaSequenceNumber: 3, entryDetailSequenceNumber: 7 },
      ],
    });
    const file = rentFile([{ header: batchHeader(), entries: [withoutIndicator, twoOnWeb] }]);
    expect(fields(validate(file))).toEqual([
      'batches[0].entries[0].entry AddendaRecordIndicator',
      'batches[0].entries[1].addenda05[1] TypeCode',
      'batches[0].entries[1].addenda05[1] SequenceNumber',
      'batches[0].entries[1].addenda05[1] EntryDetailSequenceNumber',
    ]);
  });
});
