import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { escapeXml, GET_RESIDENT_TRANSACTIONS_ACTION, GET_RESIDENT_TRANSACTIONS_OPERATION, ITF_RESIDENT_TRANSACTIONS_NAMESPACE } from './yardi-soap.envelope.ts';

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

export type FakeYardiServer = {
  url: string;
  requests: FakeYardiRequest[];
  behaviour: FakeYardiBehaviour;
  close(): Promise<void>;
};

const requestParser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, processEntities: true });

export async function startFakeYardiServer(options: FakeYardiOptions): Promise<FakeYardiServer> {
  const requests: FakeYardiRequest[] = [];
  const fake: Omit<FakeYardiServer, 'url' | 'close'> = { requests, behaviour: 'answer' };
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => sendFault(response, 500, `Fake server error: ${String(error)}`));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const parameters = readParameters(await readBody(request));
    const soapAction = request.headers.soapaction;
    requests.push({ soapAction: typeof soapAction === 'string' ? soapAction : undefined, contentType: request.headers['content-type'], parameters });
    if (request.method !== 'POST') return sendFault(response, 405, 'Only POST is supported');
    if (soapAction !== `"${GET_RESIDENT_TRANSACTIONS_ACTION}"`) return sendFault(response, 500, `Server did not recognize the value of HTTP Header SOAPAction: ${String(soapAction)}.`);
    if (parameters.UserName !== options.userName || parameters.Password !== options.password) return send(response, 401, 'text/plain', 'Unauthorized');
    if (fake.behaviour === 'fault') return sendFault(response, 500, 'Server was unable to process request. ---> Timeout expired while reading the ledger');
    if (fake.behaviour === 'fault-in-200') return sendFault(response, 200, 'Interface license is not valid for this entity');
    if (fake.behaviour === 'slow') await delay(options.slowMs ?? 5_000);
    if (response.destroyed) return;
    send(response, 200, 'text/xml; charset=utf-8', answerFor(parameters.YardiPropertyId ?? '', options));
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

function readParameters(body: string): Record<string, string> {
  const envelope = (requestParser.parse(body) as { Envelope?: { Body?: Record<string, unknown> } }).Envelope;
  const call = envelope?.Body?.[GET_RESIDENT_TRANSACTIONS_OPERATION];
  if (typeof call !== 'object' || call === null) return {};
  return Object.fromEntries(Object.entries(call).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
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
