import { type Kysely, sql } from 'kysely';
import type { CreatedPlaces, Database, ResidentStatus } from '../../db/database.types.ts';
import type { AccountingRow, RowError } from '../../integrations/accounting/accounting-provider.ts';
import { FINISHED, statusesAllowing } from '../onboarding/resident-status.domain.ts';
import {
  type Address,
  codeKey,
  decideProperties,
  decideUnit,
  formatAddress,
  type KnownProperty,
  type LedgerProperty,
  type PropertyDecision,
  type PropertyUnits,
  errorCounts,
  unitKey,
} from './places.domain.ts';
import { planResidents, type RecordSnapshot, type ResidentPlan, type ResidentSnapshot, type SyncedFields } from './sync.domain.ts';

/**
 * Applies one batch of accounting rows in the caller's transaction: a handful
 * of set-based statements per batch (unnest arrays), never a round trip per
 * row. Unchanged ledgers are detected by the upsert itself and skipped.
 */
export type SyncCounts = {
  created: number;
  updated: number;
  unchanged: number;
  invited: number;
  waiting: number;
  finished: number;
  /** Rows in error: one row may have several problems. */
  errors: number;
  /** Problems found, each a row error in the run's list. */
  problems: number;
  propertiesCreated: number;
  unitsCreated: number;
};

export const emptyCounts = (): SyncCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  invited: 0,
  waiting: 0,
  finished: 0,
  errors: 0,
  problems: 0,
  propertiesCreated: 0,
  unitsCreated: 0,
});

export type NewInvitee = { residentId: string; email: string; firstName: string; lastName: string; unitId: string | null };

export type BatchOutcome = { counts: SyncCounts; errors: RowError[]; invitees: NewInvitee[]; createdPlaces: CreatedPlaces };

type Context = { companyId: string; runId: string };

const text = (values: (string | null)[]) => sql`${values}::text[]`;
const uuids = (values: (string | null)[]) => sql`${values}::uuid[]`;

function ledgerAddress(row: AccountingRow): Address | null {
  return row.street && row.city && row.state && row.postalCode ? { street: row.street, city: row.city, state: row.state, postalCode: row.postalCode } : null;
}

/** The company's properties with one of these codes (ignoring case and spaces) or in one of these ZIP codes. */
async function knownProperties(trx: Kysely<Database>, companyId: string, codeKeys: string[], zipCodes: string[]): Promise<KnownProperty[]> {
  const rows = await trx
    .selectFrom('properties')
    .select(['id', 'name', 'accounting_code', 'street', 'city', 'state', 'postal_code'])
    .where('company_id', '=', companyId)
    .where((eb) =>
      eb.or([
        sql<boolean>`lower(btrim(accounting_code)) = any(${text(codeKeys)})`,
        sql<boolean>`left(postal_code, 5) = any(${text(zipCodes)})`,
      ]),
    )
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, code: r.accounting_code, street: r.street, city: r.city, state: r.state, postalCode: r.postal_code }));
}

type ResolvedProperty = { id: string; name: string; street: string };

async function resolveProperties(trx: Kysely<Database>, ctx: Context & { allowCreate: boolean }, rows: AccountingRow[], errors: RowError[], createdPlaces: CreatedPlaces) {
  // Per code, the first row that gives a full address speaks for the property.
  const ledgerByKey = new Map<string, LedgerProperty>();
  for (const row of rows) {
    const key = codeKey(row.propertyCode);
    const address = ledgerAddress(row);
    if (!ledgerByKey.has(key) || (!ledgerByKey.get(key)?.address && address)) ledgerByKey.set(key, { code: row.propertyCode, name: row.propertyName, address });
  }
  const ledger = [...ledgerByKey.values()];
  const zipCodes = [...new Set(ledger.flatMap((entry) => (entry.address ? [entry.address.postalCode.trim().slice(0, 5)] : [])))];
  const known = await knownProperties(trx, ctx.companyId, [...ledgerByKey.keys()], zipCodes);
  const decisions = decideProperties(ledger, known, ctx.allowCreate);

  const byKey = new Map<string, ResolvedProperty>();
  const refreshed: { id: string; entry: LedgerProperty & { address: Address } }[] = [];
  const creates: Extract<PropertyDecision, { kind: 'create' }>[] = [];
  for (const [key, decision] of decisions) {
    if (decision.kind === 'known') {
      const entry = ledgerByKey.get(key);
      byKey.set(key, { id: decision.property.id, name: entry?.name?.trim() || decision.property.name, street: entry?.address?.street ?? decision.property.street });
      if (entry?.address) refreshed.push({ id: decision.property.id, entry: { ...entry, address: entry.address } });
    } else if (decision.kind === 'create') creates.push(decision);
  }
  if (refreshed.length > 0) {
    // Known properties take the ledger's name and address when they changed; their code stays as RentLedger spells it.
    await sql`
      UPDATE properties p SET name = t.name, street = t.street, city = t.city, state = t.state, postal_code = t.postal_code, updated_at = now()
      FROM unnest(${uuids(refreshed.map((r) => r.id))}, ${text(refreshed.map((r) => r.entry.name?.trim() || null))},
                  ${text(refreshed.map((r) => r.entry.address.street))}, ${text(refreshed.map((r) => r.entry.address.city))},
                  ${text(refreshed.map((r) => r.entry.address.state))}, ${text(refreshed.map((r) => r.entry.address.postalCode))})
        AS t(id, name, street, city, state, postal_code)
      WHERE p.id = t.id
        AND (p.name, p.street, p.city, p.state, p.postal_code)
          IS DISTINCT FROM (coalesce(t.name, p.name), t.street, t.city, t.state, t.postal_code)
    `.execute(trx);
  }
  if (creates.length > 0) {
    const { rows: inserted } = await sql<{ id: string; accounting_code: string; name: string; street: string; city: string; state: string; postal_code: string }>`
      INSERT INTO properties (company_id, accounting_code, name, street, city, state, postal_code)
      SELECT ${ctx.companyId}, t.code, t.name, t.street, t.city, t.state, t.postal_code
      FROM unnest(${text(creates.map((c) => c.code))}, ${text(creates.map((c) => c.name))},
                  ${text(creates.map((c) => c.address.street))}, ${text(creates.map((c) => c.address.city))},
                  ${text(creates.map((c) => c.address.state))}, ${text(creates.map((c) => c.address.postalCode))})
        AS t(code, name, street, city, state, postal_code)
      RETURNING id, accounting_code, name, street, city, state, postal_code
    `.execute(trx);
    for (const property of inserted) {
      byKey.set(codeKey(property.accounting_code), { id: property.id, name: property.name, street: property.street });
      createdPlaces.properties.push({
        id: property.id,
        code: property.accounting_code,
        name: property.name,
        address: formatAddress({ street: property.street, city: property.city, state: property.state, postalCode: property.postal_code }),
      });
    }
  }
  const usable: AccountingRow[] = [];
  for (const row of rows) {
    const decision = decisions.get(codeKey(row.propertyCode));
    if (byKey.has(codeKey(row.propertyCode))) usable.push(row);
    else errors.push({ row: row.row, field: 'property_code', message: decision?.kind === 'refuse' ? decision.message : `Property ${row.propertyCode} could not be resolved` });
  }
  return { usable, propertyOf: (row: AccountingRow) => byKey.get(codeKey(row.propertyCode)) ?? null };
}

async function resolveUnits(
  trx: Kysely<Database>,
  allowCreate: boolean,
  rows: AccountingRow[],
  propertyOf: (row: AccountingRow) => ResolvedProperty | null,
  errors: RowError[],
  createdPlaces: CreatedPlaces,
) {
  const propertyIds = [...new Set(rows.flatMap((row) => propertyOf(row)?.id ?? []))];
  const existing = propertyIds.length === 0 ? [] : await trx.selectFrom('units').select(['id', 'property_id', 'label', 'accounting_code']).where('property_id', 'in', propertyIds).execute();
  const places = new Map<string, PropertyUnits>();
  for (const row of rows) {
    const property = propertyOf(row);
    if (property && !places.has(property.id)) places.set(property.id, { propertyName: property.name, street: property.street, unitIdByKey: new Map(), hasUnits: false });
  }
  // Labels first, then accounting codes, so a code never hides another unit's label.
  for (const unit of existing) {
    const place = places.get(unit.property_id);
    if (!place) continue;
    place.hasUnits = true;
    if (!place.unitIdByKey.has(unitKey(unit.label))) place.unitIdByKey.set(unitKey(unit.label), unit.id);
  }
  for (const unit of existing) if (unit.accounting_code) places.get(unit.property_id)?.unitIdByKey.set(unitKey(unit.accounting_code), unit.id);
  for (const row of rows) {
    const place = places.get(propertyOf(row)?.id ?? '');
    if (place && row.unitCode?.trim()) place.hasUnits = true;
  }

  // Units a person added by label (no accounting code yet) take the ledger's code instead of a duplicate.
  const uncoded = new Map(existing.filter((u) => u.accounting_code === null).map((u) => [`${u.property_id}\u0000${unitKey(u.label)}`, u.id]));
  const adopt = new Map<string, { propertyId: string; code: string }>();
  for (const row of rows) {
    const property = propertyOf(row);
    if (!property || !row.unitCode?.trim()) continue;
    const unitId = uncoded.get(`${property.id}\u0000${unitKey(row.unitCode)}`);
    if (unitId) adopt.set(unitId, { propertyId: property.id, code: row.unitCode.trim() });
  }
  if (adopt.size > 0) {
    await sql`
      UPDATE units u SET accounting_code = t.code, updated_at = now()
      FROM unnest(${uuids([...adopt.keys()])}, ${text([...adopt.values()].map((a) => a.code))}) AS t(id, code)
      WHERE u.id = t.id AND u.accounting_code IS NULL
    `.execute(trx);
  }

  const unitIdByRow = new Map<AccountingRow, string>();
  const wanted = new Map<string, { propertyId: string; label: string; namedByAddress: boolean; rows: AccountingRow[] }>();
  const usable: AccountingRow[] = [];
  for (const row of rows) {
    const property = propertyOf(row);
    const place = property && places.get(property.id);
    if (!property || !place) continue;
    const decision = decideUnit(row.unitCode, place, allowCreate);
    if (decision.kind === 'refuse') {
      errors.push({ row: row.row, field: decision.field, message: decision.message });
      continue;
    }
    usable.push(row);
    if (decision.kind === 'known') unitIdByRow.set(row, decision.unitId);
    else {
      const key = `${property.id}\u0000${unitKey(decision.label)}`;
      const pending = wanted.get(key) ?? { propertyId: property.id, label: decision.label, namedByAddress: decision.namedByAddress, rows: [] };
      pending.rows.push(row);
      wanted.set(key, pending);
    }
  }
  if (wanted.size > 0) {
    const missing = [...wanted.values()];
    const { rows: inserted } = await sql<{ id: string; property_id: string; label: string }>`
      INSERT INTO units (property_id, label, accounting_code)
      SELECT t.property_id, t.label, t.code
      FROM unnest(${uuids(missing.map((m) => m.propertyId))}, ${text(missing.map((m) => m.label))},
                  ${text(missing.map((m) => (m.namedByAddress ? null : m.label)))}) AS t(property_id, label, code)
      RETURNING id, property_id, label
    `.execute(trx);
    for (const unit of inserted) {
      const pending = wanted.get(`${unit.property_id}\u0000${unitKey(unit.label)}`);
      if (!pending) continue;
      for (const row of pending.rows) unitIdByRow.set(row, unit.id);
      const place = places.get(unit.property_id);
      createdPlaces.units.push({ id: unit.id, propertyId: unit.property_id, propertyName: place?.propertyName ?? '', label: unit.label, namedByAddress: pending.namedByAddress });
    }
  }
  return { usable, unitIdFor: (row: AccountingRow) => unitIdByRow.get(row) ?? null };
}

type UpsertedRecord = { id: string; accounting_resident_id: string; inserted: boolean };

async function upsertRecords(trx: Kysely<Database>, ctx: Context, rows: AccountingRow[], propertyIdOf: (row: AccountingRow) => string | null, unitIdOf: (row: AccountingRow) => string | null) {
  const { rows: changed } = await sql<UpsertedRecord>`
    INSERT INTO accounting_records AS ar (
      company_id, accounting_resident_id, property_code, unit_code, property_id, unit_id, first_name, last_name,
      emails, phones, lease_start, lease_end, rent_cents, balance_cents, status, do_not_accept_payments, last_sync_run_id)
    SELECT ${ctx.companyId}, t.rid, t.pcode, t.ucode, t.pid, t.uid, t.first, t.last,
      string_to_array(t.emails, E'\\n'), string_to_array(t.phones, E'\\n'), t.lstart, t.lend, t.rent, t.balance, t.status, t.dnap, ${ctx.runId}::uuid
    FROM unnest(
      ${text(rows.map((r) => r.residentId))}, ${text(rows.map((r) => r.propertyCode))}, ${text(rows.map((r) => r.unitCode))},
      ${sql`${rows.map(propertyIdOf)}::uuid[]`}, ${sql`${rows.map(unitIdOf)}::uuid[]`},
      ${text(rows.map((r) => r.firstName))}, ${text(rows.map((r) => r.lastName))},
      ${text(rows.map((r) => r.emails.join('\n')))}, ${text(rows.map((r) => r.phones.join('\n')))},
      ${sql`${rows.map((r) => r.leaseStart)}::date[]`}, ${sql`${rows.map((r) => r.leaseEnd)}::date[]`},
      ${sql`${rows.map((r) => r.rentCents)}::integer[]`}, ${sql`${rows.map((r) => r.balanceCents)}::integer[]`},
      ${text(rows.map((r) => r.status))}, ${sql`${rows.map((r) => r.doNotAcceptPayments)}::boolean[]`}
    ) AS t(rid, pcode, ucode, pid, uid, first, last, emails, phones, lstart, lend, rent, balance, status, dnap)
    ON CONFLICT (company_id, accounting_resident_id) DO UPDATE SET
      property_code = EXCLUDED.property_code, unit_code = EXCLUDED.unit_code, property_id = EXCLUDED.property_id,
      unit_id = EXCLUDED.unit_id, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
      emails = EXCLUDED.emails, phones = EXCLUDED.phones, lease_start = EXCLUDED.lease_start, lease_end = EXCLUDED.lease_end,
      rent_cents = EXCLUDED.rent_cents, balance_cents = EXCLUDED.balance_cents, status = EXCLUDED.status,
      do_not_accept_payments = EXCLUDED.do_not_accept_payments, last_sync_run_id = EXCLUDED.last_sync_run_id,
      synced_at = now(), updated_at = now()
    WHERE (ar.property_code, ar.unit_code, ar.property_id, ar.unit_id, ar.first_name, ar.last_name, ar.emails, ar.phones,
           ar.lease_start, ar.lease_end, ar.rent_cents, ar.balance_cents, ar.status, ar.do_not_accept_payments)
      IS DISTINCT FROM (EXCLUDED.property_code, EXCLUDED.unit_code, EXCLUDED.property_id, EXCLUDED.unit_id, EXCLUDED.first_name,
           EXCLUDED.last_name, EXCLUDED.emails, EXCLUDED.phones, EXCLUDED.lease_start, EXCLUDED.lease_end, EXCLUDED.rent_cents,
           EXCLUDED.balance_cents, EXCLUDED.status, EXCLUDED.do_not_accept_payments)
    RETURNING ar.id, ar.accounting_resident_id, (xmax = 0) AS inserted
  `.execute(trx);
  return changed;
}

async function loadResidents(trx: Kysely<Database>, ctx: Context, records: UpsertedRecord[]) {
  const rows = await trx
    .selectFrom('residents')
    .select([
      'id', 'status', 'deleted_at', 'property_id', 'unit_id', 'first_name', 'last_name', 'email', 'phone', 'rent_cents',
      'lease_start', 'lease_end', 'month_to_month', 'balance_cents', 'accounting_record_id', 'accounting_resident_id',
    ])
    .where('company_id', '=', ctx.companyId)
    // Arrays rather than IN lists: one parameter each, not thousands. A record inserted just now has no resident yet,
    // but one added by hand may carry its accounting ID.
    .where((eb) =>
      eb.or([
        sql<boolean>`accounting_record_id = any(${sql`${records.filter((r) => !r.inserted).map((r) => r.id)}::uuid[]`})`,
        sql<boolean>`accounting_resident_id = any(${text(records.map((r) => r.accounting_resident_id))})`,
      ]),
    )
    .execute();
  const byRecord = new Map<string, ResidentSnapshot[]>();
  const recordIdByAccountingId = new Map(records.map((r) => [r.accounting_resident_id, r.id]));
  for (const row of rows) {
    const recordId = row.accounting_record_id ?? recordIdByAccountingId.get(row.accounting_resident_id ?? '');
    if (!recordId) continue;
    const snapshot: ResidentSnapshot = {
      id: row.id,
      status: row.status,
      deleted: row.deleted_at !== null,
      propertyId: row.property_id,
      unitId: row.unit_id,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      phone: row.phone,
      rentCents: row.rent_cents,
      leaseStart: row.lease_start,
      leaseEnd: row.lease_end,
      monthToMonth: row.month_to_month,
      balanceCents: row.balance_cents,
    };
    byRecord.set(recordId, [...(byRecord.get(recordId) ?? []), snapshot]);
  }
  return byRecord;
}

const COLUMN: Record<keyof SyncedFields, string> = {
  status: 'status',
  propertyId: 'property_id',
  unitId: 'unit_id',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  rentCents: 'rent_cents',
  leaseStart: 'lease_start',
  leaseEnd: 'lease_end',
  monthToMonth: 'month_to_month',
  balanceCents: 'balance_cents',
};

type PlannedFor = { plan: ResidentPlan; record: RecordSnapshot };

async function createResidents(trx: Kysely<Database>, ctx: Context, planned: PlannedFor[]) {
  const creates = planned.filter((p): p is { plan: Extract<ResidentPlan, { kind: 'create' }>; record: RecordSnapshot } => p.plan.kind === 'create');
  if (creates.length === 0) return [];
  const f = (pick: (p: (typeof creates)[number]) => unknown) => creates.map(pick);
  const { rows } = await sql<{ id: string; status: ResidentStatus; email: string | null; first_name: string; last_name: string; unit_id: string | null; accounting_resident_id: string }>`
    INSERT INTO residents (company_id, accounting_record_id, accounting_resident_id, status, source, property_id, unit_id,
      first_name, last_name, email, phone, rent_cents, lease_start, lease_end, month_to_month, balance_cents)
    SELECT ${ctx.companyId}, t.rec, t.rid, t.status, 'accounting_invite', t.pid, t.uid, t.first, t.last, t.email, t.phone,
      t.rent, t.lstart, t.lend, t.mtm, t.balance
    FROM unnest(${sql`${f((p) => p.record.id)}::uuid[]`}, ${text(f((p) => p.record.accountingResidentId) as string[])},
      ${text(f((p) => p.plan.status) as string[])}, ${sql`${f((p) => p.plan.fields.propertyId)}::uuid[]`},
      ${sql`${f((p) => p.plan.fields.unitId)}::uuid[]`}, ${text(f((p) => p.plan.fields.firstName) as string[])},
      ${text(f((p) => p.plan.fields.lastName) as string[])}, ${text(f((p) => p.plan.fields.email) as (string | null)[])},
      ${text(f((p) => p.plan.fields.phone) as (string | null)[])}, ${sql`${f((p) => p.plan.fields.rentCents)}::integer[]`},
      ${sql`${f((p) => p.plan.fields.leaseStart)}::date[]`}, ${sql`${f((p) => p.plan.fields.leaseEnd)}::date[]`},
      ${sql`${f((p) => p.plan.fields.monthToMonth)}::boolean[]`}, ${sql`${f((p) => p.plan.fields.balanceCents)}::integer[]`})
      AS t(rec, rid, status, pid, uid, first, last, email, phone, rent, lstart, lend, mtm, balance)
    RETURNING id, status, email, first_name, last_name, unit_id, accounting_resident_id
  `.execute(trx);
  return rows;
}

async function updateResident(trx: Kysely<Database>, plan: Extract<ResidentPlan, { kind: 'update' }>) {
  const assignments = (Object.entries(plan.after) as [keyof SyncedFields, unknown][]).map(
    ([field, value]) => sql`${sql.ref(COLUMN[field])} = ${value}`,
  );
  await sql`
    UPDATE residents SET ${sql.join(assignments)}, updated_at = now(), version = version + 1 WHERE id = ${plan.residentId}
  `.execute(trx);
}

/** Ends the leases the ledger says are past; returns the ones finished (a resident declined or merged meanwhile is left). */
async function finishResidents(trx: Kysely<Database>, plans: Extract<ResidentPlan, { kind: 'finish' }>[]) {
  if (plans.length === 0) return plans;
  const finished = await trx
    .updateTable('residents')
    .set((eb) => ({ status: FINISHED, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', 'in', plans.map((plan) => plan.residentId))
    .where('status', 'in', statusesAllowing('finish'))
    .returning('id')
    .execute();
  const ids = finished.map((row) => row.id);
  if (ids.length === 0) return [];
  await trx
    .updateTable('invitations')
    .set({ revoked_at: new Date() })
    .where('resident_id', 'in', ids)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  const done = new Set(ids);
  return plans.filter((plan) => done.has(plan.residentId));
}

type AuditRow = { action: string; entityId: string; before: unknown; after: unknown };

const ENTITY_TYPE_OF: Record<string, string> = { 'residents.imported': 'sync_run', 'property.created': 'property', 'unit.created': 'unit' };

async function insertAuditEvents(trx: Kysely<Database>, ctx: Context, actorUserId: string | null, events: AuditRow[]) {
  if (events.length === 0) return;
  await sql`
    INSERT INTO audit_events (actor_user_id, company_id, action, entity_type, entity_id, before, after)
    SELECT ${actorUserId}::uuid, ${ctx.companyId}::uuid, t.action, t.entity_type, t.entity_id, t.before::jsonb, t.after::jsonb
    FROM unnest(${text(events.map((e) => e.action))}, ${text(events.map((e) => ENTITY_TYPE_OF[e.action] ?? 'resident'))},
      ${text(events.map((e) => e.entityId))},
      ${text(events.map((e) => (e.before === null ? null : JSON.stringify(e.before))))},
      ${text(events.map((e) => (e.after === null ? null : JSON.stringify(e.after))))}) AS t(action, entity_type, entity_id, before, after)
  `.execute(trx);
}

function toRecordSnapshot(row: AccountingRow, id: string, propertyId: string | null, unitId: string | null): RecordSnapshot {
  return {
    id,
    accountingResidentId: row.residentId,
    propertyId,
    unitId,
    firstName: row.firstName,
    lastName: row.lastName,
    emails: row.emails,
    phones: row.phones,
    leaseStart: row.leaseStart,
    leaseEnd: row.leaseEnd,
    rentCents: row.rentCents,
    balanceCents: row.balanceCents,
    status: row.status,
  };
}

export async function applyBatch(
  trx: Kysely<Database>,
  ctx: Context & { actorUserId: string | null; allowCreate: boolean },
  rows: AccountingRow[],
): Promise<BatchOutcome> {
  const counts = emptyCounts();
  const errors: RowError[] = [];
  const createdPlaces: CreatedPlaces = { properties: [], units: [] };
  const properties = await resolveProperties(trx, ctx, rows, errors, createdPlaces);
  const { usable, unitIdFor } = await resolveUnits(trx, ctx.allowCreate, properties.usable, properties.propertyOf, errors, createdPlaces);
  const propertyIdOf = (row: AccountingRow) => properties.propertyOf(row)?.id ?? null;
  counts.propertiesCreated = createdPlaces.properties.length;
  counts.unitsCreated = createdPlaces.units.length;
  const placesAudit: AuditRow[] = [
    ...createdPlaces.properties.map((p) => ({ action: 'property.created', entityId: p.id, before: null, after: { syncRunId: ctx.runId, code: p.code, name: p.name, address: p.address } })),
    ...createdPlaces.units.map((u) => ({ action: 'unit.created', entityId: u.id, before: null, after: { syncRunId: ctx.runId, propertyId: u.propertyId, label: u.label, namedByAddress: u.namedByAddress } })),
  ];
  const done = (invitees: NewInvitee[]) => ({ counts: { ...counts, ...errorCounts(errors) }, errors, invitees, createdPlaces });

  const changed = usable.length > 0 ? await upsertRecords(trx, ctx, usable, propertyIdOf, unitIdFor) : [];
  const changedByResidentId = new Map(changed.map((record) => [record.accounting_resident_id, record]));
  for (const row of usable) {
    const record = changedByResidentId.get(row.residentId);
    if (!record) counts.unchanged += 1;
    else if (record.inserted) counts.created += 1;
    else counts.updated += 1;
  }
  if (changed.length === 0) {
    await insertAuditEvents(trx, ctx, ctx.actorUserId, placesAudit);
    return done([]);
  }

  const residentsByRecord = await loadResidents(trx, ctx, changed);
  const planned: PlannedFor[] = [];
  for (const row of usable) {
    const record = changedByResidentId.get(row.residentId);
    if (!record) continue;
    const snapshot = toRecordSnapshot(row, record.id, propertyIdOf(row), unitIdFor(row));
    for (const plan of planResidents(snapshot, residentsByRecord.get(record.id) ?? [])) planned.push({ plan, record: snapshot });
  }

  const created = await createResidents(trx, ctx, planned);
  // One event per batch for new residents (a 100,000-row import would otherwise write 100,000);
  // changes to existing residents get one event each, with before and after.
  const audit: AuditRow[] = [...placesAudit];
  if (created.length > 0) {
    audit.push({
      action: 'residents.imported',
      entityId: ctx.runId,
      before: null,
      after: { syncRunId: ctx.runId, residents: created.map((r) => ({ id: r.id, accountingResidentId: r.accounting_resident_id, status: r.status })) },
    });
  }
  const invitees: NewInvitee[] = created
    .filter((resident) => resident.status === 'invited' && resident.email)
    .map((resident) => ({ residentId: resident.id, email: resident.email ?? '', firstName: resident.first_name, lastName: resident.last_name, unitId: resident.unit_id }));
  for (const resident of created) counts[resident.status === 'invited' ? 'invited' : 'waiting'] += 1;

  for (const { plan, record } of planned) {
    if (plan.kind !== 'update') continue;
    await updateResident(trx, plan);
    audit.push({ action: 'resident.synced', entityId: plan.residentId, before: plan.before, after: plan.after });
    if (plan.invite && plan.after.email) {
      counts.invited += 1;
      invitees.push({ residentId: plan.residentId, email: plan.after.email, firstName: record.firstName, lastName: record.lastName, unitId: record.unitId });
    }
  }
  const finishes = planned.map((p) => p.plan).filter((plan): plan is Extract<ResidentPlan, { kind: 'finish' }> => plan.kind === 'finish');
  const finished = await finishResidents(trx, finishes);
  counts.finished += finished.length;
  for (const plan of finished) audit.push({ action: 'resident.finished', entityId: plan.residentId, before: plan.before, after: { status: FINISHED } });

  // Link residents found by accounting ID (set by hand) to their ledger.
  await sql`
    UPDATE residents r SET accounting_record_id = ar.id
    FROM accounting_records ar
    WHERE ar.id = ANY(${sql`${changed.map((c) => c.id)}::uuid[]`}) AND r.company_id = ar.company_id
      AND r.accounting_resident_id = ar.accounting_resident_id AND r.accounting_record_id IS NULL AND r.deleted_at IS NULL
  `.execute(trx);

  await insertAuditEvents(trx, ctx, ctx.actorUserId, audit);
  return done(invitees);
}
