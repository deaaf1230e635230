/**
 * The payments feature's query keys. They sit with the feature (not in lib/query-keys.ts) because no other
 * feature reads or refreshes them yet; move them there once one does.
 */
export const paymentKeys = {
  all: ['payments'] as const,
  bankAccounts: () => [...paymentKeys.all, 'bank-accounts'] as const,
  options: (residentId: string) => [...paymentKeys.all, 'options', residentId] as const,
  authorization: (query: { residentId: string; bankAccountId: string; amountCents: number; date?: string }) => [...paymentKeys.all, 'authorization', query] as const,
  mine: () => [...paymentKeys.all, 'mine'] as const,
  company: (query: object) => [...paymentKeys.all, 'company', query] as const,
  achFiles: () => [...paymentKeys.all, 'ach-files'] as const,
  settings: () => [...paymentKeys.all, 'settings'] as const,
};
