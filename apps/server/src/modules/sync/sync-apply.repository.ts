import { type Kysely, sql } from 'kysely';
import type { Database, ResidentStatus } from '../../db/database.types.ts';
import type { AccountingRow, RowError } from '../../integrations/accounting/accounting-provider.ts';
import { FINISHED, statusesAllowing } from '../onboarding/resident-status.domain.ts';
import { planResidents, type RecordSnapshot, type ResidentPlan, type ResidentSnapshot, type SyncedFields } from './sync.domain.ts';

/**
 * Applies one batch of accounting rows in the caller's transaction: a handful
 * of set-based statements per batch (unnest arrays), never a round trip per
 * row. Unchanged ledgers are detected by the upsert itself and skipped.
 */
export type SyncCounts = { created: number; updated: number; unchanged: number; invited: number; waiting: number; finished: number; errors: number };

export const emptyCounts = (): SyncCounts => ({ created: 0, updated: 0, unchanged: 0, invited: 0, waiting: 0, finished: 0, errors: 0 });

export type NewInvitee = { residentId: string; email: string; firstName: string; lastName: string; unitId: string | null };

export type BatchOutcome = { counts: SyncCounts; errors: RowError[]; invitees: NewInvitee[] };

type Context = { companyId: string; runId: string };

const text = (values: (string | null)[]) => sql`${values}::text[]`;

async function resolveProperties(trx: Kysely<Database>, ctx: Context, rows: AccountingRow[], errors: RowError[]) {
  const firstByCode = new Map<string, AccountingRow>();
  for (const row of rows) if (!firstByCode.has(row.propertyCode) || (!firstByCode.get(row.propertyCode)?.street && row.street)) firstByCode.set(row.propertyCode, row);
  const codes = [...firstByCode.keys()];

  const withAddress = [...firstByCode.values()].filter((row) => row.street && row.city && row.state && row.postalCode);
  if (withAddress.length > 0) {
    // New properties are created; known ones take the ledger's name and address when they changed.
    await sql`
      INSERT INTO properties AS p (company_id, accounting_code, name, street, city, state, postal_code)
      SELECT ${ctx.companyId}, t.code, t.name, t.street, t.city, t.state, t.postal_code
      FROM unnest(${text(withAddress.map((r) => r.propertyCode))}, ${text(withAddress.map((r) => r.propertyName ?? r.propertyCode))},
                  ${text(withAddress.map((r) => r.street))}, ${text(withAddress.map((r) => r.city))},
                  ${text(withAddress.map((r) => r.state))}, ${text(withAddress.map((r) => r.postalCode))})
        AS t(code, name, street, city, state, postal_code)
      ON CONFLICT (company_id, accounting_code) DO UPDATE
        SET name = EXCLUDED.name, street = EXCLUDED.street, city = EXCLUDED.city, state = EXCLUDED.state,
            postal_code = EXCLUDED.postal_code, updated_at = now()
        WHERE (p.name, p.street, p.city, p.state, p.postal_code)
          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.street, EXCLUDED.city, EXCLUDED.state, EXCLUDED.postal_code)
    `.execute(trx);
  }
  const found = await trx
    .selectFrom('properties')
    .select(['id', 'accounting_code'])
    .where('company_id', '=', ctx.companyId)
    .where('accounting_code', 'in', codes)
    .execute();
  const idByCode = new Map(found.map((property) => [property.accounting_code ?? '', property.id]));
  const usable: AccountingRow[] = [];
  for (const row of rows) {
    if (idByCode.has(row.propertyCode)) usable.push(row);
    else
      errors.push({
        row: row.row,
        field: 'property_code',
        message: `Property ${row.propertyCode} is not in RentLedger and the file gives no full address for it (address, city, state, postal_code)`,
      });
  }
  return { usable, idByCode };
}

async function resolveUnits(trx: Kysely<Database>, rows: AccountingRow[], propertyIdByCode: Map<string, string>) {
  const key = (propertyId: string, code: string) => `${propertyId}\u0000${code.toLowerCase()}`;
  const wanted = new Map<string, { propertyId: string; code: string }>();
  for (const row of rows) {
    const propertyId = propertyIdByCode.get(row.propertyCode);
    if (propertyId && row.unitCode) wanted.set(key(propertyId, row.unitCode), { propertyId, code: row.unitCode });
  }
  const unitIdByKey = new Map<string, string>();
  const unitIdFor = (row: AccountingRow) => {
    const propertyId = propertyIdByCode.get(row.propertyCode);
    return propertyId && row.unitCode ? (unitIdByKey.get(key(propertyId, row.unitCode)) ?? null) : null;
  };
  if (wanted.size === 0) return { unitIdFor };

  const remember = (units: { id: string; property_id: string; label: string; accounting_code: string | null }[]) => {
    for (const unit of units) {
      if (!unitIdByKey.has(key(unit.property_id, unit.label))) unitIdByKey.set(key(unit.property_id, unit.label), unit.id);
      if (unit.accounting_code) unitIdByKey.set(key(unit.property_id, unit.accounting_code), unit.id);
    }
  };
  const propertyIds = [...new Set([...wanted.values()].map((pair) => pair.propertyId))];
  const existing = await trx.selectFrom('units').select(['id', 'property_id', 'label', 'accounting_code']).where('property_id', 'in', propertyIds).execute();
  remember(existing);

  // Units a person added by label (no accounting code yet) take the ledger's code instead of a duplicate.
  const byLabel = new Map(existing.map((unit) => [key(unit.property_id, unit.label), unit]));
  const adopt = [...wanted.values()].filter((pair) => {
    const unit = byLabel.get(key(pair.propertyId, pair.code));
    return unit !== undefined && unit.accounting_code === null;
  });
  if (adopt.length > 0) {
    await sql`
      UPDATE units u SET accounting_code = t.code, updated_at = now()
      FROM unnest(${sql`${adopt.map((p) => p.propertyId)}::uuid[]`}, ${text(adopt.map((p) => p.code))}) AS t(property_id, code)
      WHERE u.property_id = t.property_id AND u.accounting_code IS NULL AND lower(u.label) = lower(t.code)
    `.execute(trx);
  }
  const missing = [...wanted.entries()].filter(([unitKey]) => !unitIdByKey.has(unitKey)).map(([, pair]) => pair);
  if (missing.length > 0) {
    const { rows: inserted } = await sql<{ id: string; property_id: string; label: string; accounting_code: string | null }>`
      INSERT INTO units (property_id, label, accounting_code)
      SELECT t.property_id, t.code, t.code
      FROM unnest(${sql`${missing.map((p) => p.propertyId)}::uuid[]`}, ${text(missing.map((p) => p.code))}) AS t(property_id, code)
      ON CONFLICT DO NOTHING
      RETURNING id, property_id, label, accounting_code
    `.execute(trx);
    remember(inserted);
  }
  return { unitIdFor };
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

async function insertAuditEvents(trx: Kysely<Database>, ctx: Context, actorUserId: string | null, events: AuditRow[]) {
  if (events.length === 0) return;
  await sql`
    INSERT INTO audit_events (actor_user_id, company_id, action, entity_type, entity_id, before, after)
    SELECT ${actorUserId}::uuid, ${ctx.companyId}::uuid, t.action, t.entity_type, t.entity_id, t.before::jsonb, t.after::jsonb
    FROM unnest(${text(events.map((e) => e.action))}, ${text(events.map((e) => (e.action === 'residents.imported' ? 'sync_run' : 'resident')))},
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
  ctx: Context & { actorUserId: string | null },
  rows: AccountingRow[],
): Promise<BatchOutcome> {
  const counts = emptyCounts();
  const errors: RowError[] = [];
  const { usable, idByCode } = await resolveProperties(trx, ctx, rows, errors);
  const { unitIdFor } = await resolveUnits(trx, usable, idByCode);
  const propertyIdOf = (row: AccountingRow) => idByCode.get(row.propertyCode) ?? null;

  const changed = usable.length > 0 ? await upsertRecords(trx, ctx, usable, propertyIdOf, unitIdFor) : [];
  const changedByResidentId = new Map(changed.map((record) => [record.accounting_resident_id, record]));
  for (const row of usable) {
    const record = changedByResidentId.get(row.residentId);
    if (!record) counts.unchanged += 1;
    else if (record.inserted) counts.created += 1;
    else counts.updated += 1;
  }
  if (changed.length === 0) return { counts: { ...counts, errors: errors.length }, errors, invitees: [] };

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
  const audit: AuditRow[] =
    created.length > 0
      ? [
          {
            action: 'residents.imported',
            entityId: ctx.runId,
            before: null,
            after: { syncRunId: ctx.runId, residents: created.map((r) => ({ id: r.id, accountingResidentId: r.accounting_resident_id, status: r.status })) },
          },
        ]
      : [];
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
  return { counts: { ...counts, errors: errors.length }, errors, invitees };
}
