import { PAYMENT_STATUS_LABELS, type BankAccount, type PaymentStatus } from '@rentledger/contracts';
import { Badge } from '@mantine/core';

const PAYMENT_STATUS_COLORS: Record<PaymentStatus, string> = {
  scheduled: 'blue',
  processing: 'orange',
  settled: 'green',
  cancelled: 'gray',
  voided: 'gray',
  returned: 'red',
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return (
    <Badge variant="light" color={PAYMENT_STATUS_COLORS[status]} radius="sm" tt="none" styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }} data-testid="payment-status">
      {PAYMENT_STATUS_LABELS[status]}
    </Badge>
  );
}

const BANK_ACCOUNT_STATUS = {
  validating: { label: 'Confirm the two small deposits', color: 'orange' },
  verified: { label: 'Verified', color: 'green' },
  locked: { label: 'Locked', color: 'red' },
  disabled: { label: 'Returned by the bank: enter it again', color: 'red' },
  blocked: { label: 'Blocked: a new authorization is needed', color: 'red' },
} as const;

export function BankAccountStatusBadge({ status }: { status: BankAccount['status'] }) {
  const { label, color } = BANK_ACCOUNT_STATUS[status];
  return (
    <Badge
      variant="light"
      color={color}
      radius="sm"
      tt="none"
      styles={{ root: { height: 'auto', paddingBlock: 3, maxWidth: '100%' }, label: { whiteSpace: 'normal', lineHeight: 1.35 } }}
      data-testid="bank-account-status"
    >
      {label}
    </Badge>
  );
}

export const ACCOUNT_TYPE_LABELS = { checking: 'Checking', savings: 'Savings' } as const;

/** "Checking ••••1012". */
export function accountLabel(account: Pick<BankAccount, 'accountType' | 'last4'>): string {
  return `${ACCOUNT_TYPE_LABELS[account.accountType]} ••••${account.last4}`;
}
