import { rentPeriodsSchema } from '@rentledger/contracts';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { ids } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { RentHistory } from './rent-history.tsx';

const month = (value: string, status: string, extra: object = {}) => ({ month: value, dueCents: 100000, dueDate: `${value}-01`, graceEndsOn: `${value}-06`, receivedCents: 0, paidOutsideCents: 0, status, daysLate: null, shortfallCents: null, ...extra });

const answer = rentPeriodsSchema.parse({
  items: [
    month('2026-07', 'no_data'),
    month('2026-08', 'on_time', { receivedCents: 100000 }),
    month('2026-09', 'late', { receivedCents: 100000, daysLate: 8 }),
    month('2026-10', 'insufficient', { receivedCents: 70000, shortfallCents: 30000 }),
    month('2026-11', 'paid_outside', { receivedCents: 100000, paidOutsideCents: 100000 }),
    month('2026-12', 'unpaid', { shortfallCents: 100000 }),
  ],
  onTimeRate: 0.4,
});

test('the rent history chart: one bar per month, labelled with its status in words, a legend, and a summary for screen readers', async () => {
  server.use(http.get('/api/me/rent-periods', () => HttpResponse.json(answer)));
  renderWithProviders(<RentHistory residentId={ids.resident} as="resident" />);
  const chart = await screen.findByRole('img', { name: /^Rent by month/ });
  expect(chart).toHaveAccessibleName('Rent by month, Jul 2026 to Dec 2026: 1 on time, 1 paid outside, 1 late, 1 short, 1 unpaid, 1 before rentledger');
  const bars = within(screen.getByTestId('rent-history-chart')).getAllByTestId('rent-chart-bar');
  expect(bars.map((bar) => bar.getAttribute('data-status'))).toEqual(['no_data', 'on_time', 'late', 'insufficient', 'paid_outside', 'unpaid']);
  expect(bars.map((bar) => within(bar as unknown as HTMLElement).getByTestId('bar-value').textContent)).toEqual([
    'Before RentLedger',
    'On time · $1,000.00 of $1,000.00',
    'Late 8 days · $1,000.00 of $1,000.00',
    'Short · $700.00 of $1,000.00',
    'Paid outside · $1,000.00',
    'Unpaid · $0.00 of $1,000.00',
  ]);
  const legend = screen.getByRole('list', { name: 'Legend' });
  expect(within(legend).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['On time', 'Paid outside', 'Late', 'Short', 'Unpaid', 'Before RentLedger']);
});

test('the same figures as a table on request', async () => {
  server.use(http.get('/api/residents/:residentId/rent-periods', () => HttpResponse.json(answer)));
  const { user } = renderWithProviders(<RentHistory residentId={ids.resident} as="staff" />);
  const toggle = await screen.findByRole('button', { name: 'Show as table' });
  expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await user.click(toggle);
  expect(screen.getByRole('button', { name: 'Hide the table' })).toHaveAttribute('aria-expanded', 'true');
  const table = screen.getByRole('table', { name: 'Rent by month' });
  const rows = within(table).getAllByRole('row').slice(1).map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
  expect(rows).toEqual([
    ['Jul 2026', 'Before RentLedger', '', '', '', ''],
    ['Aug 2026', 'On time', '$1,000.00', '$1,000.00', '', ''],
    ['Sep 2026', 'Late', '$1,000.00', '$1,000.00', '8', ''],
    ['Oct 2026', 'Short', '$1,000.00', '$700.00', '', '$300.00'],
    ['Nov 2026', 'Paid outside', '$1,000.00', '$1,000.00', '', ''],
    ['Dec 2026', 'Unpaid', '$1,000.00', '$0.00', '', '$1,000.00'],
  ]);
});
