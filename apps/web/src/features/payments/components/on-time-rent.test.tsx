import { paymentStatsSchema } from '@rentledger/contracts';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { ids } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { OnTimeRent, rangeError } from './on-time-rent.tsx';

const counts = (month: string, onTime: number, paidOutside: number, late: number, insufficient: number, unpaid: number) => {
  const decided = onTime + paidOutside + late + insufficient + unpaid;
  return { month, onTime, paidOutside, late, insufficient, unpaid, notDue: 0, noData: 0, decided, rate: decided === 0 ? null : (onTime + paidOutside) / decided };
};
const monthsFrom = (from: string, to: string) => {
  const months: string[] = [];
  for (let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))]; `${year}-${String(month).padStart(2, '0')}` <= to; month === 12 ? ((month = 1), (year += 1)) : (month += 1)) months.push(`${year}-${String(month).padStart(2, '0')}`);
  return months;
};
const rate = (value: number, threshold: number, level: string, count = 0) => ({ count, rate: value, threshold, level });

function statsFor(from: string, to: string) {
  const months = monthsFrom(from, to);
  return paymentStatsSchema.parse({
    companyId: ids.company,
    from,
    to,
    today: '2026-12-08',
    timezone: 'America/New_York',
    months,
    overall: months.map((month, i) => (i === months.length - 1 ? counts(month, 8, 1, 2, 0, 1) : i === 0 ? counts(month, 0, 0, 0, 0, 0) : counts(month, 9, 0, 1, 0, 0))),
    properties: [{ propertyId: ids.property, name: 'Maple Court', residents: 4, months: months.map((month) => counts(month, 3, 0, 1, 0, 0)) }],
    returnRates: { windowDays: 60, debits: 200, unauthorized: rate(0, 0.005, 'ok'), administrative: rate(0.025, 0.03, 'warning', 5), overall: rate(0.16, 0.15, 'over', 32) },
  });
}

test('the on-time rate per month for the last 12 months: a bar and its value for each, the return rates beside it, a summary for screen readers', async () => {
  const asked: string[] = [];
  server.use(
    http.get('/api/payment-stats', ({ request }) => {
      const url = new URL(request.url);
      asked.push(url.search);
      return HttpResponse.json(statsFor(url.searchParams.get('from') ?? '', url.searchParams.get('to') ?? ''));
    }),
  );
  renderWithProviders(<OnTimeRent now={new Date('2026-12-08T12:00:00')} />);
  const chart = await screen.findByRole('img', { name: /^On-time rent by month/ });
  expect(asked).toEqual(['?from=2026-01&to=2026-12']);
  expect(chart).toHaveAccessibleName('On-time rent by month, all properties, Jan 2026 to Dec 2026: 88% on time over the range (99 of 112 months decided); lowest 75% in Dec 2026, highest 90% in Feb 2026');
  const values = within(screen.getByTestId('on-time-chart') as unknown as HTMLElement).getAllByTestId('bar-value').map((value) => value.textContent);
  expect(values).toHaveLength(12);
  expect(values[0]).toBe('No month decided');
  expect(values[1]).toBe('90% · 9 of 10');
  expect(values[11]).toBe('75% · 9 of 12');
  const returns = screen.getByRole('img', { name: /^Return rates of the last 60 days/ });
  expect(returns).toHaveAccessibleName(
    'Return rates of the last 60 days, 200 debits: unauthorized 0% against a limit of 0.5%, within the limit; administrative 2.5% against a limit of 3%, near the limit; overall 16% against a limit of 15%, over NACHA\'s limit',
  );
  expect(within(screen.getByTestId('return-rates-chart')).getAllByTestId('bar-value').map((value) => value.textContent)).toEqual(['0% · within the limit', '2.5% · near the limit', "16% · over NACHA's limit"]);
});

test('one property, another range, the figures as a table; a range too long or backwards is refused by field', async () => {
  const asked: string[] = [];
  server.use(
    http.get('/api/payment-stats', ({ request }) => {
      const url = new URL(request.url);
      asked.push(url.search);
      return HttpResponse.json(statsFor(url.searchParams.get('from') ?? '', url.searchParams.get('to') ?? ''));
    }),
  );
  const { user } = renderWithProviders(<OnTimeRent now={new Date('2026-12-08T12:00:00')} />);
  await screen.findByRole('img', { name: /^On-time rent by month, all properties/ });
  await user.selectOptions(screen.getByRole('combobox', { name: 'Property' }), 'Maple Court');
  expect(screen.getByRole('img', { name: /^On-time rent by month, Maple Court/ })).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'On-time rate by month: Maple Court' })).toBeInTheDocument();

  await user.selectOptions(screen.getByRole('combobox', { name: 'From' }), 'Jul 2026');
  expect(await screen.findByRole('img', { name: /Jul 2026 to Dec 2026/ })).toBeInTheDocument();
  expect(asked).toContain('?from=2026-07&to=2026-12');

  await user.click(screen.getAllByRole('button', { name: 'Show as table' })[0] as HTMLElement);
  const table = screen.getByRole('table', { name: 'On-time rent by month: Maple Court' });
  const rows = within(table).getAllByRole('row');
  expect(rows).toHaveLength(7);
  expect([...(rows[1] as HTMLElement).querySelectorAll('th, td')].map((cell) => cell.textContent)).toEqual(['Jul 2026', '75%', '3', '0', '1', '0', '0', '4']);

  await user.selectOptions(screen.getByRole('combobox', { name: 'To' }), 'Jan 2026');
  expect(screen.getByRole('combobox', { name: 'From' })).toHaveAccessibleDescription('The first month comes after the last');
  expect(screen.queryByRole('img', { name: /^On-time rent/ })).not.toBeInTheDocument();
  expect(rangeError('2024-01', '2025-12')).toBeNull();
  expect(rangeError('2024-01', '2026-01')).toEqual({ field: 'to', message: 'At most 24 months at a time' });
});
