/** How each kind of record is named in the audit log: pure, so the wording is tested without a database. */

export type RecordName = { name: string; deleted: boolean };

export function placeName(propertyName: string | null, unitLabel: string | null): string | null {
  return [propertyName, unitLabel ? `unit ${unitLabel}` : null].filter(Boolean).join(', ') || null;
}

export function residentName(row: { first_name: string; last_name: string; property_name: string | null; unit_label: string | null; deleted: boolean }): RecordName {
  const person = `${row.first_name} ${row.last_name}`.trim() || 'Unnamed resident';
  const place = placeName(row.property_name, row.unit_label);
  return { name: place ? `${person} (${place})` : person, deleted: row.deleted };
}

const TRIGGER_WORDS: Record<string, string> = { manual: 'Sync', upload: 'File import', approval: 'Sync after an approval', schedule: 'Scheduled sync' };

export function syncRunName(row: { trigger: string; source_name: string | null; created_at: Date }): RecordName {
  const what = TRIGGER_WORDS[row.trigger] ?? 'Sync';
  const source = row.source_name ? ` of ${row.source_name}` : '';
  // An ISO date, not a locale's: the name is made on the server, read anywhere.
  return { name: `${what}${source}, ${row.created_at.toISOString().slice(0, 10)}`, deleted: false };
}

const SUPPORT_KIND_WORDS: Record<string, string> = {
  missing_property: 'Missing property',
  missing_unit: 'Missing unit',
  resident_id_conflict: 'Resident ID conflict',
  other: 'Question',
};

export function supportRequestName(row: { kind: string; requester_email: string | null }): RecordName {
  const kind = SUPPORT_KIND_WORDS[row.kind] ?? 'Support request';
  return { name: row.requester_email ? `${kind} from ${row.requester_email}` : kind, deleted: false };
}
