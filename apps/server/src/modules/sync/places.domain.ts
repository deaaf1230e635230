/**
 * Which property and unit an accounting row belongs to, and when an import may
 * create one: imports never invent a place or duplicate one. Pure: the
 * repository loads what the company has and writes the decisions.
 */

/** The setting's name as the Accounting page shows it, quoted in the errors that point to it. */
export const CREATE_PLACES_SETTING = 'Create properties from the accounting system';

/** A property code as accounting systems and people type it: "bsf", " BSF " and "BSF" are one property. */
export function codeKey(code: string): string {
  return code.trim().toLowerCase();
}

const STREET_WORDS: Record<string, string> = {
  avenue: 'ave',
  av: 'ave',
  street: 'st',
  str: 'st',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  boulevard: 'blvd',
  court: 'ct',
  place: 'pl',
  parkway: 'pkwy',
  circle: 'cir',
  terrace: 'ter',
  highway: 'hwy',
  square: 'sq',
  trail: 'trl',
  way: 'way',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};

export type Address = { street: string; city: string; state: string; postalCode: string };

/**
 * One key per real address: case, punctuation, spacing and the usual street abbreviations ("Avenue" / "Ave.")
 * do not make a second property; the ZIP code's first five digits stand in for the city.
 */
export function addressKey(address: Pick<Address, 'street' | 'postalCode'>): string {
  const words = address.street
    .toLowerCase()
    .replace(/[.,#]/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => STREET_WORDS[word] ?? word);
  return `${words.join(' ')}|${address.postalCode.trim().slice(0, 5)}`;
}

export function formatAddress(address: Address): string {
  return `${address.street}, ${address.city}, ${address.state} ${address.postalCode}`;
}

export type KnownProperty = Address & { id: string; name: string; code: string | null };

/** What the ledger says of a property code: its first row that gives a full address, else its first row. */
export type LedgerProperty = { code: string; name: string | null; address: Address | null };

export type PropertyDecision =
  | { kind: 'known'; property: KnownProperty }
  | { kind: 'create'; code: string; name: string; address: Address }
  | { kind: 'refuse'; message: string };

function describe(property: KnownProperty): string {
  return property.code ? `${property.name} (property code ${property.code})` : `${property.name} (no property code)`;
}

/**
 * Decides each property code of a batch, in order: a known code (ignoring case and spaces) is its property; a new
 * code at the address of a property the company has (or one this batch creates first) is refused naming it; a new
 * code is created only when the company allows it and the ledger gives a full address.
 */
export function decideProperties(
  ledger: LedgerProperty[],
  known: KnownProperty[],
  allowCreate: boolean,
): Map<string, PropertyDecision> {
  const byCode = new Map<string, KnownProperty>();
  // An exact spelling wins over another case of it (older data may hold both).
  for (const property of known) {
    if (property.code === null) continue;
    const key = codeKey(property.code);
    if (!byCode.has(key) || property.code === ledger.find((l) => codeKey(l.code) === key)?.code) byCode.set(key, property);
  }
  const byAddress = new Map<string, { name: string; description: string }>();
  for (const property of known) byAddress.set(addressKey(property), { name: property.name, description: describe(property) });

  const decisions = new Map<string, PropertyDecision>();
  for (const entry of ledger) {
    const key = codeKey(entry.code);
    if (decisions.has(key)) continue;
    const property = byCode.get(key);
    if (property) {
      decisions.set(key, { kind: 'known', property });
      continue;
    }
    const code = entry.code.trim();
    const twin = entry.address ? byAddress.get(addressKey(entry.address)) : undefined;
    if (entry.address && twin) {
      decisions.set(key, {
        kind: 'refuse',
        message: `Property code ${code} is new, but ${formatAddress(entry.address)} is the address of ${twin.description}: give these rows that property's code in the accounting system, or change the property's code in RentLedger`,
      });
    } else if (!allowCreate) {
      decisions.set(key, {
        kind: 'refuse',
        message: `Unknown property code ${code}: add the property in RentLedger (Properties), or turn on "${CREATE_PLACES_SETTING}" on the Accounting page`,
      });
    } else if (!entry.address) {
      decisions.set(key, {
        kind: 'refuse',
        message: `Property ${code} is not in RentLedger and the file gives no full address for it (address, city, state, postal_code)`,
      });
    } else {
      const name = entry.name?.trim() || code;
      decisions.set(key, { kind: 'create', code, name, address: entry.address });
      byAddress.set(addressKey(entry.address), { name, description: `${name} (property code ${code}, created by this import)` });
    }
  }
  return decisions;
}

export type PropertyUnits = {
  propertyName: string;
  street: string;
  /** The property's units, by label and by accounting code, lowercased. */
  unitIdByKey: Map<string, string>;
  /** Whether the property has a unit, or a row of this batch names one. */
  hasUnits: boolean;
};

export type UnitDecision =
  | { kind: 'known'; unitId: string }
  | { kind: 'create'; label: string; namedByAddress: boolean }
  | { kind: 'refuse'; field: string; message: string };

export const unitKey = (label: string) => label.trim().toLowerCase();

/**
 * The unit of a row: a known label or code; a new one only when the company allows it; no unit at all only for a
 * single-family property, whose one unit is named by its address (made once, whatever the setting: it is the
 * property itself, not a new place).
 */
export function decideUnit(unitCode: string | null, property: PropertyUnits, allowCreate: boolean): UnitDecision {
  if (unitCode === null || unitCode.trim() === '') {
    const addressUnit = property.unitIdByKey.get(unitKey(property.street));
    if (addressUnit) return { kind: 'known', unitId: addressUnit };
    if (property.hasUnits) {
      return { kind: 'refuse', field: 'unit', message: `No unit given, and ${property.propertyName} has units: give the row its unit` };
    }
    return { kind: 'create', label: property.street.trim(), namedByAddress: true };
  }
  const known = property.unitIdByKey.get(unitKey(unitCode));
  if (known) return { kind: 'known', unitId: known };
  if (!allowCreate) {
    return {
      kind: 'refuse',
      field: 'unit',
      message: `Unknown unit ${unitCode.trim()} at ${property.propertyName}: add the unit in RentLedger (Properties), or turn on "${CREATE_PLACES_SETTING}" on the Accounting page`,
    };
  }
  return { kind: 'create', label: unitCode.trim(), namedByAddress: false };
}

/** Rows in error and problems: one row may have several problems, and an error of the whole file names no row. */
export function errorCounts(errors: { row: number | null }[]): { errors: number; problems: number } {
  const rows = new Set<number>();
  for (const error of errors) if (error.row !== null) rows.add(error.row);
  return { errors: rows.size, problems: errors.length };
}

/**
 * Whether a company's runs may create properties and units: its own choice, else on for an API connection (the
 * accounting system is the company's record of its portfolio) and off for files and spreadsheets, whose codes
 * are typed by hand and would invent a property per typo.
 */
export function createsPlaces(setting: boolean | null, integrationKind: 'none' | 'file' | 'api'): boolean {
  return setting ?? integrationKind === 'api';
}
