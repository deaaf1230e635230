import { SourceError, type ProviderItem } from '../accounting-provider.ts';
import { parseMoney, parseStatus, toAccountingRow, type RawRecord } from '../accounting-row.domain.ts';
import { refuseUnsafeValues } from '../csv/raw-value.limit.ts';
import { attribute, child, createResidentTransactionsReader, list, text, type XmlNode } from './mits-xml.reader.ts';

/**
 * Maps a MITS ResidentTransactions 2.0 document (Yardi Voyager's answer to
 * GetResidentTransactions_Login, namespace http://yardi.com/ResidentTransactions20)
 * to accounting rows. Pure: the file provider and the Yardi connector share it.
 *
 * Row numbers: every MITS:Customer element in the document, counted from 1 in
 * document order across all properties and households (skipped applicants
 * included), so "row 7" is the seventh customer in the file. Because that
 * number means little in Yardi's screens, error messages also start with the
 * customer's ID and name.
 */

export type MitsTransformResult = {
  items: ProviderItem[];
  /** Residents turned into rows or errors (applicants skipped), for the progress bar. */
  residentCount: number;
  /** The row number the next document would start with, so several answers can be numbered as one. */
  nextRow: number;
};

export type ResidentTransactionsTransform = {
  /** Reads the next piece of the document and answers the items its completed households make. */
  write(text: string): ProviderItem[];
  /** Ends the document, refusing one cut short. */
  close(): ProviderItem[];
  readonly residentCount: number;
  readonly nextRow: number;
};

/** Streams a document: one household at a time is held, whatever the size of the file. */
export function createResidentTransactionsTransform(options: { firstRow?: number } = {}): ResidentTransactionsTransform {
  const counter: Counter = { nextRow: options.firstRow ?? 1, residentCount: 0 };
  let site = NO_SITE;
  let pending: ProviderItem[] = [];
  const reader = createResidentTransactionsReader({
    onProperty: () => (site = NO_SITE),
    onPropertyId: (propertyId) => (site = readSite(propertyId)),
    onHousehold: (household) => pending.push(...transformHousehold(household, site, counter)),
  });
  const take = () => {
    const items = pending;
    pending = [];
    return items;
  };
  return {
    write(text) {
      reader.write(text);
      return take();
    },
    close() {
      reader.close();
      return take();
    },
    get residentCount() {
      return counter.residentCount;
    },
    get nextRow() {
      return counter.nextRow;
    },
  };
}

/** A whole document already in memory (one Yardi answer). */
export function transformResidentTransactions(xml: string, options: { firstRow?: number } = {}): MitsTransformResult {
  const transform = createResidentTransactionsTransform(options);
  const items = [...transform.write(xml), ...transform.close()];
  return { items, residentCount: transform.residentCount, nextRow: transform.nextRow };
}

// ---------------------------------------------------------------------------
// Properties, households and customers.

type Site = Pick<RawRecord, 'property_code' | 'property_name' | 'address' | 'city' | 'state' | 'postal_code'>;
type Counter = { nextRow: number; residentCount: number };
type LeaseTerms = { from: string | null; to: string | null; rent: string | null; expectedMoveOut: string | null };
/** A status word for toAccountingRow, or 'skip' for people who are not residents. */
type CustomerStatus = string;

const NO_SITE: Site = { property_code: null, property_name: null, address: null, city: null, state: null, postal_code: null };

/** MITS puts a property's PropertyID before its households, so the site is known when they arrive. */
function readSite(propertyId: XmlNode): Site {
  const identification = child(propertyId, 'Identification');
  const address = child(propertyId, 'Address') ?? child(identification, 'Address');
  return {
    property_code: text(child(identification, 'PrimaryID')),
    property_name: text(child(identification, 'MarketingName')),
    address: text(child(address, 'Address1')),
    city: text(child(address, 'City')),
    state: text(child(address, 'State')),
    postal_code: text(child(address, 'PostalCode')),
  };
}

const ROOMMATE_TYPES = new Set(['', 'customer', 'other', 'occupant', 'roommate', 'co-tenant', 'cotenant']);
const NOT_RESIDENT_TYPES = /applicant|prospect|guarantor|cancel|denied/;

function transformHousehold(household: XmlNode, site: Site, counter: Counter): ProviderItem[] {
  const customers = list(child(household, 'Customers'), 'Customer');
  const firstRow = counter.nextRow;
  counter.nextRow += customers.length;
  const householdId = text(child(household, 'CustomerID'));
  const primaryIndex = findPrimary(customers, householdId);
  const primary = customers[primaryIndex];
  const primaryLease = leaseTerms(primary);
  const householdStatus = statusOf(primary, null);
  const shared: RawRecord = {
    ...site,
    unit: text(child(child(household, 'RT_Unit'), 'UnitID')),
    balance: householdBalance(household),
    do_not_accept_payments: paymentsBlocked(text(child(household, 'PaymentAccepted'))),
  };
  return customers.flatMap((customer, index) => {
    const isPrimary = index === primaryIndex;
    const status = isPrimary ? householdStatus : statusOf(customer, householdStatus);
    if (status === 'skip') return [];
    counter.residentCount += 1;
    const residentId = (isPrimary ? householdId : null) ?? text(child(customer, 'CustomerID'));
    const raw: RawRecord = { ...customerRecord(customer, shared, status, mergeLease(leaseTerms(customer), primaryLease)), resident_id: residentId };
    const overlong = refuseUnsafeValues(firstRow + index, raw);
    return labelErrors(overlong ? [overlong] : toAccountingRow(firstRow + index, raw), residentId, raw);
  });
}

/** The customer whose ID is the household's; failing that, the first one typed as a resident. */
function findPrimary(customers: XmlNode[], householdId: string | null): number {
  const byId = customers.findIndex((customer) => householdId !== null && text(child(customer, 'CustomerID')) === householdId);
  if (byId !== -1) return byId;
  const byType = customers.findIndex((customer) => parseStatus(typeOf(customer)) !== undefined);
  return Math.max(byType, 0);
}

const typeOf = (customer: XmlNode | undefined) => (text(attribute(customer, 'Type')) ?? '').toLowerCase();

/**
 * Resident types map to statuses; roommates ("customer", "other") share their
 * household's (a household whose own type is "other" counts as current);
 * applicants, prospects and guarantors are not residents and are skipped. A
 * current resident with an expected move-out date has given notice.
 */
function statusOf(customer: XmlNode | undefined, householdStatus: CustomerStatus | null): CustomerStatus {
  const type = typeOf(customer);
  if (NOT_RESIDENT_TYPES.test(type)) return 'skip';
  let status: CustomerStatus;
  if (ROOMMATE_TYPES.has(type)) status = householdStatus ?? 'current';
  else status = type.includes('notice') ? 'notice' : (parseStatus(type) ?? type);
  return status === 'current' && leaseTerms(customer).expectedMoveOut ? 'notice' : status;
}

function customerRecord(customer: XmlNode, shared: RawRecord, status: string, lease: LeaseTerms): RawRecord {
  const name = child(customer, 'Name');
  const ownProperty = child(customer, 'Property');
  return {
    ...shared,
    property_code: shared.property_code ?? text(child(ownProperty, 'PrimaryID')),
    property_name: shared.property_name ?? text(child(ownProperty, 'MarketingName')),
    unit: shared.unit ?? text(child(ownProperty, 'UnitID')),
    first_name: text(child(name, 'FirstName')),
    last_name: text(child(name, 'LastName')),
    emails: emailsOf(customer),
    phones: phonesOf(customer),
    lease_start: lease.from,
    lease_end: lease.to,
    rent: lease.rent,
    status,
  };
}

function emailsOf(customer: XmlNode): string[] {
  const fromAddresses = list(customer, 'Address').map((address) => text(child(address, 'Email')));
  return [...fromAddresses, text(child(customer, 'Email'))].filter((email): email is string => Boolean(email));
}

function phonesOf(customer: XmlNode): string[] {
  return list(customer, 'Phone')
    .map((phone) => text(child(phone, 'PhoneNumber')) ?? text(phone))
    .filter((phone): phone is string => Boolean(phone));
}

function leaseTerms(customer: XmlNode | undefined): LeaseTerms {
  const lease = child(customer, 'Lease');
  const date = (name: string) => withoutNullDate(text(child(lease, name)));
  return { from: date('LeaseFromDate'), to: date('LeaseToDate'), rent: decimal(text(child(lease, 'CurrentRent'))), expectedMoveOut: date('ExpectedMoveOutDate') };
}

/** Roommates usually carry no lease terms of their own; they share the primary's. */
function mergeLease(own: LeaseTerms, primary: LeaseTerms): LeaseTerms {
  return { from: own.from ?? primary.from, to: own.to ?? primary.to, rent: own.rent ?? primary.rent, expectedMoveOut: own.expectedMoveOut };
}

const withoutNullDate = (value: string | null) => (value === '0001-01-01' ? null : value);

/** Yardi writes some amounts with six decimals ("850.000000"); zeros beyond the cents carry nothing. */
function decimal(value: string | null): string | null {
  return value?.replace(/^(-?\d+\.\d{2})0+$/, '$1') ?? null;
}

/**
 * The household's balance is the sum of its open charges' BalanceDue (credits
 * are negative). Each roommate shows the household's balance: it is one lease
 * ledger. Without any transactions element the balance is unknown, not zero.
 */
function householdBalance(household: XmlNode): string | null {
  const transactions = child(household, 'RTServiceTransactions');
  if (transactions === undefined) return null;
  const details = list(transactions, 'Transactions')
    .flatMap((group) => list(group, 'Charge'))
    .flatMap((charge) => list(charge, 'Detail'));
  let cents = 0;
  for (const detail of details) {
    const due = decimal(text(child(detail, 'BalanceDue')));
    const amount = parseMoney(due);
    if (amount === undefined) return due;
    cents += amount ?? 0;
  }
  return formatCents(cents);
}

function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/**
 * Yardi's PaymentAccepted codes: 0 accept any payment, 1 do not accept
 * payments, 2 certified funds only (which an ACH debit is not). Any code we do
 * not know blocks payments too: taking money we should not is the worse error.
 */
function paymentsBlocked(code: string | null): string {
  return code === null || code === '' || code === '0' ? 'no' : 'yes';
}

/** "Rent cannot be negative" alone cannot be found in Yardi; the customer's ID and name can. */
function labelErrors(items: ProviderItem[], residentId: string | null, raw: RawRecord): ProviderItem[] {
  const name = [raw.first_name, raw.last_name].filter(Boolean).join(' ');
  const label = [residentId, name].filter(Boolean).join(' ').slice(0, 100) || 'Customer without ID or name';
  return items.map((item) => (item.kind === 'error' ? { kind: 'error', error: { ...item.error, message: `${label}: ${item.error.message}` } } : item));
}
