import { type PaymentAlert, type PaymentAlertList, paymentAlertListSchema, rentPeriodsSchema, rentReminderSchema } from '@rentledger/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { apiError } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { PaymentAlertsList } from './payment-alerts-list.tsx';

const residentId = '5a3c7b6d-0c9f-4b8a-8f7d-6e5d4c3b2a1f';
const otherResident = '6b4d8c7e-1d0a-4c9b-9a8e-7f6e5d4c3b2a';

function alert(overrides: Partial<PaymentAlert> = {}): PaymentAlert {
  return {
    id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
    kind: 'overdue',
    residentId,
    residentName: 'Fatima Ali',
    propertyName: 'Maple Court Apartments',
    unitLabel: '103',
    month: '2026-12',
    amountCents: 100000,
    dueCents: 100000,
    receivedCents: 0,
    shortfallCents: 100000,
    graceEndsOn: '2026-12-06',
    daysPastGrace: 5,
    returnCode: null,
    returnReason: null,
    createdAt: '2026-12-07T05:10:00.000Z',
    resolvedAt: null,
    resolution: null,
    lastReminderAt: null,
    ...overrides,
  };
}

const returned = alert({ id: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60', kind: 'returned', residentId: otherResident, residentName: 'Kenji Davis', unitLabel: '204', amountCents: 125000, dueCents: null, receivedCents: null, shortfallCents: null, graceEndsOn: null, daysPastGrace: null, returnCode: 'R01', returnReason: 'R01 insufficient funds' });
const short = alert({ id: 'e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6071', residentName: 'Iris Rossi', receivedCents: 88000, shortfallCents: 12000, amountCents: 12000, daysPastGrace: 0 });

function page(items: PaymentAlert[], nextCursor: string | null = null): PaymentAlertList {
  return paymentAlertListSchema.parse({ items, nextCursor, today: '2026-12-11' });
}

describe('PaymentAlertsList', () => {
  test('says what is wrong with each payment, in words, with its resident, unit and month', async () => {
    server.use(http.get('/api/payment-alerts', () => HttpResponse.json(page([returned, alert(), short]))));
    renderWithProviders(<PaymentAlertsList />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByTestId('payment-alert-row');
    expect(rows.map((row) => within(row).getByTestId('alert-words').textContent)).toEqual(['Returned: R01 insufficient funds', 'Unpaid, 5 days past grace', 'Short $120.00']);
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: 'Fatima Ali' })).toHaveAttribute('href', `/app/residents/${residentId}`);
    expect(rows[1]).toHaveTextContent('Maple Court Apartments · Unit 103');
    expect(rows[1]).toHaveTextContent('December 2026');
    expect(rows[1]).toHaveTextContent('$0.00 of $1,000.00 received');
    expect(rows[0]).toHaveTextContent('$1,250.00 returned');
  });

  test('sends a reminder after asking, and says when one was sent today already', async () => {
    const sent: unknown[] = [];
    let answered = false;
    server.use(
      http.get('/api/payment-alerts', () => HttpResponse.json(page([alert()]))),
      http.post(`/api/residents/${residentId}/rent-reminders`, async ({ request }) => {
        sent.push(await request.json());
        if (answered) return apiError(409, 'reminder_already_sent', 'A reminder was sent to Fatima Ali today at 09:12: send another tomorrow');
        answered = true;
        return HttpResponse.json(rentReminderSchema.parse({ residentId, month: '2026-12', sentAt: '2026-12-11T14:12:00.000Z', sentTo: 'fatima.ali@example.com' }), { status: 201 });
      }),
    );
    const { user } = renderWithProviders(<PaymentAlertsList />);
    await user.click(await screen.findByRole('button', { name: 'Send reminder to Fatima Ali for December 2026' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send Fatima Ali a reminder?' });
    expect(dialog).toHaveTextContent('$1,000.00 of rent for December 2026 is still owed');
    await user.click(within(dialog).getByRole('button', { name: 'Send reminder' }));
    expect(await screen.findByText('Fatima Ali was emailed at fatima.ali@example.com.')).toBeInTheDocument();
    expect(sent).toEqual([{ month: '2026-12' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Send reminder to Fatima Ali for December 2026' }));
    const again = await screen.findByRole('dialog', { name: 'Send Fatima Ali a reminder?' });
    await user.click(within(again).getByRole('button', { name: 'Send reminder' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent('A reminder was sent to Fatima Ali today at 09:12');
  });

  test('marks the month paid outside with what it owes, and the item clears from the list', async () => {
    let open = [alert(), short];
    const marked: unknown[] = [];
    server.use(
      http.get('/api/payment-alerts', ({ request }) => HttpResponse.json(page(new URL(request.url).searchParams.get('status') === 'resolved' ? [] : open))),
      http.post(`/api/residents/${residentId}/paid-outside`, async ({ request }) => {
        marked.push(await request.json());
        open = [short];
        return HttpResponse.json(rentPeriodsSchema.parse({ items: [], onTimeRate: null }));
      }),
    );
    const { user } = renderWithProviders(<PaymentAlertsList />);
    await user.click(await screen.findByRole('button', { name: 'Mark paid outside for Fatima Ali, December 2026' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mark December 2026 paid outside RentLedger' });
    const amount = within(dialog).getByRole('textbox', { name: /Amount paid/ });
    expect(amount).toHaveValue('$1,000.00');
    expect(amount).toHaveFocus();
    const day = within(dialog).getByLabelText(/Paid on/);
    expect(day).toHaveValue('2026-12-11');
    await user.clear(day);
    await user.type(day, '2026-12-09');
    await user.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'Check 1042');
    await user.click(within(dialog).getByRole('button', { name: 'Mark paid outside' }));
    await waitFor(() => expect(screen.queryAllByTestId('payment-alert-row')).toHaveLength(1));
    expect(marked).toEqual([{ month: '2026-12', amountCents: 100000, paidOn: '2026-12-09', note: 'Check 1042' }]);
    expect(screen.queryByText('Fatima Ali')).not.toBeInTheDocument();
    expect(screen.getByText('Marked paid outside')).toBeInTheDocument();
  });

  test('puts the server’s refusal next to the field', async () => {
    server.use(
      http.get('/api/payment-alerts', () => HttpResponse.json(page([alert()]))),
      http.post(`/api/residents/${residentId}/paid-outside`, () => apiError(400, 'validation_failed', 'Some fields are not valid', [{ path: 'paidOn', message: 'The day it was paid cannot be in the future' }])),
    );
    const { user } = renderWithProviders(<PaymentAlertsList />);
    await user.click(await screen.findByRole('button', { name: 'Mark paid outside for Fatima Ali, December 2026' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Mark paid outside' }));
    expect(await within(dialog).findByText('The day it was paid cannot be in the future')).toBeInTheDocument();
  });

  test('says so when nothing needs attention, and lists the resolved ones with why', async () => {
    server.use(
      http.get('/api/payment-alerts', ({ request }) =>
        HttpResponse.json(page(new URL(request.url).searchParams.get('status') === 'resolved' ? [alert({ resolution: 'paid_outside', resolvedAt: '2026-12-09T15:00:00.000Z' })] : [])),
      ),
    );
    const { user } = renderWithProviders(<PaymentAlertsList />);
    expect(await screen.findByText('Nothing needs your attention')).toBeInTheDocument();
    await user.click(screen.getByText('Resolved'));
    const table = await screen.findByRole('table');
    expect(within(table).getByTestId('payment-alert-row')).toHaveTextContent('Marked paid outside');
    expect(within(table).queryByRole('button', { name: /Send reminder/ })).not.toBeInTheDocument();
  });
});
