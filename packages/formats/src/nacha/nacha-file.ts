import type { Addenda05 } from './addenda-05.record.ts';
import type { Addenda98 } from './addenda-98.record.ts';
import type { Addenda99 } from './addenda-99.record.ts';
import type { BatchControl } from './batch-control.record.ts';
import type { BatchHeader } from './batch-header.record.ts';
import type { EntryDetail } from './entry-detail.record.ts';
import type { FileControl } from './file-control.record.ts';
import type { FileHeader } from './file-header.record.ts';

/** An entry with the addenda records that follow it, in file order: 05s, then a NOC (98) or a return (99). */
export interface NachaEntry {
  entry: EntryDetail;
  addenda05: Addenda05[];
  addenda98?: Addenda98;
  addenda99?: Addenda99;
}

export interface NachaBatch {
  header: BatchHeader;
  entries: NachaEntry[];
  control: BatchControl;
}

export interface NachaFile {
  header: FileHeader;
  batches: NachaBatch[];
  control: FileControl;
}

/** What a parse that failed could still read: records are kept in order, controls may be missing. */
export interface PartialNachaBatch {
  header: BatchHeader;
  entries: NachaEntry[];
  control?: BatchControl;
}

export interface PartialNachaFile {
  header?: FileHeader;
  batches: PartialNachaBatch[];
  control?: FileControl;
}

/** A batch before its control is computed: what the writer is given. */
export interface NachaBatchInput {
  header: BatchHeader;
  entries: NachaEntry[];
}
