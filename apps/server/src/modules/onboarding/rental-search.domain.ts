/**
 * Turns what a resident types into the parts a rental search looks for: the
 * text shaped like our stored addresses (lower case, street abbreviations
 * spelled out), each word's accepted spellings, a unit typed with the address
 * ("Apt 4B", "#4B") and a token that may be a property's code.
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
const UNIT_WORDS = new Set(['apt', 'apartment', 'unit', 'suite', 'ste', '#']);
/** Shorter words are not typo-tolerant: one edit away from "oak" is half the dictionary. */
const TYPO_TOLERANT_LENGTH = 4;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** One token of letters and digits with a letter in it: a bare number is a street number, not a code. */
const CODE_PATTERN = /^(?=.*\p{L})[\p{L}\p{N}-]{2,30}$/u;

export type RentalQuery = {
  /** The words joined, for trigram similarity against the stored search text. */
  text: string;
  /** Per word, every spelling that counts as that word: itself, its abbreviation's forms and, for longer words, one edit away. */
  words: string[][];
  /** Per word, the spellings that are no typo (itself and its abbreviation's forms), to rank exact matches first. */
  exactWords: string[][];
  /** Street numbers to look up exactly. */
  numbers: string[];
  /** The unit typed after "apt", "unit", "suite" or "#", as typed (lower case). */
  unit: string | null;
  /** The query as a property code ("MC", "mc01"), when it is one token. */
  code: string | null;
};

function wordsOf(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/#/g, ' # ')
    .replace(/[.,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

export function parseRentalQuery(query: string): RentalQuery {
  const typed = wordsOf(query);
  const kept: string[] = [];
  let unit: string | null = null;
  for (let index = 0; index < typed.length; index++) {
    const word = typed[index] ?? '';
    if (UNIT_WORDS.has(word)) {
      while (UNIT_WORDS.has(typed[index + 1] ?? '')) index += 1; // "apt #4"
      const label = typed[index + 1];
      if (label) unit ??= label;
      index += 1;
      continue;
    }
    kept.push(ABBREVIATIONS[word] ?? word);
  }
  const trimmed = query.trim().toLowerCase();
  return {
    text: kept.join(' '),
    words: kept.map((word) => [...new Set([...spellingsOf(word), ...(isTypoTolerant(word) ? oneEditAway(word) : [])])]),
    exactWords: kept.map(spellingsOf),
    numbers: kept.filter((word) => /^\d{1,6}$/.test(word)),
    unit,
    code: CODE_PATTERN.test(trimmed) ? trimmed : null,
  };
}

/** The word as stored either way: spelled out ("avenue") or abbreviated ("ave"). */
function spellingsOf(word: string): string[] {
  const abbreviations = Object.entries(ABBREVIATIONS)
    .filter(([, full]) => full === word)
    .map(([short]) => short);
  return [word, ...abbreviations];
}

function isTypoTolerant(word: string): boolean {
  return word.length >= TYPO_TOLERANT_LENGTH && /^\p{L}+$/u.test(word);
}

/**
 * Every string one edit away (a letter missed, added, changed, or two
 * neighbours swapped): "brich" reaches "birch", which trigrams cannot (they
 * share two of six).
 */
export function oneEditAway(word: string): string[] {
  const alphabet = [...new Set([...LETTERS, ...word])];
  const variants = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    const after = word.slice(i);
    if (after) variants.add(before + after.slice(1));
    if (after.length > 1) variants.add(before + after[1] + after[0] + after.slice(2));
    for (const letter of alphabet) {
      variants.add(before + letter + after);
      if (after) variants.add(before + letter + after.slice(1));
    }
  }
  variants.delete(word);
  return [...variants];
}

/** Unit labels compare without case, spaces, dashes or leading zeros: "#03" is unit "3", "b-2" is "B2". */
function unitKey(label: string): string {
  return label.toLowerCase().replace(/[\s-]/g, '').replace(/^0+(?=.)/, '');
}

/** The unit the resident typed with the address, when the property has exactly that unit. */
export function typedUnit<U extends { label: string }>(units: U[], typed: string | null): U | null {
  if (!typed) return null;
  const key = unitKey(typed);
  return units.find((unit) => unitKey(unit.label) === key) ?? null;
}

/** A rental as emails and notifications name it: "Maple Court, unit 4B", or "your rental" when nothing is known. */
export function rentalPlace(propertyName: string | null, unitLabel: string | null): string {
  return [propertyName, unitLabel ? `unit ${unitLabel}` : null].filter(Boolean).join(', ') || 'your rental';
}
