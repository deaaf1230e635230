/**
 * Turns what a resident types into a search string shaped like our stored
 * addresses: lower case, street abbreviations spelled out, unit words dropped
 * ("Apt 4B" names a unit, which the resident picks next).
 */
const ABBREVIATIONS: Record<string, string> = {
  ave: 'avenue',
  av: 'avenue',
  st: 'street',
  str: 'street',
  rd: 'road',
  dr: 'drive',
  ln: 'lane',
  blvd: 'boulevard',
  ct: 'court',
  pl: 'place',
  pkwy: 'parkway',
  hwy: 'highway',
  cir: 'circle',
  ter: 'terrace',
  sq: 'square',
  apts: 'apartments',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
};
const UNIT_WORDS = new Set(['apt', 'apartment', 'unit', 'suite', 'ste']);

export function normaliseSearch(query: string): string {
  const words = query
    .toLowerCase()
    .replace(/[#.,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const kept: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    if (UNIT_WORDS.has(word)) {
      index += 1; // the unit label that follows
      continue;
    }
    kept.push(ABBREVIATIONS[word] ?? word);
  }
  return kept.join(' ');
}

/** A rental as emails and notifications name it: "Maple Court, unit 4B", or "your rental" when nothing is known. */
export function rentalPlace(propertyName: string | null, unitLabel: string | null): string {
  return [propertyName, unitLabel ? `unit ${unitLabel}` : null].filter(Boolean).join(', ') || 'your rental';
}
