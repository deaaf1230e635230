import { SourceError } from '../accounting-provider.ts';

/**
 * The SOAP 1.1 request of Yardi's ItfResidentTransactions20 web service.
 * Pure, so the exact bytes sent can be tested without a server.
 */

export const ITF_RESIDENT_TRANSACTIONS_NAMESPACE = 'http://tempuri.org/YSI.Interfaces.WebServices/ItfResidentTransactions20';
export const GET_RESIDENT_TRANSACTIONS_OPERATION = 'GetResidentTransactions_Login';
export const GET_RESIDENT_TRANSACTIONS_ACTION = `${ITF_RESIDENT_TRANSACTIONS_NAMESPACE}/${GET_RESIDENT_TRANSACTIONS_OPERATION}`;
/** Yardi licenses interfaces per vendor; this is the name our license is issued to. */
export const INTERFACE_ENTITY = 'RentLedger';
export const PLATFORM = 'SQL Server';

export type YardiLogin = {
  userName: string;
  password: string;
  serverName: string;
  database: string;
  interfaceLicense?: string;
};

export function buildGetResidentTransactionsEnvelope(login: YardiLogin, propertyId: string): string {
  // The WSDL declares the parameters as a sequence, so their order matters.
  const parameters: [string, string][] = [
    ['UserName', login.userName],
    ['Password', login.password],
    ['ServerName', login.serverName],
    ['Database', login.database],
    ['Platform', PLATFORM],
    ['YardiPropertyId', propertyId],
    ['InterfaceEntity', INTERFACE_ENTITY],
    ['InterfaceLicense', login.interfaceLicense ?? ''],
  ];
  const elements = parameters.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Body><${GET_RESIDENT_TRANSACTIONS_OPERATION} xmlns="${ITF_RESIDENT_TRANSACTIONS_NAMESPACE}">${elements}</${GET_RESIDENT_TRANSACTIONS_OPERATION}></soap:Body>` +
    '</soap:Envelope>'
  );
}

const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** XML 1.0 cannot carry most control characters at all, even escaped; a setting holding one is refused, not altered. */
export function escapeXml(value: string): string {
  if (NOT_XML_CHARACTERS.test(value)) throw new SourceError('A Yardi setting contains a control character, which cannot be sent; retype it');
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}

export const IMPORT_RESIDENT_TRANSACTIONS_OPERATION = 'ImportResidentTransactions_Login';
export const IMPORT_RESIDENT_TRANSACTIONS_ACTION = `${ITF_RESIDENT_TRANSACTIONS_NAMESPACE}/${IMPORT_RESIDENT_TRANSACTIONS_OPERATION}`;

/**
 * One transaction to import: a payment received, or the reversal of one posted earlier. `documentNumber` is our
 * idempotency key (Yardi keeps a receipt's DocumentNumber, so a second import of the same one is recognised).
 */
export type YardiTransaction = {
  kind: 'payment' | 'reversal';
  documentNumber: string;
  /** The posted payment's DocumentNumber, for a reversal. */
  originalDocumentNumber?: string;
  propertyId: string;
  customerId: string;
  paidBy: string;
  amountCents: number;
  /** YYYY-MM-DD */
  date: string;
  comment: string;
};

const dollars = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * The TransactionXml document: a MITS ResidentTransactions document, in the shape Yardi answers
 * GetResidentTransactions_Login with (Property / RT_Customer / RTServiceTransactions / Transactions), holding one
 * Payment with its Detail. A reversal is a Payment of Type "Reversal" naming the original DocumentNumber.
 */
export function buildTransactionXml(transaction: YardiTransaction): string {
  const fields: [string, string][] = [
    ['DocumentNumber', transaction.documentNumber],
    ...(transaction.originalDocumentNumber ? ([['OriginalDocumentNumber', transaction.originalDocumentNumber]] as [string, string][]) : []),
    ['TransactionDate', transaction.date],
    ['CustomerID', transaction.customerId],
    ['PaidBy', transaction.paidBy],
    ['Amount', dollars(transaction.amountCents)],
    ['Comment', transaction.comment],
    ['PropertyPrimaryID', transaction.propertyId],
  ];
  const detail = fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  const type = transaction.kind === 'reversal' ? 'Reversal' : 'Other';
  return `<ResidentTransactions xmlns=""><Property><RT_Customer><RTServiceTransactions><Transactions><Payment Type="${type}"><Detail>${detail}</Detail></Payment></Transactions></RTServiceTransactions></RT_Customer></Property></ResidentTransactions>`;
}

export function buildImportResidentTransactionsEnvelope(login: YardiLogin, transaction: YardiTransaction): string {
  const parameters: [string, string][] = [
    ['UserName', login.userName],
    ['Password', login.password],
    ['ServerName', login.serverName],
    ['Database', login.database],
    ['Platform', PLATFORM],
    ['InterfaceEntity', INTERFACE_ENTITY],
    ['InterfaceLicense', login.interfaceLicense ?? ''],
  ];
  const elements = parameters.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<soap:Body><${IMPORT_RESIDENT_TRANSACTIONS_OPERATION} xmlns="${ITF_RESIDENT_TRANSACTIONS_NAMESPACE}">${elements}<TransactionXml>${buildTransactionXml(transaction)}</TransactionXml></${IMPORT_RESIDENT_TRANSACTIONS_OPERATION}></soap:Body>` +
    '</soap:Envelope>'
  );
}
