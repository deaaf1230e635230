import { notFound } from '../../lib/app-error.ts';
import type { Principal } from './principal.ts';

/**
 * Landlord staff reach only their own company; support reaches all. Another
 * company's record answers 404, as if it did not exist.
 */
export function assertCompanyAccess(principal: Principal, companyId: string, what = 'Company'): void {
  if (principal.role === 'support') return;
  if (principal.role === 'landlord' && principal.company?.id === companyId) return;
  throw notFound(what);
}

/** The company a list is limited to: the landlord's own, or support's optional filter (undefined = all). */
export function companyFilterFor(principal: Principal, requested: string | undefined): string | undefined {
  if (principal.role === 'support') return requested;
  const own = principal.company?.id;
  if (!own) throw notFound('Company');
  if (requested && requested !== own) throw notFound('Company');
  return own;
}
