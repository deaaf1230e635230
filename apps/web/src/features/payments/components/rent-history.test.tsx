import { rentPeriodsSchema } from '@rentledger/contracts';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { ids } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { RentHistory } from './rent-history.tsx';

const month = (value: string, status: string, extra: object = {}) => ({ month: value, dueCents: 100000, dueDate: `${value}-01`, graceEndsOn: `${value}-06`, receivedCents: 0, paidOutsideCents: 0, status, daysLate: null, shortfallCents: null, ...extra });

test('every month of the lease reads as a list item with its status in words, and the on-time rate', async () => {
  const answer = rentPeriodsSchema.parse({
    items: [
      month('2026-08', 'no_data'),
      month('2026-09', 'on_time', { receivedCents: 100000 }),
      month('2026-10', 'late', { receivedCents: 100000, daysLate: 8 }),
      month('2026-11', 'insufficient', { receivedCents: 70000, shortfallCents: 30000 }),
      month('2026-12', 'not_due'),
    ],
    onTimeRate: 1 / 3,
  });
  server.use(http.get('/api/me/rent-periods', () => HttpResponse.json(answer)));
  renderWithProviders(<RentHistory residentId={ids.resident} as="resident" />);
  const items = within(await screen.findByTestId('rent-history')).getAllByRole('listitem');
  expect(items.map((item) => item.textContent)).toEqual([
    'Aug 2026Before RentLedgerBefore joining RentLedger: no record of ours',
    'Sep 2026On time$1,000.00 received by Sep 6, 2026',
    'Oct 2026Late$1,000.00 received, 8 days late',
    'Nov 2026Short$300.00 short of $1,000.00',
    'Dec 2026Not due yet$1,000.00 due Dec 1, 2026, grace to Dec 6, 2026',
  ]);
  expect(screen.getByTestId('on-time-rate')).toHaveTextContent('On time 33% of months');
});
