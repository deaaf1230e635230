import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import {
  escapeXml,
  GET_RESIDENT_TRANSACTIONS_ACTION,
  GET_RESIDENT_TRANSACTIONS_OPERATION,
  IMPORT_RESIDENT_TRANSACTIONS_ACTION,
  IMPORT_RESIDENT_TRANSACTIONS_OPERATION,
  ITF_RESIDENT_TRANSACTIONS_NAMESPACE,
} from './yardi-soap.envelope.ts';

/**
 * A local stand-in for Yardi's ItfResidentTransactions20 web service, for
 * tests: it checks the SOAPAction and the credentials like Yardi does, answers
 * a ResidentTransactions document per property, and fails on demand.
 */

export type FakeYardiBehaviour =
  | 'answer'
  /** 500 with a SOAP Fault, as ASMX services answer an exception. */
  | 'fault'
  /** 200 whose body is a SOAP Fault. */
  | 'fault-in-200'
  /** Waits slowMs before answering. */
  | 'slow';

export type FakeYardiOptions = {
  userName: string;
  password: string;
  /** ResidentTransactions XML by Yardi property ID. */
  answers: Record<string, string>;
  /** Yardi sends the document either as XML inside the Result element or as an escaped string. */
  payload?: 'element' | 'escaped';
  slowMs?: number;
};

export type FakeYardiRequest = { soapAction: string | undefined; contentType: string | undefined; parameters: Record<string, string> };

/** One imported transaction (ImportResidentTransactions_Login), as the ledger keeps it. */
export type FakeYardiImport = {
  type: string;
  documentNumber: string;
  originalDocumentNumber: string | null;
  customerId: string;
  propertyId: string;
  amount: string;
  date: string;
  paidBy: string;
  comment: string;
};

export type FakeYardiServer = {
  url: string;
  requests: FakeYardiRequest[];
  /** Transactions imported, once per DocumentNumber. */
  imports: FakeYardiImport[];
  behaviour: FakeYardiBehaviour;
  close(): Promise<void>;
};

const requestParser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, processEntities: true });

export async function startFakeYardiServer(options: FakeYardiOptions): Promise<FakeYardiServer> {
  const requests: FakeYardiRequest[] = [];
  const imports: FakeYardiImport[] = [];
  const fake: Omit<FakeYardiServer, 'url' | 'close'> = { requests, imports, behaviour: 'answer' };
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => sendFault(response, 500, `Fake server error: ${String(error)}`));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    const soapAction = request.headers.soapaction;
    const importing = soapAction === `"${IMPORT_RESIDENT_TRANSACTIONS_ACTION}"`;
    const parameters = readParameters(body, importing ? IMPORT_RESIDENT_TRANSACTIONS_OPERATION : GET_RESIDENT_TRANSACTIONS_OPERATION);
    requests.push({ soapAction: typeof soapAction === 'string' ? soapAction : undefined, contentType: request.headers['content-type'], parameters });
    if (request.method !== 'POST') return sendFault(response, 405, 'Only POST is supported');
    if (importing) return handleImport(body, parameters, response);
    if (soapAction !== `"${GET_RESIDENT_TRANSACTIONS_ACTION}"`) return sendFault(response, 500, `Server did not recognize the value of HTTP Header SOAPAction: ${String(soapAction)}.`);
    if (parameters.UserName !== options.userName || parameters.Password !== options.password) return send(response, 401, 'text/plain', 'Unauthorized');
    if (fake.behaviour === 'fault') return sendFault(response, 500, 'Server was unable to process request. ---> Timeout expired while reading the ledger');
    if (fake.behaviour === 'fault-in-200') return sendFault(response, 200, 'Interface license is not valid for this entity');
    if (fake.behaviour === 'slow') await delay(options.slowMs ?? 5_000);
    if (response.destroyed) return;
    send(response, 200, 'text/xml; charset=utf-8', answerFor(parameters.YardiPropertyId ?? '', options));
  }

  /**
   * ImportResidentTransactions_Login: the credentials as for reading, then the TransactionXml's Payment. A
   * DocumentNumber imported before answers what the first import answered and imports nothing.
   */
  async function handleImport(body: string, parameters: Record<string, string>, response: ServerResponse) {
    if (parameters.UserName !== options.userName || parameters.Password !== options.password) return send(response, 401, 'text/plain', 'Unauthorized');
    if (fake.behaviour === 'fault') return sendFault(response, 500, 'Server was unable to process request. ---> Timeout expired while posting the receipt');
    if (fake.behaviour === 'fault-in-200') return sendFault(response, 200, 'Interface license is not valid for this entity');
    if (fake.behaviour === 'slow') await delay(options.slowMs ?? 5_000);
    if (response.destroyed) return;
    const transaction = readTransaction(body);
    const problems: string[] = [];
    if (!transaction) problems.push('TransactionXml holds no Payment');
    else {
      if (!transaction.documentNumber) problems.push('DocumentNumber is required');
      if (!/^\d+\.\d{2}$/.test(transaction.amount)) problems.push(`Amount ${transaction.amount} is not valid`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(transaction.date)) problems.push(`TransactionDate ${transaction.date} is not valid`);
      if (!transaction.customerId) problems.push('CustomerID is required');
      if (!(transaction.propertyId in options.answers)) problems.push(`Invalid or no access to Yardi property ${transaction.propertyId}`);
      if (transaction.type === 'Reversal' && !imports.some((earlier) => earlier.type !== 'Reversal' && earlier.documentNumber === transaction.originalDocumentNumber)) {
        problems.push(`No receipt with DocumentNumber ${transaction.originalDocumentNumber ?? '(none)'} to reverse`);
      }
    }
    if (problems.length > 0 || !transaction) return send(response, 200, 'text/xml; charset=utf-8', importAnswer(problems.map((text) => ['Error', text])));
    const earlier = imports.find((candidate) => candidate.documentNumber === transaction.documentNumber);
    if (!earlier) imports.push(transaction);
    send(response, 200, 'text/xml; charset=utf-8', importAnswer([['FYI', `1 ${transaction.type === 'Reversal' ? 'reversal' : 'receipt'} imported (DocumentNumber ${transaction.documentNumber})`]]));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/webservices/itfresidenttransactions20.asmx`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function readParameters(body: string, operation: string): Record<string, string> {
  const envelope = (requestParser.parse(body) as { Envelope?: { Body?: Record<string, unknown> } }).Envelope;
  const call = envelope?.Body?.[operation];
  if (typeof call !== 'object' || call === null) return {};
  return Object.fromEntries(Object.entries(call).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

const transactionParser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, processEntities: true, ignoreAttributes: false, attributeNamePrefix: '@' });

function readTransaction(body: string): FakeYardiImport | null {
  type Node = Record<string, unknown>;
  const at = (node: unknown, ...path: string[]): unknown => path.reduce<unknown>((value, name) => (value && typeof value === 'object' ? (value as Node)[name] : undefined), node);
  const parsed = transactionParser.parse(body) as Node;
  const payment = at(parsed, 'Envelope', 'Body', IMPORT_RESIDENT_TRANSACTIONS_OPERATION, 'TransactionXml', 'ResidentTransactions', 'Property', 'RT_Customer', 'RTServiceTransactions', 'Transactions', 'Payment') as Node | undefined;
  const detail = at(payment, 'Detail') as Node | undefined;
  if (!payment || !detail) return null;
  const text = (name: string) => (typeof detail[name] === 'string' ? (detail[name] as string) : '');
  return {
    type: typeof payment['@Type'] === 'string' ? (payment['@Type'] as string) : '',
    documentNumber: text('DocumentNumber'),
    originalDocumentNumber: text('OriginalDocumentNumber') || null,
    customerId: text('CustomerID'),
    propertyId: text('PropertyPrimaryID'),
    amount: text('Amount'),
    date: text('TransactionDate'),
    paidBy: text('PaidBy'),
    comment: text('Comment'),
  };
}

function importAnswer(messages: string[][]): string {
  const body = messages.map(([type, text]) => `<Message messageType="${type}">${escapeXml(text ?? '')}</Message>`).join('');
  return envelope(
    `<${IMPORT_RESIDENT_TRANSACTIONS_OPERATION}Response xmlns="${ITF_RESIDENT_TRANSACTIONS_NAMESPACE}"><${IMPORT_RESIDENT_TRANSACTIONS_OPERATION}Result><Messages>${body}</Messages></${IMPORT_RESIDENT_TRANSACTIONS_OPERATION}Result></${IMPORT_RESIDENT_TRANSACTIONS_OPERATION}Response>`,
  );
}

function answerFor(propertyId: string, options: FakeYardiOptions): string {
  const document = options.answers[propertyId];
  const result = document === undefined ? `<Messages><Message messageType="Error">Invalid or no access to Yardi property ${escapeXml(propertyId)}</Message></Messages>` : withoutDeclaration(document);
  const payload = options.payload === 'escaped' ? escapeXml(result) : result;
  return envelope(
    `<${GET_RESIDENT_TRANSACTIONS_OPERATION}Response xmlns="${ITF_RESIDENT_TRANSACTIONS_NAMESPACE}"><${GET_RESIDENT_TRANSACTIONS_OPERATION}Result>${payload}</${GET_RESIDENT_TRANSACTIONS_OPERATION}Result></${GET_RESIDENT_TRANSACTIONS_OPERATION}Response>`,
  );
}

const withoutDeclaration = (xml: string) => xml.replace(/^\s*<\?xml[^>]*\?>/, '');

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

function sendFault(response: ServerResponse, status: number, message: string) {
  send(response, status, 'text/xml; charset=utf-8', envelope(`<soap:Fault><faultcode>soap:Server</faultcode><faultstring>${escapeXml(message)}</faultstring><detail /></soap:Fault>`));
}

function send(response: ServerResponse, status: number, contentType: string, body: string) {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { 'Content-Type': contentType });
  response.end(body);
}

const delay = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds).unref());
