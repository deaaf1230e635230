import { expect } from '@playwright/test';
import { DEMO, snap, test } from './helpers.ts';

// Reads only: Kenji Davis's rent history (the demo payer) and Maple's on-time rent. Changes nothing.

test.use({ actionTimeout: 15_000 });

const KENJI = 'kenji.davis@example.com';

test('the demo payer sees his rent history as a chart, each month labelled with its status, and as a table', async ({ as }) => {
  const kenji = await as(KENJI);
  await kenji.goto('/me/payments');
  const history = kenji.getByRole('region', { name: 'Rent history' }).first();
  const chart = history.getByRole('img', { name: /^Rent by month/ });
  await expect(chart).toBeVisible({ timeout: 15_000 });
  // Every bar carries its status in words, and the legend names the statuses shown.
  const bars = history.getByTestId('rent-chart-bar');
  expect(await bars.count()).toBeGreaterThan(0);
  for (const value of await history.getByTestId('bar-value').allTextContents()) expect(value).toMatch(/^(On time|Paid outside|Late|Short|Unpaid|Not due yet|Before RentLedger)/);
  await expect(history.getByRole('list', { name: 'Legend' }).getByRole('listitem').first()).toBeVisible();
  await history.getByRole('button', { name: 'Show as table' }).click();
  const table = history.getByRole('table', { name: 'Rent by month' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount((await bars.count()) + 1);
  await chart.scrollIntoViewIfNeeded();
  await snap(kenji, 'rent-history-chart');
});

test('a Maple landlord sees the on-time rent per month, switches the range and a property, and the return rates beside it', async ({ as }) => {
  const landlord = await as(DEMO.mapleLandlord);
  await landlord.goto('/app/payments');
  const panel = landlord.getByRole('region', { name: 'On-time rent' });
  const chart = panel.getByRole('img', { name: /^On-time rent by month, all properties/ });
  // The figures are the analysis of the whole company, made when asked.
  await expect(chart).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByTestId('on-time-bar')).toHaveCount(12);
  await expect(panel.getByRole('img', { name: /^Return rates of the last 60 days/ })).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await snap(landlord, 'on-time-rent');

  // The last 6 months instead of 12.
  const from = panel.getByRole('combobox', { name: 'From' });
  const to = await panel.getByRole('combobox', { name: 'To' }).inputValue();
  const [year, month] = to.split('-').map(Number) as [number, number];
  const sixBack = new Date(Date.UTC(year, month - 1 - 5, 1)).toISOString().slice(0, 7);
  const stats = landlord.waitForResponse((response) => response.url().includes(`/api/payment-stats?from=${sixBack}&to=${to}`) && response.ok());
  await from.selectOption(sixBack);
  await stats;
  await expect(panel.getByTestId('on-time-bar')).toHaveCount(6);
  const months = await panel.getByRole('combobox', { name: 'Property' }).locator('option').allTextContents();
  expect(months[0]).toBe('All properties');
  await panel.getByRole('combobox', { name: 'Property' }).selectOption({ index: 1 });
  await expect(panel.getByRole('img', { name: new RegExp(`^On-time rent by month, ${(months[1] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toBeVisible();
  await panel.getByRole('button', { name: 'Show as table' }).first().click();
  await expect(panel.getByRole('table', { name: /^On-time rent by month:/ }).getByRole('row')).toHaveCount(7);
  await snap(landlord, 'on-time-rent-six-months');

  // A resident's page shows the same chart of their months.
  const residents = await landlord.request.get('/api/residents', { params: { q: 'Kenji Davis' } });
  expect(residents.ok()).toBe(true);
  const [kenjiResident] = ((await residents.json()) as { items: { id: string }[] }).items;
  if (!kenjiResident) throw new Error('Kenji Davis is not among Maple’s residents');
  await landlord.goto(`/app/residents/${kenjiResident.id}`);
  await expect(landlord.getByRole('img', { name: /^Rent by month/ })).toBeVisible({ timeout: 15_000 });
  await landlord.goto('/app/payments');
  await expect(chart).toBeVisible({ timeout: 15_000 });

  // A backwards range is refused at the field, and nothing is asked for.
  await from.selectOption(to);
  await panel.getByRole('combobox', { name: 'To' }).selectOption(sixBack);
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByText('The first month comes after the last')).toBeVisible();
});
