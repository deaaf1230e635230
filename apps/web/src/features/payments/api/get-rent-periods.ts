import type { rentPeriodsSchema } from '@rentledger/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { paymentKeys } from './payment-keys.ts';

export type RentPeriods = z.infer<typeof rentPeriodsSchema>;

/** GET /api/me/rent-periods?residentId= (resident) or /api/residents/:id/rent-periods (landlord, support). */
export function getRentPeriods(residentId: string, as: 'resident' | 'staff', signal?: AbortSignal): Promise<RentPeriods> {
  return as === 'resident'
    ? api.get<RentPeriods>('/api/me/rent-periods', { query: { residentId }, signal })
    : api.get<RentPeriods>(`/api/residents/${encodeURIComponent(residentId)}/rent-periods`, { signal });
}

export const rentPeriodsQueryOptions = (residentId: string, as: 'resident' | 'staff') =>
  queryOptions({ queryKey: [...paymentKeys.all, 'rent-periods', as, residentId] as const, queryFn: ({ signal }) => getRentPeriods(residentId, as, signal) });

export function useRentPeriods(residentId: string, as: 'resident' | 'staff') {
  return useQuery(rentPeriodsQueryOptions(residentId, as));
}
