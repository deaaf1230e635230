import type { NachaEntry, NachaFile } from './nacha-file.ts';

/** Return reason codes (Addenda 99 positions 4-6) in plain language, for residents and landlords. */
export const RETURN_REASONS: Readonly<Record<string, string>> = {
  R01: 'Insufficient funds',
  R02: 'Account closed',
  R03: 'No account or unable to locate account',
  R04: 'Invalid account number',
  R05: 'Unauthorized debit to a consumer account using a corporate entry class',
  R06: "Returned at the originating bank's request",
  R07: 'Authorization revoked by the customer',
  R08: 'Payment stopped',
  R09: 'Uncollected funds',
  R10: 'Customer says the debit was not authorized, or the originator is not known',
  R11: 'Customer says the debit did not follow the terms of the authorization',
  R12: 'Account sold to another bank',
  R13: 'Invalid routing number',
  R14: 'Representative payee deceased or unable to continue in that capacity',
  R15: 'Beneficiary or account holder deceased',
  R16: 'Account frozen, or returned per OFAC instruction',
  R17: 'File record edit criteria, or entry initiated under questionable circumstances',
  R18: 'Improper effective entry date',
  R19: 'Amount field error',
  R20: 'Non-transaction account (payments from this account are restricted)',
  R21: 'Invalid company identification',
  R22: 'Invalid individual ID number',
  R23: 'Credit entry refused by the receiver',
  R24: 'Duplicate entry',
  R25: 'Addenda error',
  R26: 'Mandatory field error',
  R27: 'Trace number error',
  R28: 'Routing number check digit error',
  R29: 'Corporate customer says the debit was not authorized',
  R30: 'Receiving bank does not take part in check truncation',
  R31: 'Permissible return entry (CCD and CTX only)',
  R32: 'Receiving bank cannot settle',
  R33: 'Return of XCK entry',
  R34: 'Limited participation bank',
  R35: 'Return of improper debit entry',
  R36: 'Return of improper credit entry',
  R37: 'Source document presented for payment',
  R38: 'Stop payment on source document',
  R39: 'Improper source document, or source document presented for payment',
  R40: 'Return of ENR entry by a federal government agency',
  R41: 'Invalid transaction code (ENR)',
  R42: 'Routing number or check digit error (ENR)',
  R43: 'Invalid account number (ENR)',
  R44: 'Invalid individual ID number (ENR)',
  R45: 'Invalid individual or company name (ENR)',
  R46: 'Invalid representative payee indicator (ENR)',
  R47: 'Duplicate enrollment (ENR)',
  R50: 'State law affecting RCK acceptance',
  R51: 'Item related to RCK entry is ineligible, or RCK entry is improper',
  R52: 'Stop payment on item related to RCK entry',
  R53: 'Item and RCK entry presented for payment',
  R61: 'Misrouted return',
  R62: 'Return of erroneous or reversing debit',
  R67: 'Duplicate return',
  R68: 'Untimely return',
  R69: 'Field errors in the return',
  R70: 'Permissible return entry not accepted, or return not requested by the originating bank',
  R71: 'Misrouted dishonored return',
  R72: 'Untimely dishonored return',
  R73: 'Timely original return',
  R74: 'Corrected return',
  R75: 'Return not a duplicate',
  R76: 'No errors found',
  R77: 'Non-acceptance of R62 dishonored return',
  R80: 'International payment coding error',
  R81: 'Non-participant in international payments',
  R82: 'Invalid foreign receiving bank identification',
  R83: 'Foreign receiving bank unable to settle',
  R84: 'Entry not processed by the gateway',
  R85: 'Incorrectly coded outbound international payment',
};

/** Change codes (Addenda 98 positions 4-6): what the receiver's bank says to correct before the next entry. */
export const CHANGE_REASONS: Readonly<Record<string, string>> = {
  C01: 'Incorrect bank account number',
  C02: 'Incorrect routing number',
  C03: 'Incorrect routing number and bank account number',
  C04: 'Incorrect individual name or receiving company name',
  C05: 'Incorrect transaction code (account type)',
  C06: 'Incorrect bank account number and transaction code',
  C07: 'Incorrect routing number, bank account number and transaction code',
  C08: 'Incorrect receiving bank identification (international payments)',
  C09: 'Incorrect individual identification number',
  C10: 'Incorrect company name',
  C11: 'Incorrect company identification',
  C12: 'Incorrect company name and company identification',
  C13: 'Addenda format error',
};

export function returnReason(code: string): string | undefined {
  return RETURN_REASONS[code];
}

export function changeReason(code: string): string | undefined {
  return CHANGE_REASONS[code];
}

export interface ReturnDetails {
  reasonCode: string;
  /** Plain language, or undefined for a code not in RETURN_REASONS. */
  reason: string | undefined;
  /** The trace number of the entry we originated: how a return finds its payment. */
  originalTraceNumber: string;
  originalRdfiIdentification: string;
  dateOfDeath: string;
  addendaInformation: string;
  amount: number;
}

export interface ChangeDetails {
  changeCode: string;
  reason: string | undefined;
  originalTraceNumber: string;
  originalRdfiIdentification: string;
  /** The new value (account number, routing number, ...), trailing blanks removed. */
  correctedData: string;
}

export type EntryCategory = 'forward' | 'return' | 'noc';

export function entryCategory(entry: NachaEntry): EntryCategory {
  if (entry.addenda99) return 'return';
  if (entry.addenda98) return 'noc';
  return 'forward';
}

export function returnDetails(entry: NachaEntry): ReturnDetails | undefined {
  const addenda = entry.addenda99;
  if (!addenda) return undefined;
  return {
    reasonCode: addenda.returnReasonCode,
    reason: returnReason(addenda.returnReasonCode),
    originalTraceNumber: addenda.originalTraceNumber,
    originalRdfiIdentification: addenda.originalRdfiIdentification,
    dateOfDeath: addenda.dateOfDeath,
    addendaInformation: addenda.addendaInformation,
    amount: entry.entry.amount,
  };
}

export function changeDetails(entry: NachaEntry): ChangeDetails | undefined {
  const addenda = entry.addenda98;
  if (!addenda) return undefined;
  return {
    changeCode: addenda.changeCode,
    reason: changeReason(addenda.changeCode),
    originalTraceNumber: addenda.originalTraceNumber,
    originalRdfiIdentification: addenda.originalRdfiIdentification,
    correctedData: addenda.correctedData,
  };
}

/** Every returned entry in a bank's file, in file order. */
export function returnEntries(file: Pick<NachaFile, 'batches'>): Array<ReturnDetails & { entry: NachaEntry }> {
  return file.batches.flatMap((batch) =>
    batch.entries.flatMap((entry) => {
      const details = returnDetails(entry);
      return details ? [{ ...details, entry }] : [];
    }),
  );
}

export function notificationsOfChange(file: Pick<NachaFile, 'batches'>): Array<ChangeDetails & { entry: NachaEntry }> {
  return file.batches.flatMap((batch) =>
    batch.entries.flatMap((entry) => {
      const details = changeDetails(entry);
      return details ? [{ ...details, entry }] : [];
    }),
  );
}
