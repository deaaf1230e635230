import { type BankAccount, bankAccountSchema, type CreateBankAccount, type CreatePayment, type Payment, paymentSchema, type PayOptions, payOptionsSchema } from '@rentledger/contracts';
import { screen, waitFor } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { apiError, ids } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { AddBankAccountForm } from './add-bank-account-form.tsx';
import { BankAccountsSection } from './bank-accounts-section.tsx';
import { PayRent } from './pay-rent-form.tsx';

const accountId = 'b19c3b2d-6c5f-4b4a-8f3d-2e1d0c9b8a7f';

function bankAccount(overrides: Partial<BankAccount> = {}): BankAccount {
  return bankAccountSchema.parse({
    id: accountId,
    companyId: ids.company,
    companyName: 'Birch Rentals',
    holderName: 'Quinn Harper',
    last4: '1012',
    accountType: 'checking',
    status: 'verified',
    statusReason: null,
    triesLeft: 3,
    microEntriesSentOn: null,
    createdAt: '2026-05-05T10:00:00.000Z',
    verifiedAt: '2026-05-06T10:00:00.000Z',
    ...overrides,
  });
}

function payOptions(overrides: Partial<PayOptions> = {}): PayOptions {
  return payOptionsSchema.parse({
    residentId: ids.resident,
    companyName: 'Birch Rentals',
    available: true,
    unavailableReason: null,
    defaultAmountCents: 145000,
    balanceCents: 145000,
    rentCents: 145000,
    fullBalanceOnly: false,
    minCents: 100,
    maxCents: 2_500_000,
    paymentWindow: 'any day',
    earliestDate: '2026-05-07',
    latestDate: '2026-07-06',
    ...overrides,
  });
}

function payment(body: CreatePayment): Payment {
  return paymentSchema.parse({
    id: 'c2ad4c3e-7d6a-4c5b-9a4e-3f2e1d0c9b8a',
    residentId: body.residentId,
    residentName: 'Quinn Harper',
    accountingResidentId: null,
    propertyName: 'Birch Street Flats',
    unitLabel: '3',
    amountCents: body.amountCents,
    status: 'scheduled',
    statusReason: null,
    kind: 'one_time',
    scheduledFor: body.date ?? '2026-05-07',
    effectiveDate: null,
    bankAccountLast4: '1012',
    traceNumber: null,
    achFileId: null,
    createdAt: '2026-05-07T10:00:00.000Z',
    cancellable: true,
  });
}

describe('AddBankAccountForm', () => {
  test('checks the account number typed twice in the browser, shows the server’s field errors on their fields, then explains the deposits', async () => {
    const bodies: CreateBankAccount[] = [];
    server.use(
      http.post('/api/me/bank-accounts', async ({ request }) => {
        const body = (await request.json()) as CreateBankAccount;
        bodies.push(body);
        if (body.routingNumber === '021000022') return apiError(400, 'validation_failed', 'The routing number’s check digit is wrong', [{ path: 'routingNumber', message: 'The check digit is wrong: check the number' }]);
        return HttpResponse.json(bankAccount({ status: 'validating', last4: body.accountNumber.slice(-4), verifiedAt: null }), { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<AddBankAccountForm residentId={ids.resident} companyName="Birch Rentals" defaultHolderName="Quinn Harper" />);
    await user.type(screen.getByRole('textbox', { name: 'Routing number' }), '021000022');
    await user.type(screen.getByRole('textbox', { name: 'Account number' }), '987654321012');
    await user.type(screen.getByRole('textbox', { name: 'Account number again' }), '987654321013');
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    expect(await screen.findByText('The account numbers do not match')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Account number again' })).toHaveAttribute('aria-invalid', 'true');
    expect(bodies).toHaveLength(0);

    await user.clear(screen.getByRole('textbox', { name: 'Account number again' }));
    await user.type(screen.getByRole('textbox', { name: 'Account number again' }), '987654321012');
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    expect(await screen.findByText('The check digit is wrong: check the number')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Routing number' })).toHaveAttribute('aria-invalid', 'true');
    expect(bodies[0]).toEqual({ residentId: ids.resident, holderName: 'Quinn Harper', routingNumber: '021000022', accountNumber: '987654321012', accountType: 'checking' });

    await user.clear(screen.getByRole('textbox', { name: 'Routing number' }));
    await user.type(screen.getByRole('textbox', { name: 'Routing number' }), '021000021');
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    const added = await screen.findByTestId('bank-account-added');
    expect(added).toHaveTextContent('Account ending 1012 added');
    expect(added).toHaveTextContent('two small deposits under $1 with the next bank file');
  });
});

describe('Confirm deposits', () => {
  test('sends the two amounts in cents, shows the tries left, and says when the deposits have not gone out yet', async () => {
    const sent: unknown[] = [];
    let answer: 'wrong' | 'not_sent' = 'not_sent';
    server.use(
      http.get('/api/me/bank-accounts', () => HttpResponse.json({ items: [bankAccount({ status: 'validating' })] })),
      http.post('/api/me/bank-accounts/:id/verify', async ({ request }) => {
        sent.push(await request.json());
        return answer === 'not_sent'
          ? apiError(409, 'micro_entries_not_sent', 'The two small deposits go to your bank with the next daily file')
          : apiError(400, 'micro_entries_wrong', 'Those are not the amounts we sent. 2 tries left', [{ path: 'amountsCents', message: 'Those are not the amounts we sent. 2 tries left' }]);
      }),
    );
    const { user } = renderWithProviders(<BankAccountsSection residentId={ids.resident} companyName="Birch Rentals" accounts={[bankAccount({ status: 'validating' })]} />);
    expect(screen.getByTestId('bank-account-status')).toHaveTextContent('Confirm the two small deposits');
    await user.type(screen.getByRole('textbox', { name: 'First deposit' }), '0.07');
    await user.type(screen.getByRole('textbox', { name: 'Second deposit' }), '0.31');
    await user.click(screen.getByRole('button', { name: 'Confirm deposits' }));
    expect(await screen.findByTestId('deposits-not-sent')).toHaveTextContent('next daily file');
    expect(sent[0]).toEqual({ amountsCents: [7, 31] });
    answer = 'wrong';
    await user.click(screen.getByRole('button', { name: 'Confirm deposits' }));
    expect(await screen.findByText('Those are not the amounts we sent. 2 tries left')).toBeInTheDocument();
  });
});

describe('PayRent', () => {
  test('shows why paying is closed', async () => {
    server.use(http.get('/api/me/payments/options', () => HttpResponse.json(payOptions({ available: false, unavailableReason: 'Birch Rentals has not set up online payments yet' }))));
    renderWithProviders(<PayRent residentId={ids.resident} accounts={[bankAccount()]} />);
    expect(await screen.findByTestId('payments-unavailable')).toHaveTextContent('Birch Rentals has not set up online payments yet');
  });

  test('needs the authorization ticked, and two clicks make one payment with one Idempotency-Key', async () => {
    const requests: { body: CreatePayment; key: string | null }[] = [];
    const authorizationQueries: string[] = [];
    server.use(
      http.get('/api/me/payments/options', () => HttpResponse.json(payOptions())),
      http.get('/api/me/payments/authorization', ({ request }) => {
        authorizationQueries.push(new URL(request.url).search);
        return HttpResponse.json({ text: 'ACH DEBIT AUTHORIZATION (ONE-TIME)\nI, Quinn Harper, authorize Birch Rentals to debit my checking account ending 1012 once, for $1,450.00.' });
      }),
      http.post('/api/me/payments', async ({ request }) => {
        const body = (await request.json()) as CreatePayment;
        requests.push({ body, key: request.headers.get('idempotency-key') });
        await delay(50);
        return HttpResponse.json(payment(body), { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<PayRent residentId={ids.resident} accounts={[bankAccount()]} />);
    expect(await screen.findByRole('textbox', { name: 'Amount' })).toHaveValue('$1,450.00');
    expect(await screen.findByText(/authorize Birch Rentals to debit my checking account ending 1012/)).toBeInTheDocument();
    expect(authorizationQueries[0]).toContain(`bankAccountId=${accountId}`);
    expect(authorizationQueries[0]).toContain('amountCents=145000');

    const pay = screen.getByRole('button', { name: 'Pay $1,450.00' });
    await user.click(pay);
    expect(await screen.findByText('Read and accept the authorization to pay')).toBeInTheDocument();
    expect(requests).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: 'I authorize this debit' }));
    await user.dblClick(pay);
    expect(await screen.findByTestId('payment-confirmation')).toHaveTextContent('$1,450.00 from the account ending 1012');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({ residentId: ids.resident, bankAccountId: accountId, amountCents: 145000, authorizationAccepted: true });
    expect(requests[0]?.key).toMatch(/^[0-9a-f-]{36}$/);

    // The next payment is another visit: another key.
    await user.click(screen.getByRole('button', { name: 'Make another payment' }));
    await user.click(await screen.findByRole('checkbox', { name: 'I authorize this debit' }));
    await user.click(screen.getByRole('button', { name: 'Pay $1,450.00' }));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]?.key).not.toBe(requests[0]?.key);
  });
});
