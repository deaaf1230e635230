/**
 * "Synchronize with accounting system" for a file-based company sends the landlord to upload a rent
 * roll; the review they came from is remembered for this tab, so the sync run page can lead back.
 */
const KEY = 'rentledger.review-return';

export type ReviewReturn = { residentId: string; name: string };

export function rememberReview(review: ReviewReturn): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(review));
  } catch {
    // Storage can be unavailable (private mode): the link back is a convenience.
  }
}

export function reviewToReturnTo(): ReviewReturn | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<ReviewReturn> | null;
    return value && typeof value.residentId === 'string' && typeof value.name === 'string' ? { residentId: value.residentId, name: value.name } : null;
  } catch {
    return null;
  }
}

export function forgetReview(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // See rememberReview.
  }
}
