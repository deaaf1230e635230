import type { Resident } from '@rentledger/contracts';

export type PaymentPolicy = Resident['paymentPolicy'];

export const PAYMENT_POLICY_LABELS: Record<PaymentPolicy, string> = {
  any: 'Any amount',
  full_balance_only: 'Full balance only',
  blocked: 'Blocked',
};

export const PAYMENT_POLICY_DESCRIPTIONS: Record<PaymentPolicy, string> = {
  any: 'The resident may pay any amount.',
  full_balance_only: 'Only a payment of the whole balance is accepted.',
  blocked: 'The resident cannot pay online.',
};
