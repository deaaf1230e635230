import { buildNachaFile, format, type NachaEntry } from '@rentledger/formats';

/** A return or NOC the bank sends back for one of our entries: its original trace number and what happened. */
export type BankAnswer =
  | { kind: 'return'; code: string; originalTrace: string; amountCents: number; accountNumber?: string }
  | { kind: 'noc'; code: string; originalTrace: string; correctedData: string };

/**
 * A return file as the company's bank would send it: the receiving banks' returns (transaction code 26 with an
 * addenda 99) and NOCs (21, amount zero, addenda 98, in a COR batch), written by the NACHA package.
 */
export function bankReturnFile(answers: BankAnswer[], options: { fileIdModifier?: string } = {}): string {
  const rdfi = '02100002';
  let sequence = 0;
  const trace = () => `${rdfi}${String((sequence += 1)).padStart(7, '0')}`;
  const entryOf = (answer: BankAnswer): NachaEntry => {
    const own = trace();
    const base = { rdfiIdentification: '01100001', checkDigit: '5', dfiAccountNumber: answer.kind === 'return' ? (answer.accountNumber ?? '000000000') : '000000000', individualIdentificationNumber: 'RETURN', individualName: 'RESIDENT', discretionaryData: '', addendaRecordIndicator: '1', traceNumber: own };
    if (answer.kind === 'return') {
      return {
        entry: { ...base, transactionCode: 26, amount: answer.amountCents },
        addenda05: [],
        addenda99: { returnReasonCode: answer.code, originalTraceNumber: answer.originalTrace, dateOfDeath: '', originalRdfiIdentification: '02100002', addendaInformation: '', traceNumber: own },
      };
    }
    return {
      entry: { ...base, transactionCode: 21, amount: 0 },
      addenda05: [],
      addenda98: { changeCode: answer.code, originalTraceNumber: answer.originalTrace, reservedAfterTrace: '', originalRdfiIdentification: '02100002', correctedData: answer.correctedData, reservedAfterCorrectedData: '', traceNumber: own },
    };
  };
  const batch = (sec: 'WEB' | 'COR', entries: NachaEntry[], number: number) => ({
    header: {
      serviceClassCode: 200,
      companyName: 'MAPLE PROPERTY',
      companyDiscretionaryData: '',
      companyIdentification: '1234567890',
      standardEntryClassCode: sec,
      companyEntryDescription: sec === 'COR' ? 'NOTIFCHNG' : 'RENT',
      companyDescriptiveDate: '',
      effectiveEntryDate: '261209',
      settlementDate: '',
      originatorStatusCode: '1',
      odfiIdentification: rdfi,
      batchNumber: number,
    },
    entries,
  });
  const returns = answers.filter((answer) => answer.kind === 'return').map(entryOf);
  const nocs = answers.filter((answer) => answer.kind === 'noc').map(entryOf);
  const batches = [...(returns.length > 0 ? [batch('WEB', returns, 1)] : []), ...(nocs.length > 0 ? [batch('COR', nocs, returns.length > 0 ? 2 : 1)] : [])];
  return format(
    buildNachaFile(
      {
        priorityCode: '01',
        immediateDestination: '011000015',
        immediateOrigin: '0210000021',
        fileCreationDate: '261209',
        fileCreationTime: '0800',
        fileIdModifier: options.fileIdModifier ?? 'A',
        recordSize: '094',
        blockingFactor: '10',
        formatCode: '1',
        immediateDestinationName: 'MAPLE PROPERTY MGMT',
        immediateOriginName: 'RETURNS BANK',
        referenceCode: '',
      },
      batches,
    ),
  );
}
