import { SaxesParser } from 'saxes';
import { SourceError } from '../accounting-provider.ts';

/**
 * Reads a MITS ResidentTransactions document, or Yardi's SOAP answer holding
 * one, as a stream: text goes in a piece at a time, and each property's
 * PropertyID and each RT_Customer household comes out as a small tree as soon
 * as its closing tag is read. Only one household is held at a time, so a 50 MB
 * file costs what one household costs, not what the file does.
 *
 * The trees keep the shape the transform reads: namespace prefixes dropped,
 * attributes under "@Name", text (entities already resolved) under "#text",
 * and an array where a child element repeats.
 */

export type XmlNode = { [name: string]: unknown };

export type ResidentTransactionsHandlers = {
  /** A Property element opened: what follows belongs to it until the next one. */
  onProperty(): void;
  /** The property's PropertyID element (its codes and address). */
  onPropertyId(propertyId: XmlNode): void;
  /** One RT_Customer element: a household and its customers. */
  onHousehold(household: XmlNode): void;
};

export type XmlStreamReader = {
  write(text: string): void;
  /** Ends the document: refuses one that is cut short or held no residents document. */
  close(): void;
};

/** Where a collected element goes once it closes. */
type Collector = 'property-id' | 'household' | 'fault' | 'messages';

type Frame = {
  name: string;
  /** As written, prefix included, and where, for an error message about a tag left open. */
  tagName: string;
  line: number;
  /** The tree being built when this element lies inside a collected one. */
  node: XmlNode | null;
  collector: Collector | null;
  /** Text of a SOAP Result element, which Yardi often fills with the document as an escaped string. */
  resultText: string[] | null;
};

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export function createResidentTransactionsReader(handlers: ResidentTransactionsHandlers): XmlStreamReader {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [];
  /** Depth of the ResidentTransactions element, once one is found (0 for a file, deeper inside SOAP). */
  let documentDepth: number | null = null;
  let soap = false;
  let messages: XmlNode | null = null;
  /** Only the first Result of a SOAP answer is read. */
  let resultDone = false;

  /** saxes pops an unclosed element before it reports "unexpected close tag", so that message can name it. */
  let lastClosed: Frame | undefined;
  parser.on('error', (error) => {
    const reason = error.message.replace(/^[^:]*?\d+:\d+: /, '');
    const named = reason === 'unexpected close tag.' && lastClosed ? `<${lastClosed.tagName}> (opened at line ${lastClosed.line}) is never closed` : reason;
    throw new SourceError(`The XML is broken at line ${parser.line}, column ${parser.column}: ${named}`);
  });
  parser.on('doctype', () => {
    throw new SourceError('The XML declares a DOCTYPE or entities, which are refused for safety; export the file again without them');
  });

  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const parent = stack.at(-1);
    const depth = stack.length;
    const frame: Frame = { name, tagName: tag.name, line: parser.line, node: null, collector: null, resultText: null };
    if (parent?.node) {
      frame.node = attributesOf(tag.attributes as Record<string, string>);
      appendChild(parent.node, name, frame.node);
    } else {
      frame.collector = placeElement(name, depth);
      if (frame.collector) frame.node = attributesOf(tag.attributes as Record<string, string>);
      if (soap && depth === 3 && stack[2]?.name.endsWith('Response') && name.endsWith('Result') && !resultDone) frame.resultText = [];
    }
    stack.push(frame);
  });

  parser.on('text', (text) => addText(text));
  parser.on('cdata', (text) => addText(text));

  parser.on('closetag', () => {
    const frame = stack.pop();
    lastClosed = frame;
    if (!frame) return;
    if (frame.collector && frame.node) deliver(frame.collector, frame.node);
    if (frame.resultText) closeResult(frame.resultText.join(''));
  });

  function addText(text: string) {
    const frame = stack.at(-1);
    if (!frame) return;
    if (frame.node) frame.node['#text'] = `${(frame.node['#text'] as string | undefined) ?? ''}${text}`;
    else frame.resultText?.push(text);
  }

  /** Decides, for an element outside any collected one, whether to collect it, and refuses a wrong root. */
  function placeElement(name: string, depth: number): Collector | null {
    if (depth === 0) {
      if (name === 'ResidentTransactions') documentDepth = 0;
      else if (name === 'Envelope') soap = true;
      else if (name === 'Messages') return 'messages';
      else throw new SourceError(`This is not a MITS ResidentTransactions file: its root element is <${name}>`);
      return null;
    }
    if (documentDepth !== null) {
      if (depth === documentDepth + 1 && name === 'Property') handlers.onProperty();
      if (depth === documentDepth + 2 && stack[documentDepth + 1]?.name === 'Property') {
        if (name === 'PropertyID') return 'property-id';
        if (name === 'RT_Customer') return 'household';
      }
      return null;
    }
    if (!soap) return null;
    if (depth === 2 && stack[1]?.name === 'Body' && name === 'Fault') return 'fault';
    const inResult = depth === 4 && stack[3]?.resultText;
    if (inResult && name === 'ResidentTransactions') documentDepth = 4;
    if (inResult && name === 'Messages') return 'messages';
    return null;
  }

  function deliver(collector: Collector, node: XmlNode) {
    if (collector === 'property-id') handlers.onPropertyId(node);
    else if (collector === 'household') handlers.onHousehold(node);
    else if (collector === 'fault') throw new SoapFaultError(faultString(node));
    else if (soap) messages = node;
    else refuseMessages(node);
  }

  /** Yardi sends either the document, its messages, or the document as an escaped string. */
  function closeResult(text: string) {
    resultDone = true;
    if (documentDepth !== null) return;
    if (messages) refuseMessages(messages);
    const payload = text.trim();
    if (!payload.startsWith('<')) throw new SourceError('The SOAP answer holds no ResidentTransactions document');
    const nested = createResidentTransactionsReader(handlers);
    nested.write(payload);
    nested.close();
  }

  return {
    write(text) {
      parser.write(text);
    },
    close() {
      parser.close();
      if (soap && !resultDone) throw new SourceError('The SOAP answer holds no ResidentTransactions document');
    },
  };
}

/** Thrown for a SOAP Fault, so a caller can tell the fault apart from a document it cannot read. */
class SoapFaultError extends SourceError {
  constructor(readonly fault: string) {
    super(`The accounting system answered with a SOAP fault: ${fault}`);
  }
}

/**
 * The SOAP fault string of a whole answer, or null when it holds none or is
 * not XML at all (an HTML error page), so the caller can say something better.
 */
export function findSoapFault(xml: string): string | null {
  const reader = createResidentTransactionsReader({ onProperty() {}, onPropertyId() {}, onHousehold() {} });
  try {
    reader.write(xml);
    reader.close();
  } catch (error) {
    if (error instanceof SoapFaultError) return error.fault;
  }
  return null;
}

function faultString(fault: XmlNode): string {
  return text(child(fault, 'faultstring')) ?? text(child(fault, 'Reason')) ?? 'no fault string';
}

function refuseMessages(messages: XmlNode): never {
  const texts = list(messages, 'Message').map((message) => text(message)).filter(Boolean);
  throw new SourceError(`The accounting system answered with a message instead of residents: ${texts.join('; ') || 'no text'}`);
}

function attributesOf(attributes: Record<string, string>): XmlNode {
  const node: XmlNode = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    node[`@${localName(name)}`] = value;
  }
  return node;
}

function appendChild(parent: XmlNode, name: string, node: XmlNode) {
  const existing = parent[name];
  if (existing === undefined) parent[name] = node;
  else if (Array.isArray(existing)) existing.push(node);
  else parent[name] = [existing, node];
}

// ---------------------------------------------------------------------------
// Reading a collected tree.

const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);

export function list(node: unknown, name: string): XmlNode[] {
  if (!isNode(node)) return [];
  const value = node[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((entry: unknown) => (isNode(entry) ? entry : { '#text': entry }));
}

export function child(node: unknown, name: string): XmlNode | undefined {
  return list(node, name)[0];
}

export function attribute(node: unknown, name: string): XmlNode | undefined {
  return child(node, `@${name}`);
}

/** The element's text, trimmed; null when absent or empty. */
export function text(node: XmlNode | undefined): string | null {
  const value = node?.['#text'];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
