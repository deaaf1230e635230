// Splits text into 94-character records the way moov's reader does: a line ends at CR or LF or after
// 94 characters, a shorter line is padded with blanks, blank lines are skipped. A file without line
// breaks is therefore chopped into records; what is left over at the end of a chopped line cannot be a
// record and is reported.
import { RECORD_LENGTH } from './field.ts';

export type RecordLine =
  | { line: number; record: string }
  | { line: number; wrongLength: number };

export function* recordLines(text: string): Generator<RecordLine> {
  const physicalLines = text.split(/\r\n|\r|\n/);
  if (physicalLines.at(-1) === '') physicalLines.pop();
  let line = 0;
  for (const physical of physicalLines) {
    if (physical.length <= RECORD_LENGTH) {
      line += 1;
      if (physical.trim() !== '') yield { line, record: physical.padEnd(RECORD_LENGTH, ' ') };
      continue;
    }
    for (let start = 0; start < physical.length; start += RECORD_LENGTH) {
      const chunk = physical.slice(start, start + RECORD_LENGTH);
      line += 1;
      if (chunk.trim() === '') continue;
      yield chunk.length === RECORD_LENGTH ? { line, record: chunk } : { line, wrongLength: chunk.length };
    }
  }
}
