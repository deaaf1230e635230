import type { ResidentDetail, UpdateResidentRequest } from '@rentledger/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.ts';
import { invalid } from '../../lib/app-error.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { MergeResident } from './merge-resident.service.ts';
import { accountingIdTaken, type ReviewGuards } from './review-guards.service.ts';
import type { ResidentEdit, ReviewRepository } from './review.repository.ts';

type Deps = {
  db: Kysely<Database>;
  repository: ReviewRepository;
  guards: ReviewGuards;
  merge: MergeResident;
  detail: (principal: Principal, residentId: string) => Promise<ResidentDetail>;
  now: () => Date;
};

/**
 * Edits an approved resident: unit, balance to display, payment policy, accounting resident ID. An ID another
 * live resident holds answers 409 naming them, unless the landlord says they are the same person: then the
 * holder folds into this resident, and the ledger's lease details come with the ID.
 */
export function createEditResident({ db, repository, guards, merge, detail, now }: Deps) {
  return async function update(principal: Principal, residentId: string, input: UpdateResidentRequest): Promise<ResidentDetail> {
    const resident = await guards.load(principal, residentId);
    guards.transition(resident, 'edit');
    await db.transaction().execute(async (trx) => {
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const set: ResidentEdit = {};
      const change = <K extends keyof ResidentEdit>(field: string, column: K, value: ResidentEdit[K] | undefined, current: unknown) => {
        if (value === undefined || value === current) return;
        before[field] = current;
        after[field] = value;
        set[column] = value;
      };
      if (input.unitId !== undefined) {
        const unit = await repository.findUnit(input.unitId);
        if (!unit || unit.company_id !== resident.company_id) throw invalid([{ path: 'unitId', message: "Choose one of your company's units" }]);
        change('unitId', 'unit_id', unit.id, resident.unit_id);
        if (unit.id !== resident.unit_id) set.property_id = unit.property_id;
      }
      change('balanceCents', 'balance_cents', input.balanceCents, resident.balance_cents);
      change('paymentPolicy', 'payment_policy', input.paymentPolicy, resident.payment_policy);

      if (input.accountingResidentId !== undefined && input.accountingResidentId !== resident.accounting_resident_id) {
        const newId = input.accountingResidentId;
        const holder = newId ? await repository.holderOf(trx, resident.company_id, newId, [resident.id]) : undefined;
        if (newId && holder && input.samePersonAs !== holder.id) throw accountingIdTaken(newId, holder);
        if (holder) await merge.fold(trx, holder.id, resident.id, principal.userId, resident.company_id, true);
        change('accountingResidentId', 'accounting_resident_id', input.accountingResidentId, resident.accounting_resident_id);
        // The ledger's lease details come with its ID: it is the landlord's own books.
        const record = input.accountingResidentId ? await repository.accountingRecordWithResidentId(trx, resident.company_id, input.accountingResidentId) : undefined;
        set.accounting_record_id = record?.id ?? null;
        if (record) {
          if (record.rent_cents !== null) change('rentCents', 'rent_cents', record.rent_cents, resident.rent_cents);
          if (record.lease_start) change('leaseStart', 'lease_start', record.lease_start, resident.lease_start);
          change('leaseEnd', 'lease_end', record.lease_end, resident.lease_end);
          set.month_to_month = record.lease_end === null;
          if (input.balanceCents === undefined) change('balanceCents', 'balance_cents', record.balance_cents, resident.balance_cents);
          if (record.unit_id && input.unitId === undefined) {
            change('unitId', 'unit_id', record.unit_id, resident.unit_id);
            set.property_id = record.property_id;
          }
        }
      }
      if (Object.keys(set).length === 0) return;
      await repository.updateResident(trx, residentId, set, now());
      await recordAudit(trx, {
        actorUserId: principal.userId,
        companyId: resident.company_id,
        action: input.samePersonAs ? 'resident.merged_accounting_id' : 'resident.edited',
        entityType: 'resident',
        entityId: residentId,
        before,
        after: { ...after, ...(input.samePersonAs ? { mergedResidentId: input.samePersonAs } : {}) },
      });
    });
    return detail(principal, residentId);
  };
}
