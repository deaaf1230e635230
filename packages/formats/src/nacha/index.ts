// NACHA ACH files: records, parse, format, validate, and the codes banks send back. See README.md.
export type { FileHeader } from './file-header.record.ts';
export type { BatchHeader } from './batch-header.record.ts';
export type { EntryDetail } from './entry-detail.record.ts';
export type { Addenda05 } from './addenda-05.record.ts';
export type { Addenda98 } from './addenda-98.record.ts';
export type { Addenda99 } from './addenda-99.record.ts';
export type { BatchControl } from './batch-control.record.ts';
export type { FileControl } from './file-control.record.ts';
export type { NachaBatch, NachaBatchInput, NachaEntry, NachaFile, PartialNachaBatch, PartialNachaFile } from './nacha-file.ts';
export { NachaFormatError, RECORD_LENGTH } from './field.ts';
export { NachaFileError, NachaParseError } from './errors.ts';
export type { NachaValidationIssue } from './errors.ts';
export { parse, parseOrThrow } from './parse.ts';
export type { NachaParseResult, ParseOptions } from './parse.ts';
export { BLOCK_PADDING_LINE, NachaWriter, buildNachaFile, format, formatLines, traceNumberFor } from './format.ts';
export type { FormatOptions } from './format.ts';
export { validate } from './validate.ts';
export type { ValidateOptions } from './validate.ts';
export { BLOCKING_FACTOR, batchControlFor, fileControlFor } from './controls.ts';
export { abaCheckDigit, isValidRoutingNumber } from './routing-number.ts';
export { nachaDate, nachaTime } from './nacha-dates.ts';
export {
  SERVICE_CLASS_AUTOMATED_ACCOUNTING_ADVICES,
  SERVICE_CLASS_CREDITS_ONLY,
  SERVICE_CLASS_DEBITS_ONLY,
  SERVICE_CLASS_MIXED,
  TRANSACTION_CODES,
  isCreditTransactionCode,
  isDebitTransactionCode,
  isReturnOrNocTransactionCode,
} from './transaction-codes.ts';
export {
  CHANGE_REASONS,
  RETURN_REASONS,
  changeDetails,
  changeReason,
  entryCategory,
  notificationsOfChange,
  returnDetails,
  returnEntries,
  returnReason,
} from './return-codes.ts';
export type { ChangeDetails, EntryCategory, ReturnDetails } from './return-codes.ts';
