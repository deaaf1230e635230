// One definition of a record's positions, shared by parse and format: a record is a prefix (its record
// type code, and for addenda the addenda type code) followed by a table of fields that cover the rest of
// the 94 characters in order.

export const RECORD_LENGTH = 94;

/**
 * - `alpha`: left-justified, space-padded text; parsing drops the trailing spaces (leading ones are kept,
 *   so a right-justified value such as " S" survives a round trip).
 * - `numeric`: a non-negative integer, right-justified and zero-padded.
 * - `digits`: a string of digits of the field's width (routing numbers, trace numbers), zero-padded;
 *   a string because its leading zeros matter.
 * - `routing10`: the file header's destination and origin: a blank and 9 digits, or 10 digits.
 */
export type FieldKind = 'alpha' | 'numeric' | 'digits' | 'routing10';

type KindFor<V> = V extends number ? 'numeric' : 'alpha' | 'digits' | 'routing10';

export type FieldSpec<R> = {
  [K in keyof R & string]: {
    key: K;
    /** The field's name in errors, as the NACHA rules and moov name it (`RDFIIdentification`). */
    name: string;
    /** 1-based first and last position, inclusive. */
    start: number;
    end: number;
    kind: KindFor<R[K]>;
  };
}[keyof R & string];

/** A field that cannot be formatted: the writer was given a value that does not fit. */
export class NachaFormatError extends Error {
  override readonly name = 'NachaFormatError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export interface FieldProblem {
  field: string;
  reason: string;
}

const DIGITS = /^\d+$/;

export function fieldWidth(spec: { start: number; end: number }): number {
  return spec.end - spec.start + 1;
}

/** Reads one field from a 94-character line; a malformed value is reported and kept as best it can be. */
export function parseField(raw: string, kind: FieldKind, name: string, problems: FieldProblem[]): string | number {
  switch (kind) {
    case 'alpha':
      return raw.trimEnd();
    case 'numeric':
      if (DIGITS.test(raw)) return Number(raw);
      problems.push({ field: name, reason: `must be numeric and found "${raw}"` });
      return Number.NaN;
    case 'digits':
      if (!DIGITS.test(raw)) problems.push({ field: name, reason: `must be ${raw.length} digits and found "${raw}"` });
      return raw;
    case 'routing10': {
      const value = raw.startsWith(' ') ? raw.slice(1) : raw;
      if (!DIGITS.test(value)) problems.push({ field: name, reason: `must be a blank and 9 digits, or 10 digits, and found "${raw}"` });
      return value;
    }
  }
}

export function formatField(value: string | number, kind: FieldKind, name: string, width: number): string {
  switch (kind) {
    case 'alpha': {
      const text = String(value);
      if (text.length > width) throw new NachaFormatError(name, `"${text}" is longer than ${width} characters`);
      if (text.includes('\n') || text.includes('\r')) throw new NachaFormatError(name, 'must not contain a line break');
      return text.padEnd(width, ' ');
    }
    case 'numeric': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        throw new NachaFormatError(name, `must be a non-negative integer and is ${String(value)}`);
      }
      const text = String(value);
      if (text.length > width) throw new NachaFormatError(name, `${text} does not fit in ${width} digits`);
      return text.padStart(width, '0');
    }
    case 'digits': {
      const text = String(value);
      if (!/^\d*$/.test(text) || text.length > width) throw new NachaFormatError(name, `must be at most ${width} digits and is "${text}"`);
      return text.padStart(width, '0');
    }
    case 'routing10': {
      const text = String(value);
      if (!DIGITS.test(text) || (text.length !== 9 && text.length !== 10)) {
        throw new NachaFormatError(name, `must be 9 or 10 digits and is "${text}"`);
      }
      return text.padStart(width, ' ');
    }
  }
}

export interface RecordCodec<R> {
  /** Record type code, plus the addenda type code for addenda ("1", "6", "705"). */
  readonly prefix: string;
  readonly fields: readonly FieldSpec<R>[];
  parse(line: string): { record: R; problems: FieldProblem[] };
  format(record: R): string;
}

export function defineRecord<R>(prefix: string, fields: readonly FieldSpec<R>[]): RecordCodec<R> {
  assertCoversTheLine(prefix, fields);
  return {
    prefix,
    fields,
    parse(line) {
      const problems: FieldProblem[] = [];
      const record: Record<string, string | number> = {};
      for (const spec of fields) {
        record[spec.key] = parseField(line.slice(spec.start - 1, spec.end), spec.kind, spec.name, problems);
      }
      return { record: record as R, problems };
    },
    format(record) {
      let line = prefix;
      for (const spec of fields) {
        line += formatField(record[spec.key] as string | number, spec.kind, spec.name, fieldWidth(spec));
      }
      return line;
    },
  };
}

/** A table with a gap or an overlap would shift every later field: fail when the module loads, not in a bank's reply. */
function assertCoversTheLine(prefix: string, fields: readonly { name: string; start: number; end: number }[]): void {
  let next = prefix.length + 1;
  for (const spec of fields) {
    if (spec.start !== next || spec.end < spec.start) throw new Error(`record ${prefix}: field ${spec.name} should start at ${next}`);
    next = spec.end + 1;
  }
  if (next !== RECORD_LENGTH + 1) throw new Error(`record ${prefix}: fields end at ${next - 1}, not ${RECORD_LENGTH}`);
}
