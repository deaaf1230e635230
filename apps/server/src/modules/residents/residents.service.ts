import type { Residency, Resident } from '@rentledger/contracts';
import { companyFilterFor } from '../auth/company-access.ts';
import type { Principal } from '../auth/principal.ts';
import type { ResidentFilter, ResidentsRepository } from './residents.repository.ts';

type Deps = { repository: ResidentsRepository };

/** The residents a landlord or support lists, and a resident's own residencies. */
export function createResidentsService({ repository }: Deps) {
  return {
    /** A page of the principal's company's residents (support: every company's), filtered and searched. */
    list(principal: Principal, query: Omit<ResidentFilter, 'companyId'>): Promise<{ items: Resident[]; total: number; countsByStatus: Record<string, number> }> {
      return repository.list({ companyId: companyFilterFor(principal, undefined), ...query });
    },

    /** The user's residencies; lease, rent and balance hidden until their email is verified. */
    residenciesOf(userId: string): Promise<Residency[]> {
      return repository.residenciesOf(userId);
    },

    /** The user's residencies pending review: what proving their email may now auto-approve. */
    pendingResidenciesOf(userId: string) {
      return repository.pendingResidenciesOf(userId);
    },
  };
}

export type ResidentsService = ReturnType<typeof createResidentsService>;
