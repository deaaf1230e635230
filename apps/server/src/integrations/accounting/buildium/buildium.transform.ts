import type { ProviderItem } from '../accounting-provider.ts';
import { createDuplicateGuard, toAccountingRow, type RawRecord } from '../accounting-row.domain.ts';

/**
 * Buildium Open API v1 messages, reduced to the fields a rent ledger needs.
 * Every field is optional because the transform must survive whatever a real
 * account holds; a missing value becomes a row error, never a crash.
 */
export type BuildiumAddress = { AddressLine1?: string | null; City?: string | null; State?: string | null; PostalCode?: string | null };
export type BuildiumRental = { Id?: number; Name?: string | null; Address?: BuildiumAddress | null };
export type BuildiumUnit = { Id?: number; PropertyId?: number; UnitNumber?: string | null };
export type BuildiumTenantStatus = 'Current' | 'Future' | 'MovedOut';
export type BuildiumLeaseTenant = { Id?: number; Status?: BuildiumTenantStatus | string | null };
export type BuildiumMoveOut = { TenantId?: number; MoveOutDate?: string | null; NoticeGivenDate?: string | null };
export type BuildiumLeaseStatus = 'Active' | 'Past' | 'Future';
export type BuildiumLease = {
  Id?: number;
  PropertyId?: number;
  UnitId?: number;
  UnitNumber?: string | null;
  LeaseFromDate?: string | null;
  LeaseToDate?: string | null;
  LeaseType?: string | null;
  LeaseStatus?: BuildiumLeaseStatus | string | null;
  PaymentDueDay?: number | null;
  Tenants?: BuildiumLeaseTenant[] | null;
  CurrentTenants?: BuildiumTenant[] | null;
  MoveOutData?: BuildiumMoveOut[] | null;
  AccountDetails?: { Rent?: number | string | null } | null;
};
export type BuildiumPhone = { Number?: string | null; Type?: string | null };
export type BuildiumPhoneNumbers = { Home?: string | null; Work?: string | null; Mobile?: string | null; Fax?: string | null };
export type BuildiumTenant = {
  Id?: number;
  FirstName?: string | null;
  LastName?: string | null;
  Email?: string | null;
  AlternateEmail?: string | null;
  PhoneNumbers?: BuildiumPhoneNumbers | BuildiumPhone[] | null;
};
export type BuildiumBalance = { LeaseId?: number; TotalBalance?: number | string | null; IsNoticeGiven?: boolean | null };

export type BuildiumSnapshot = {
  rentals: BuildiumRental[];
  units: BuildiumUnit[];
  leases: BuildiumLease[];
  tenants: BuildiumTenant[];
  balances: BuildiumBalance[];
};

export type BuildiumTransformResult = {
  /** Tenant rows found, each yielding one row or its errors: the progress total. */
  total: number;
  items: ProviderItem[];
};

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** JSON numbers carry float noise (1250.1 + 0.2); the ledger keeps cents, so two decimals is exact enough. */
function money(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(2) : String(value);
  return text(value);
}

/** Buildium sends dates as YYYY-MM-DD, sometimes with a midnight time part that is not a moment in time. */
function calendarDate(value: unknown): string | null {
  const raw = text(value)?.trim() ?? null;
  return raw && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? raw.slice(0, 10) : raw;
}

/** Mobile first: it is the number a resident most likely gives when signing up, which auto-approval matches on. */
function phonesOf(tenant: BuildiumTenant): string[] {
  const numbers = tenant.PhoneNumbers;
  if (!numbers) return [];
  const list = Array.isArray(numbers)
    ? [...numbers].filter((phone) => phone.Type !== 'Fax').sort((a, b) => phoneRank(a.Type) - phoneRank(b.Type)).map((phone) => phone.Number)
    : [numbers.Mobile, numbers.Home, numbers.Work];
  return list.map((phone) => phone?.trim() ?? '').filter(Boolean);
}

const PHONE_ORDER = ['Mobile', 'Home', 'Work'];
const phoneRank = (type: string | null | undefined): number => {
  const rank = PHONE_ORDER.indexOf(type ?? '');
  return rank < 0 ? PHONE_ORDER.length : rank;
};

function emailsOf(tenant: BuildiumTenant): string[] {
  return [tenant.Email, tenant.AlternateEmail].map((email) => email?.trim() ?? '').filter(Boolean);
}

function moveOutOf(lease: BuildiumLease, tenantId: number | undefined): BuildiumMoveOut | undefined {
  return lease.MoveOutData?.find((entry) => entry.TenantId === tenantId);
}

/** Tenants of a lease; a lease without Tenants still names the people living there in CurrentTenants. */
function leaseTenants(lease: BuildiumLease): BuildiumLeaseTenant[] {
  if (lease.Tenants && lease.Tenants.length > 0) return lease.Tenants;
  return (lease.CurrentTenants ?? []).map((tenant) => ({ Id: tenant.Id, Status: 'Current' }));
}

/**
 * A scheduled move-out counts as notice even without a notice date: the
 * landlord already knows the resident is leaving. Lease-level IsNoticeGiven
 * (from the balances list) covers accounts that record notice but no tenant.
 */
export function tenantStatus(lease: BuildiumLease, tenant: BuildiumLeaseTenant, noticeOnLease = false): string {
  if (lease.LeaseStatus === 'Past' || tenant.Status === 'MovedOut') return 'past';
  if (lease.LeaseStatus === 'Future' || tenant.Status === 'Future') return 'future';
  if (lease.LeaseStatus !== 'Active') return text(lease.LeaseStatus) ?? '';
  const moveOut = moveOutOf(lease, tenant.Id);
  if (moveOut?.NoticeGivenDate || moveOut?.MoveOutDate) return 'notice';
  return noticeOnLease && !lease.MoveOutData?.length ? 'notice' : 'current';
}

const STATUS_RANK: Record<string, number> = { current: 0, notice: 0, future: 1, past: 2 };

/**
 * The one lease each tenant's row describes. A tenant who moved between units
 * is on an old lease and a new one; the row (and payments) must follow the
 * lease they live under, else the duplicate guard would keep whichever came
 * first. Ties go to the later start.
 */
export function leasesByTenant(leases: BuildiumLease[]): Map<number, BuildiumLease> {
  const best = new Map<number, { lease: BuildiumLease; rank: number; start: string }>();
  for (const lease of leases) {
    const start = calendarDate(lease.LeaseFromDate) ?? '';
    for (const tenant of leaseTenants(lease)) {
      if (tenant.Id === undefined) continue;
      const rank = STATUS_RANK[tenantStatus(lease, tenant)] ?? 3;
      const seen = best.get(tenant.Id);
      if (!seen || rank < seen.rank || (rank === seen.rank && start > seen.start)) best.set(tenant.Id, { lease, rank, start });
    }
  }
  return new Map([...best].map(([tenantId, { lease }]) => [tenantId, lease]));
}

type Lookups = {
  rentals: Map<number | undefined, BuildiumRental>;
  units: Map<number | undefined, BuildiumUnit>;
  tenants: Map<number | undefined, BuildiumTenant>;
  balances: Map<number | undefined, BuildiumBalance>;
};

function lookups(snapshot: BuildiumSnapshot): Lookups {
  return {
    rentals: new Map(snapshot.rentals.map((rental) => [rental.Id, rental])),
    units: new Map(snapshot.units.map((unit) => [unit.Id, unit])),
    tenants: new Map(snapshot.tenants.map((tenant) => [tenant.Id, tenant])),
    balances: new Map(snapshot.balances.map((balance) => [balance.LeaseId, balance])),
  };
}

/**
 * The outstanding-balances list names only leases that owe something (or hold
 * a credit), so a lease missing from the complete list has a zero balance.
 * Roommates share one Buildium ledger: every tenant row carries the lease's
 * whole balance, as each of them sees it in the resident portal.
 */
function balanceOf(lease: BuildiumLease, found: Lookups): string {
  return money(found.balances.get(lease.Id)?.TotalBalance) ?? '0';
}

/** A roommate who left early ends their residency at the move-out date, not the lease's. */
function leaseEnd(lease: BuildiumLease, tenantId: number | undefined): string | null {
  return calendarDate(moveOutOf(lease, tenantId)?.MoveOutDate) ?? calendarDate(lease.LeaseToDate);
}

function toRawRecord(lease: BuildiumLease, entry: BuildiumLeaseTenant, tenant: BuildiumTenant, found: Lookups): RawRecord {
  const rental = found.rentals.get(lease.PropertyId);
  return {
    property_code: text(lease.PropertyId),
    property_name: rental?.Name,
    address: rental?.Address?.AddressLine1,
    city: rental?.Address?.City,
    state: rental?.Address?.State,
    postal_code: rental?.Address?.PostalCode,
    unit: lease.UnitNumber ?? found.units.get(lease.UnitId)?.UnitNumber,
    resident_id: text(entry.Id),
    first_name: tenant.FirstName,
    last_name: tenant.LastName,
    emails: emailsOf(tenant),
    phones: phonesOf(tenant),
    lease_start: calendarDate(lease.LeaseFromDate),
    lease_end: leaseEnd(lease, entry.Id),
    // AccountDetails.Rent is the lease's recurring rent as listed; the /rent schedule would cost a request per lease.
    rent: money(lease.AccountDetails?.Rent),
    balance: balanceOf(lease, found),
    status: tenantStatus(lease, entry, found.balances.get(lease.Id)?.IsNoticeGiven === true),
    do_not_accept_payments: 'no',
  };
}

function missingTenant(row: number, lease: BuildiumLease, tenantId: number | undefined): ProviderItem {
  return {
    kind: 'error',
    error: { row, field: 'resident_id', message: `Tenant ${tenantId ?? '(no id)'} of lease ${lease.Id ?? '(no id)'} is not in Buildium's tenant list` },
  };
}

/** One row per tenant on a lease (roommates are separate residents), validated and de-duplicated. */
export function transformBuildium(snapshot: BuildiumSnapshot): BuildiumTransformResult {
  const found = lookups(snapshot);
  const chosen = leasesByTenant(snapshot.leases);
  const guard = createDuplicateGuard();
  const items: ProviderItem[] = [];
  let total = 0;
  for (const lease of snapshot.leases) {
    for (const entry of leaseTenants(lease)) {
      if (entry.Id !== undefined && chosen.get(entry.Id) !== lease) continue;
      total += 1;
      const tenant = found.tenants.get(entry.Id) ?? lease.CurrentTenants?.find((current) => current.Id === entry.Id);
      if (!tenant) items.push(missingTenant(total, lease, entry.Id));
      else items.push(...toAccountingRow(total, toRawRecord(lease, entry, tenant, found)).map(guard));
    }
  }
  return { total, items };
}
