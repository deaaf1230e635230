import { type Autopay, autopaySchema, type BankAccount, bankAccountSchema, type PayOptions, payOptionsSchema, type PutAutopay } from '@rentledger/contracts';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { apiError, ids } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { AutopaySection } from './autopay-section.tsx';

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

function plan(body: PutAutopay): Autopay {
  return autopaySchema.parse({
    id: 'd3be5d4f-8e7b-4d6c-8b5f-4a3f2e1d0c9b',
    residentId: ids.resident,
    bankAccountId: body.bankAccountId,
    bankAccountLast4: '1012',
    dayOfMonth: body.dayOfMonth,
    kind: body.kind,
    amountCents: body.kind === 'fixed' ? (body.amountCents ?? null) : null,
    capCents: body.kind === 'balance' ? (body.capCents ?? null) : null,
    status: 'active',
    nextDebitOn: `2026-06-${String(body.dayOfMonth).padStart(2, '0')}`,
  });
}

/** The handlers of a residency with no plan yet; PUT answers with `answer` (or the saved plan). */
function serve(options: PayOptions, answer?: () => Response) {
  const puts: PutAutopay[] = [];
  let plans: Autopay[] = [];
  server.use(
    http.get('/api/me/payments/options', () => HttpResponse.json(options)),
    http.get('/api/me/autopay', () => HttpResponse.json({ items: plans })),
    http.get('/api/me/autopay/:residentId/authorization', ({ request }) => {
      const query = new URL(request.url).searchParams;
      return HttpResponse.json({ text: `ACH DEBIT AUTHORIZATION (RECURRING)\nI, Quinn Harper, authorize Birch Rentals to debit my checking account ending 1012 each month on day ${query.get('dayOfMonth')}.` });
    }),
    http.put('/api/me/autopay/:residentId', async ({ request }) => {
      const body = (await request.json()) as PutAutopay;
      puts.push(body);
      if (answer) return answer();
      plans = [plan(body)];
      return HttpResponse.json(plans[0]);
    }),
  );
  return puts;
}

describe('AutopaySection', () => {
  test('offers "The balance, up to a limit" only when the landlord shows a balance', async () => {
    serve(payOptions({ balanceCents: null }));
    const { unmount } = renderWithProviders(<AutopaySection residentId={ids.resident} accounts={[bankAccount()]} />);
    expect(await screen.findByRole('radio', { name: 'A fixed amount' })).toBeChecked();
    expect(screen.queryByRole('radio', { name: 'The balance, up to a limit' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Amount each month' })).toHaveValue('$1,450.00');
    unmount();

    serve(payOptions({ balanceCents: 145000 }));
    const { user } = renderWithProviders(<AutopaySection residentId={ids.resident} accounts={[bankAccount()]} />);
    await user.click(await screen.findByRole('radio', { name: 'The balance, up to a limit' }));
    expect(screen.getByRole('textbox', { name: 'Limit each month' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Amount each month' })).not.toBeInTheDocument();
  });

  test('needs the authorization ticked before it saves, then shows the plan', async () => {
    const puts = serve(payOptions());
    const { user } = renderWithProviders(<AutopaySection residentId={ids.resident} accounts={[bankAccount()]} />);
    const day = await screen.findByRole('textbox', { name: 'Day of the month' });
    await user.clear(day);
    await user.type(day, '5');
    expect(await screen.findByText(/debit my checking account ending 1012 each month on day 5/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set up autopay' }));
    expect(await screen.findByText('Read and accept the authorization to set up autopay')).toBeInTheDocument();
    const box = screen.getByRole('checkbox', { name: 'I authorize these recurring debits' });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription('Read and accept the authorization to set up autopay');
    expect(puts).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: 'I authorize these recurring debits' }));
    await user.click(screen.getByRole('button', { name: 'Set up autopay' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]).toEqual({ bankAccountId: accountId, dayOfMonth: 5, kind: 'fixed', amountCents: 145000, authorizationAccepted: true });
    expect(await screen.findByTestId('autopay-summary')).toHaveTextContent('$1,450.00 on day 5 of each month from the account ending 1012');
    expect(screen.getByTestId('autopay-status')).toHaveTextContent('Active');
  });

  test('shows the server’s field error on its field', async () => {
    const message = 'Your landlord takes payments from the 1st to the 5th: choose a day inside that every month';
    const puts = serve(payOptions(), () => apiError(400, 'validation_failed', message, [{ path: 'dayOfMonth', message }]));
    const { user } = renderWithProviders(<AutopaySection residentId={ids.resident} accounts={[bankAccount()]} />);
    const day = await screen.findByRole('textbox', { name: 'Day of the month' });
    await user.clear(day);
    await user.type(day, '20');
    await screen.findByText(/each month on day 20/);
    await user.click(screen.getByRole('checkbox', { name: 'I authorize these recurring debits' }));
    await user.click(screen.getByRole('button', { name: 'Set up autopay' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(day).toHaveAttribute('aria-invalid', 'true');
    expect(puts).toHaveLength(1);
  });
});
