// Transaction codes (entry detail positions 2-3): the first digit is the account type, the second what the
// entry does. 1-4 are credits (1 return or NOC, 2 live, 3 prenote, 4 zero-dollar with remittance data),
// 5-9 debits (5 loan reversal only, 6 return or NOC, 7 live, 8 prenote, 9 zero-dollar).

export const TRANSACTION_CODES: Readonly<Record<number, string>> = {
  21: 'Checking credit return or NOC',
  22: 'Checking credit',
  23: 'Checking credit prenote',
  24: 'Checking zero-dollar credit with remittance data',
  26: 'Checking debit return or NOC',
  27: 'Checking debit',
  28: 'Checking debit prenote',
  29: 'Checking zero-dollar debit with remittance data',
  31: 'Savings credit return or NOC',
  32: 'Savings credit',
  33: 'Savings credit prenote',
  34: 'Savings zero-dollar credit with remittance data',
  36: 'Savings debit return or NOC',
  37: 'Savings debit',
  38: 'Savings debit prenote',
  39: 'Savings zero-dollar debit with remittance data',
  41: 'General ledger credit return or NOC',
  42: 'General ledger credit',
  43: 'General ledger credit prenote',
  44: 'General ledger zero-dollar credit with remittance data',
  46: 'General ledger debit return or NOC',
  47: 'General ledger debit',
  48: 'General ledger debit prenote',
  49: 'General ledger zero-dollar debit with remittance data',
  51: 'Loan credit return or NOC',
  52: 'Loan credit',
  53: 'Loan credit prenote',
  54: 'Loan zero-dollar credit with remittance data',
  55: 'Loan debit (reversal)',
  56: 'Loan debit return or NOC',
};

export function isKnownTransactionCode(code: number): boolean {
  return Object.hasOwn(TRANSACTION_CODES, code);
}

export function isCreditTransactionCode(code: number): boolean {
  const action = code % 10;
  return action >= 1 && action <= 4;
}

export function isDebitTransactionCode(code: number): boolean {
  const action = code % 10;
  return action >= 5 && action <= 9;
}

/** Returns and NOCs come back on the x1 and x6 codes. */
export function isReturnOrNocTransactionCode(code: number): boolean {
  return code % 10 === 1 || code % 10 === 6;
}

/** Prenotes and zero-dollar entries carry no money, so their amount must be zero. */
export function isZeroDollarTransactionCode(code: number): boolean {
  const action = code % 10;
  return action === 3 || action === 4 || action === 8 || action === 9;
}

export const SERVICE_CLASS_MIXED = 200;
export const SERVICE_CLASS_CREDITS_ONLY = 220;
export const SERVICE_CLASS_DEBITS_ONLY = 225;
/** ACH administrative entries. */
export const SERVICE_CLASS_AUTOMATED_ACCOUNTING_ADVICES = 280;
