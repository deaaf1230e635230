import { paymentKeys } from './payment-keys.ts';

export type AutopayAuthorizationQuery = {
  residentId: string;
  bankAccountId: string;
  dayOfMonth: number;
  kind: 'fixed' | 'balance';
  amountCents?: number;
  capCents?: number;
};

/** Autopay's query keys, under the payments feature's (so refreshing all payments refreshes autopay too). */
export const autopayKeys = {
  all: [...paymentKeys.all, 'autopay'] as const,
  plans: () => [...autopayKeys.all, 'plans'] as const,
  authorization: (query: AutopayAuthorizationQuery) => [...autopayKeys.all, 'authorization', query] as const,
};
