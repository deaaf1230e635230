import { SaxesParser } from 'saxes';
import { SourceError, type AccountingProvider, type FetchOptions, type PaymentPosting, type PostingResult, type ProviderItem, type ReversalPosting } from '../accounting-provider.ts';
import { createDuplicateGuard } from '../accounting-row.domain.ts';
import type { SendResult } from '../posting-target.ts';
import { transformResidentTransactions } from '../mits/mits-resident-transactions.transform.ts';
import { findSoapFault } from '../mits/mits-xml.reader.ts';
import {
  buildGetResidentTransactionsEnvelope,
  buildImportResidentTransactionsEnvelope,
  GET_RESIDENT_TRANSACTIONS_ACTION,
  IMPORT_RESIDENT_TRANSACTIONS_ACTION,
  type YardiLogin,
  type YardiTransaction,
} from './yardi-soap.envelope.ts';

export type YardiSoapSettings = YardiLogin & {
  /** The ItfResidentTransactions20 endpoint, e.g. https://www.yardiasp14.com/12345demo/webservices/itfresidenttransactions20.asmx */
  url: string;
  /** Yardi property codes to import; each is one call. */
  propertyIds: string[];
  /** Per call, including reading the answer. */
  timeoutMs?: number;
};

export const DEFAULT_YARDI_TIMEOUT_MS = 120_000;
/** A property's answer is parsed whole; this bounds the memory one call can take. */
export const MAX_YARDI_ANSWER_BYTES = 100 * 1024 * 1024;

/**
 * Reads residents from Yardi Voyager through GetResidentTransactions_Login,
 * one call per property. Every property is fetched before the first row is
 * yielded, so a failing property fails the whole sync instead of leaving it
 * half done; rows are numbered on across properties as in one MITS file.
 */
export function createYardiSoapProvider(settings: YardiSoapSettings): AccountingProvider {
  return {
    kind: 'yardi',
    readResidents: (options) => readYardiResidents(settings, options),
    postPayments: (payments, options) => importEach(settings, payments.map((payment) => [payment, transactionOf(payment, 'payment')]), options?.signal),
    postReversals: (reversals, options) => importEach(settings, reversals.map((reversal) => [reversal, transactionOf(reversal, 'reversal')]), options?.signal),
  };
}

const DOCUMENT_NUMBER_MAX = 30;

function transactionOf(posting: PaymentPosting | ReversalPosting, kind: 'payment' | 'reversal'): YardiTransaction {
  const documentNumber = (posting.idempotencyKey ?? posting.paymentId.replaceAll('-', '')).slice(0, DOCUMENT_NUMBER_MAX);
  const original = kind === 'reversal' ? (posting as ReversalPosting) : null;
  return {
    kind,
    documentNumber,
    ...(original ? { originalDocumentNumber: original.originalExternalId ?? original.originalIdempotencyKey } : {}),
    propertyId: posting.propertyCode ?? '',
    customerId: posting.residentId,
    paidBy: posting.payerName ?? '',
    amountCents: posting.amountCents,
    date: posting.date,
    comment: original ? `${posting.memo}: ${original.reason}`.slice(0, 200) : posting.memo.slice(0, 200),
  };
}

/**
 * One ImportResidentTransactions_Login call per posting, so each gets its own outcome. Never throws: a failure
 * that dooms the rest (refused credentials, cancellation, an unusable URL) marks every remaining one not posted.
 * A call without Yardi's answer is `unanswered`: it is sent again later with the same DocumentNumber.
 * Assumption, not checked against a live Voyager: ImportResidentTransactions refuses a DocumentNumber already on
 * the resident's ledger, so sending it again after a lost answer does not post it twice.
 */
async function importEach(settings: YardiSoapSettings, items: [PaymentPosting, YardiTransaction][], signal: AbortSignal | undefined): Promise<SendResult[]> {
  const results: SendResult[] = [];
  let stopReason: string | null = null;
  let endpoint: URL | null = null;
  try {
    endpoint = checkEndpoint(settings.url);
  } catch (error) {
    stopReason = (error as Error).message;
  }
  for (const [posting, transaction] of items) {
    const failed = (message: string): PostingResult => ({ paymentId: posting.paymentId, ok: false, externalId: null, message });
    if (stopReason === null && signal?.aborted) stopReason = 'posting was cancelled';
    if (stopReason !== null || !endpoint) {
      results.push(failed(`Not posted: ${stopReason ?? 'no endpoint'}`));
      continue;
    }
    if (!transaction.propertyId) {
      results.push(failed('The resident has no Yardi property code to post under'));
      continue;
    }
    if (!Number.isSafeInteger(transaction.amountCents) || transaction.amountCents <= 0) {
      results.push(failed('A payment amount must be a positive number of cents'));
      continue;
    }
    try {
      await callImport(settings, endpoint, transaction, signal);
      results.push({ paymentId: posting.paymentId, ok: true, externalId: transaction.documentNumber, message: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const refused = error instanceof YardiImportRefused;
      results.push({ ...failed(refused || signal?.aborted ? message : `${message}; the transaction may have been imported, look for document ${transaction.documentNumber} in Yardi`), unanswered: !refused });
      if (signal?.aborted) stopReason = 'posting was cancelled';
      else if (error instanceof YardiImportRefused && error.credentials) stopReason = message;
    }
  }
  return results;
}

/** Yardi answered and refused the transaction: nothing was imported. */
class YardiImportRefused extends SourceError {
  constructor(
    message: string,
    readonly credentials = false,
  ) {
    super(message);
  }
}

async function callImport(settings: YardiSoapSettings, endpoint: URL, transaction: YardiTransaction, signal: AbortSignal | undefined): Promise<void> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_YARDI_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let answer: string;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${IMPORT_RESIDENT_TRANSACTIONS_ACTION}"` },
      body: buildImportResidentTransactionsEnvelope(settings, transaction),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'manual',
    });
    answer = await readAnswer(response);
  } catch (error) {
    if (signal?.aborted) throw new SourceError('Posting was cancelled');
    if (timeout.aborted) throw new SourceError(`Yardi did not answer within ${formatSeconds(timeoutMs)} s`, true);
    if (error instanceof SourceError) throw error;
    throw new SourceError(`Could not reach Yardi at ${endpoint.host}: ${describeNetworkError(error)}`, true);
  }
  const { status } = response;
  if (status === 401 || status === 403) throw new YardiImportRefused(`Yardi refused the credentials (HTTP ${status}); check the user name, password, server and database in the integration settings`, true);
  const { fault, messages } = readImportAnswer(answer);
  if (status >= 300 && status < 400) throw new YardiImportRefused(`Yardi redirects to ${response.headers.get('location') ?? 'another address'}; use that URL in the integration settings`, true);
  if (status >= 500) throw new SourceError(`Yardi answered HTTP ${status}${fault ? `: ${fault}` : ''}`, true);
  if (status < 200 || status >= 300) throw new YardiImportRefused(`Yardi answered HTTP ${status}`);
  if (fault) throw new YardiImportRefused(`Yardi refused the transaction: ${fault}`);
  const errors = messages.filter((message) => message.type.toLowerCase() === 'error').map((message) => message.text);
  if (errors.length > 0) throw new YardiImportRefused(`Yardi refused the transaction: ${errors.join('; ')}`);
}

/** The SOAP fault's faultstring and the Messages / Message elements (with their messageType) of the answer. */
export function readImportAnswer(xml: string): { fault: string | null; messages: { type: string; text: string }[] } {
  const parser = new SaxesParser({ xmlns: false });
  const messages: { type: string; text: string }[] = [];
  let fault: string | null = null;
  let open: { name: string; type: string; text: string } | null = null;
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    if (name === 'Message' || name === 'faultstring') open = { name, type: String(tag.attributes.messageType ?? ''), text: '' };
  });
  let loose = '';
  parser.on('text', (text) => {
    if (open) open.text += text;
    else loose += text;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    if (!open || name !== open.name) return;
    if (name === 'Message') messages.push({ type: open.type, text: open.text.trim() });
    else fault = open.text.trim();
    open = null;
  });
  try {
    parser.write(xml).close();
  } catch {
    return { fault: xml.trim() ? 'an answer that is not XML' : null, messages };
  }
  // Some Yardi servers send the Messages document as an escaped string inside the Result element.
  if (messages.length === 0 && fault === null && loose.includes('<Message')) return readImportAnswer(loose.trim());
  return { fault, messages };
}

async function* readYardiResidents(settings: YardiSoapSettings, { signal, onTotal }: FetchOptions = {}): AsyncGenerator<ProviderItem> {
  const endpoint = checkEndpoint(settings.url);
  const items: ProviderItem[] = [];
  let nextRow = 1;
  let residentCount = 0;
  for (const propertyId of settings.propertyIds) {
    const answer = await callGetResidentTransactions(settings, endpoint, propertyId, signal);
    const result = namingProperty(propertyId, () => transformResidentTransactions(answer, { firstRow: nextRow }));
    items.push(...result.items);
    nextRow = result.nextRow;
    residentCount += result.residentCount;
  }
  onTotal?.(residentCount);
  const guard = createDuplicateGuard();
  for (const item of items) yield guard(item);
}

async function callGetResidentTransactions(settings: YardiSoapSettings, endpoint: URL, propertyId: string, signal: AbortSignal | undefined): Promise<string> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_YARDI_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  let status: number;
  let answer: string;
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${GET_RESIDENT_TRANSACTIONS_ACTION}"` },
      body: buildGetResidentTransactionsEnvelope(settings, propertyId),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      // Following a redirect would turn the POST into a GET and lose the request.
      redirect: 'manual',
    });
    status = response.status;
    if (status >= 300 && status < 400) throw new SourceError(`Yardi redirects to ${response.headers.get('location') ?? 'another address'}; use that URL in the integration settings`);
    answer = await readAnswer(response);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) throw new SourceError(`Yardi did not answer within ${formatSeconds(timeoutMs)} s (property ${propertyId})`, true);
    if (error instanceof SourceError) throw error;
    throw new SourceError(`Could not reach Yardi at ${endpoint.host}: ${describeNetworkError(error)}`, true);
  }
  refuseFailedStatus(status, answer);
  return answer;
}

function refuseFailedStatus(status: number, answer: string) {
  if (status === 401 || status === 403) {
    throw new SourceError(`Yardi refused the credentials (HTTP ${status}); check the user name, password, server and database in the integration settings`);
  }
  if (status >= 500) {
    const fault = findSoapFault(answer);
    throw new SourceError(`Yardi answered HTTP ${status}${fault ? `: ${fault}` : ''}`, true);
  }
  if (status < 200 || status >= 300) throw new SourceError(`Yardi answered HTTP ${status}; check the web service URL in the integration settings`);
}

async function readAnswer(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_YARDI_ANSWER_BYTES) throw new SourceError(`Yardi's answer for one property is over ${MAX_YARDI_ANSWER_BYTES / 1024 / 1024} MB, more than can be imported`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The password travels in the body, so anything but a local test server must be reached over TLS. */
function checkEndpoint(url: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw new SourceError(`The Yardi web service URL "${url}" is not a valid address`);
  }
  if (endpoint.protocol === 'https:' || (endpoint.protocol === 'http:' && LOOPBACK_HOSTS.has(endpoint.hostname))) return endpoint;
  throw new SourceError(`The Yardi web service URL must start with https:// so the password is not sent in clear text (got "${url}")`);
}

function namingProperty<T>(propertyId: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SourceError) throw new SourceError(`Yardi property ${propertyId}: ${error.message}`, error.retryable);
    throw error;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

const formatSeconds = (milliseconds: number) => String(Math.round(milliseconds / 100) / 10);
