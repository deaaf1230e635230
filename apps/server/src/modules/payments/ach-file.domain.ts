import { type BatchHeader, type EntryDetail, type FileHeader, NachaWriter, traceNumberFor } from '@rentledger/formats';

/**
 * One company's NACHA file for a banking day, decided here and written by `@rentledger/formats`:
 *
 * - batch 1, `WEB` with the company's entry description (RENT): a debit per payment, Payment Type Code `S`
 *   (one-time) or `R` (autopay) in the discretionary data; when the company balances its files, one offsetting
 *   credit to its settlement account, so the batch nets to zero (service class 200; else 225, debits only);
 * - batch 2, `WEB` described `ACCTVERIFY`: for each new account two credits under $1 and one debit of their sum
 *   (NACHA's account validation by micro-entries), which nets to zero by itself.
 *
 * Trace numbers are the ODFI's 8 digits and a 7-digit sequence the caller hands out (kept per company).
 */
export type AccountType = 'checking' | 'savings';
export type Account = { routingNumber: string; accountNumber: string; accountType: AccountType };

export type FilePayment = { paymentId: string; amountCents: number; paymentType: 'S' | 'R'; reference: string; holderName: string; account: Account };
export type FileMicroEntries = { bankAccountId: string; creditsCents: [number, number]; reference: string; holderName: string; account: Account };

export type Originator = {
  immediateDestination: string;
  immediateDestinationName: string;
  immediateOrigin: string;
  immediateOriginName: string;
  companyName: string;
  companyIdentification: string;
  entryDescription: string;
  odfiIdentification: string;
  balancedFiles: boolean;
  settlement: Account;
};

export type WrittenEntry = {
  purpose: 'payment' | 'micro_credit' | 'micro_debit' | 'offset';
  paymentId: string | null;
  bankAccountId: string | null;
  transactionCode: number;
  amountCents: number;
  isDebit: boolean;
  traceNumber: string;
};

export type WrittenFile = {
  content: string;
  /** Entries written by `end()` itself (the offset, when no micro-entries closed the payments batch). */
  tail: WrittenEntry[];
  entryCount: number;
  batchCount: number;
  debitTotalCents: number;
  creditTotalCents: number;
  /** The trace sequence to hand out next. */
  nextTraceSequence: number;
};

const CREDIT_CODES: Record<AccountType, number> = { checking: 22, savings: 32 };
const DEBIT_CODES: Record<AccountType, number> = { checking: 27, savings: 37 };
const MAX_SEQUENCE = 9_999_999;
const MAX_ENTRY_CENTS = 9_999_999_999;
/** NACHA's Company Entry Description for a returned entry presented again. */
export const RETRY_DESCRIPTION = 'RETRY PYMT';
export type DebitBatch = 'regular' | 'retry';

/** YYMMDD from YYYY-MM-DD. */
export const yymmdd = (date: string) => date.slice(2).replaceAll('-', '');

/** The next File ID Modifier after the day's last one: A-Z, then 0-9; null when all 36 are used. */
export function nextFileIdModifier(used: string | null): string | null {
  const order = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  if (used === null) return 'A';
  const at = order.indexOf(used);
  return at === -1 || at === order.length - 1 ? null : (order[at + 1] ?? null);
}

/** Letters, digits and spaces in upper case: what every bank's ACH system prints without surprise. */
const plain = (text: string, length: number) =>
  text
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .toUpperCase()
    .slice(0, length);

export type FileStart = {
  originator: Originator;
  createdAt: { date: string; time: string };
  fileIdModifier: string;
  effectiveDate: string;
  firstTraceSequence: number;
};

/**
 * Writes one file in order, fed page by page so a day of 100,000 payments never sits in memory at once:
 * `payments(page)` for each page of the debits (it returns that page's entries, with their trace numbers, for
 * the caller to store), then `microEntries(list)`, then `end()` for the controls, the padding and the text.
 */
export function createAchFileWriter(input: FileStart) {
  const { originator } = input;
  const header: FileHeader = {
    priorityCode: '01',
    immediateDestination: originator.immediateDestination,
    immediateOrigin: originator.immediateOrigin.trim(),
    fileCreationDate: yymmdd(input.createdAt.date),
    fileCreationTime: input.createdAt.time.replace(':', ''),
    fileIdModifier: input.fileIdModifier,
    recordSize: '094',
    blockingFactor: '10',
    formatCode: '1',
    immediateDestinationName: plain(originator.immediateDestinationName, 23),
    immediateOriginName: plain(originator.immediateOriginName, 23),
    referenceCode: '',
  };
  // The text in pieces of 1,000 lines: 100,000 short strings alive at once would be most of the file's memory.
  const pieces: string[] = [];
  let piece: string[] = [];
  const writer = new NachaWriter(header, (line) => {
    piece.push(line);
    if (piece.length === 1000) {
      pieces.push(`${piece.join('\n')}\n`);
      piece = [];
    }
  });
  let sequence = input.firstTraceSequence;
  let batchNumber = 0;
  let entryCount = 0;
  let debits = 0;
  const nextTrace = () => {
    const trace = traceNumberFor(originator.odfiIdentification, sequence);
    sequence = sequence >= MAX_SEQUENCE ? 1 : sequence + 1;
    return trace;
  };
  const batchHeader = (serviceClassCode: number, description: string): BatchHeader => ({
    serviceClassCode,
    companyName: plain(originator.companyName, 16),
    companyDiscretionaryData: '',
    companyIdentification: originator.companyIdentification,
    standardEntryClassCode: 'WEB',
    companyEntryDescription: plain(description, 10),
    companyDescriptiveDate: '',
    effectiveEntryDate: yymmdd(input.effectiveDate),
    settlementDate: '',
    originatorStatusCode: '1',
    odfiIdentification: originator.odfiIdentification,
    batchNumber: (batchNumber += 1),
  });
  const add = (into: WrittenEntry[], written: Omit<WrittenEntry, 'traceNumber' | 'isDebit'>, account: Account, reference: string, name: string, paymentType: string) => {
    const traceNumber = nextTrace();
    const detail: EntryDetail = {
      transactionCode: written.transactionCode,
      rdfiIdentification: account.routingNumber.slice(0, 8),
      checkDigit: account.routingNumber.slice(8, 9),
      dfiAccountNumber: account.accountNumber,
      amount: written.amountCents,
      individualIdentificationNumber: plain(reference, 15),
      individualName: plain(name, 22),
      discretionaryData: paymentType,
      addendaRecordIndicator: '0',
      traceNumber,
    };
    writer.addEntry({ entry: detail, addenda05: [] });
    entryCount += 1;
    into.push({ ...written, isDebit: written.transactionCode % 10 >= 6, traceNumber });
  };
  // A debit batch opens with its first payment: the company's (RENT), then the retries of returned payments, whose
  // batch NACHA wants described RETRY PYMT; each closes (with its offset) before the next, the micro-entries last.
  let open: DebitBatch | null = null;
  let closed = false;

  /** Ends the open debit batch: the offsetting credit first when the company balances its files. */
  function closePayments(into: WrittenEntry[]) {
    if (!open) return;
    if (originator.balancedFiles) {
      // An entry's amount holds 10 digits ($99,999,999.99): a bigger day's offset is split over several credits.
      for (let left = debits; left > 0; left -= MAX_ENTRY_CENTS) {
        add(into, { purpose: 'offset', paymentId: null, bankAccountId: null, transactionCode: CREDIT_CODES[originator.settlement.accountType], amountCents: Math.min(left, MAX_ENTRY_CENTS) }, originator.settlement, 'OFFSET', originator.companyName, '');
      }
    }
    writer.endBatch();
    open = null;
    debits = 0;
  }

  return {
    /** A page of debits for `batch` (default the company's own); a retry page after the regular ones. */
    payments(page: FilePayment[], batch: DebitBatch = 'regular'): WrittenEntry[] {
      if (closed) throw new Error('The debit batches are closed: payments come before micro-entries');
      const written: WrittenEntry[] = [];
      if (page.length === 0) return written;
      if (open !== batch) {
        closePayments(written);
        writer.beginBatch(batchHeader(originator.balancedFiles ? 200 : 225, batch === 'retry' ? RETRY_DESCRIPTION : originator.entryDescription));
        open = batch;
      }
      for (const payment of page) {
        add(written, { purpose: 'payment', paymentId: payment.paymentId, bankAccountId: null, transactionCode: DEBIT_CODES[payment.account.accountType], amountCents: payment.amountCents }, payment.account, payment.reference, payment.holderName, payment.paymentType);
        debits += payment.amountCents;
      }
      return written;
    },

    microEntries(list: FileMicroEntries[]): WrittenEntry[] {
      const written: WrittenEntry[] = [];
      closePayments(written);
      closed = true;
      if (list.length === 0) return written;
      writer.beginBatch(batchHeader(200, 'ACCTVERIFY'));
      for (const micro of list) {
        const [first, second] = micro.creditsCents;
        const base = { paymentId: null, bankAccountId: micro.bankAccountId };
        add(written, { ...base, purpose: 'micro_credit', transactionCode: CREDIT_CODES[micro.account.accountType], amountCents: first }, micro.account, micro.reference, micro.holderName, '');
        add(written, { ...base, purpose: 'micro_credit', transactionCode: CREDIT_CODES[micro.account.accountType], amountCents: second }, micro.account, micro.reference, micro.holderName, '');
        add(written, { ...base, purpose: 'micro_debit', transactionCode: DEBIT_CODES[micro.account.accountType], amountCents: first + second }, micro.account, micro.reference, micro.holderName, 'S');
      }
      writer.endBatch();
      return written;
    },

    end(): WrittenFile {
      const tail: WrittenEntry[] = [];
      closePayments(tail);
      const control = writer.end();
      return {
        content: pieces.join('') + (piece.length > 0 ? `${piece.join('\n')}\n` : ''),
        tail,
        entryCount,
        batchCount: batchNumber,
        debitTotalCents: control.totalDebitAmount,
        creditTotalCents: control.totalCreditAmount,
        nextTraceSequence: sequence,
      };
    },
  };
}

/** A whole file at once (tests, small days): the same writer, fed in one page. */
export function writeAchFile(input: FileStart & { payments: FilePayment[]; microEntries: FileMicroEntries[] }): WrittenFile & { entries: WrittenEntry[] } {
  const writer = createAchFileWriter(input);
  const entries = writer.payments(input.payments);
  entries.push(...writer.microEntries(input.microEntries));
  const file = writer.end();
  return { ...file, entries: [...entries, ...file.tail] };
}
