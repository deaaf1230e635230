/**
 * Who a signed-up resident might be in the landlord's books: a score with the
 * reasons a landlord can check, and whether the match is strong enough to
 * approve without asking: the same (verified) email. Phone and name raise the
 * score, so such a record is the landlord's top candidate, but never approve alone.
 */
export type Person = { firstName: string; lastName: string; email: string | null; phone: string | null; unitId: string | null; propertyId: string | null };

export type CandidateFacts = {
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  unitId: string | null;
  propertyId: string | null;
};

export type MatchReason = 'email matches' | 'phone matches' | 'name matches' | 'name similar' | 'same unit' | 'same property';

export type Match = { score: number; reasons: MatchReason[]; strong: boolean };

/** Below this a candidate is noise and is not shown. */
export const MIN_SHOWN_SCORE = 30;
const NEAR_IDENTICAL_NAME = 0.92;
const SIMILAR_NAME = 0.85;

export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The last ten digits: "+1 (614) 555-0142" and "614.555.0142" are the same phone. */
export function normalisePhone(value: string | null): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-10) : null;
}

/** Jaro-Winkler similarity, 0..1: forgiving of typos and of the end of a name. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (!a || !b) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions += 1;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Similarity of two people's names, in either order ("Lee Ann" for "Ann Lee"). */
export function nameSimilarity(a: { firstName: string; lastName: string }, b: { firstName: string; lastName: string }): number {
  const left = normaliseName(`${a.firstName} ${a.lastName}`);
  const right = normaliseName(`${b.firstName} ${b.lastName}`);
  const swapped = normaliseName(`${b.lastName} ${b.firstName}`);
  return Math.max(jaroWinkler(left, right), jaroWinkler(left, swapped));
}

export function scoreCandidate(person: Person, candidate: CandidateFacts): Match {
  const reasons: MatchReason[] = [];
  let score = 0;
  const email = person.email?.trim().toLowerCase();
  const emailMatch = Boolean(email && candidate.emails.some((candidateEmail) => candidateEmail.trim().toLowerCase() === email));
  if (emailMatch) {
    score += 50;
    reasons.push('email matches');
  }
  const phone = normalisePhone(person.phone);
  const phoneMatch = Boolean(phone && candidate.phones.some((candidatePhone) => normalisePhone(candidatePhone) === phone));
  if (phoneMatch) {
    score += 25;
    reasons.push('phone matches');
  }
  const similarity = nameSimilarity(person, candidate);
  if (similarity >= NEAR_IDENTICAL_NAME) {
    score += Math.round(similarity * 25);
    reasons.push(similarity >= 0.99 ? 'name matches' : 'name similar');
  } else if (similarity >= SIMILAR_NAME) {
    score += Math.round(similarity * 20);
    reasons.push('name similar');
  }
  if (person.unitId && candidate.unitId === person.unitId) {
    score += 15;
    reasons.push('same unit');
  } else if (person.propertyId && candidate.propertyId === person.propertyId) {
    score += 5;
    reasons.push('same property');
  }
  // Only a proven email is strong: sign-up does not prove a phone, and a name is not a secret.
  const strong = emailMatch;
  return { score, reasons, strong };
}

/** Candidates worth showing, best first. */
export function rankCandidates<T extends CandidateFacts>(person: Person, candidates: T[]): Array<T & Match> {
  return candidates
    .map((candidate) => ({ ...candidate, ...scoreCandidate(person, candidate) }))
    .filter((candidate) => candidate.strong || candidate.score >= MIN_SHOWN_SCORE)
    .sort((a, b) => b.score - a.score);
}
