import type { PartialNachaFile } from './nacha-file.ts';

/** One thing wrong with a file that was read: the line (1-based, as the reader counts records) and the field. */
export class NachaParseError extends Error {
  override readonly name = 'NachaParseError';
  constructor(
    readonly line: number,
    /** The field, or for a misplaced or unreadable record the record (`FileControl`, `Record`). */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`line ${line}: ${field} ${reason}`);
  }
}

/** Thrown by `parseOrThrow`: the first error, with all of them and what could be read. */
export class NachaFileError extends Error {
  override readonly name = 'NachaFileError';
  constructor(
    readonly errors: readonly NachaParseError[],
    readonly partial: PartialNachaFile,
  ) {
    super(errors.map((error) => error.message).join('; '));
  }
}

/** One broken rule found by `validate`: where (`batches[0].entries[2].entry`) and which field. */
export interface NachaValidationIssue {
  path: string;
  field: string;
  message: string;
}
