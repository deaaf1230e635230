import { expect, test } from '@playwright/test';
import { DEMO, linkIn, signIn, snap, waitForEmails } from './helpers.ts';

test('the residents list filters by status, finds a resident, and resends an invitation', async ({ page, request }) => {
  await signIn(page, DEMO.mapleLandlord);
  await expect(page).toHaveURL(/\/app$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Residents' }).click();
  await expect(page).toHaveURL(/\/app\/residents$/);
  await expect(page.getByRole('heading', { name: 'Residents', level: 1 })).toBeVisible();

  const rows = page.getByTestId('residents-table').getByTestId('resident-row');
  await expect(rows.first()).toBeVisible();
  // Maple's demo rent roll: 59 invited and 4 waiting at least (other tests may import more).
  await expect(page.getByRole('tab', { name: /^Invited/ })).toContainText(/\d+/);
  await expect(page.getByTestId('residents-total')).toContainText(/residents · page 1 of \d+/);
  await snap(page, '40-landlord-residents');

  await page.getByRole('tab', { name: /^Invited/ }).click();
  await expect(page).toHaveURL(/status=invited/);
  await expect(rows.first()).toContainText('Invited');
  await expect(rows.first()).toContainText(/Invitation sent [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await expect(rows.filter({ hasText: 'Waiting (no email)' })).toHaveCount(0);

  await page.getByRole('tab', { name: /^Waiting \(no email\)/ }).click();
  await expect(page).toHaveURL(/status=waiting/);
  await expect(rows.first()).toContainText('No email in the accounting system');
  await expect(rows.filter({ hasNotText: 'No email in the accounting system' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Resend invitation to/ })).toHaveCount(0);
  await snap(page, '41-landlord-residents-waiting');

  // Search by accounting resident ID, within the tab, then across all statuses. Money shows as
  // dollars, lease dates as calendar dates (no time zone shift).
  await page.getByLabel('Search').fill('t0001052');
  await expect(page).toHaveURL(/q=t0001052/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Priya Ali');
  await expect(rows.first()).toContainText('Oak Hollow Townhomes');
  await expect(rows.first()).toContainText('Unit 7');
  await expect(rows.first()).toContainText('$1,875.00');
  await expect(rows.first()).toContainText('$75.00 owed');
  await expect(rows.first()).toContainText('Apr 1, 2026to Mar 31, 2027');
  await page.getByRole('tab', { name: /^All/ }).click();
  await expect(rows).toHaveCount(1);

  // By name: a credit balance and an open-ended lease read plainly.
  await page.getByLabel('Search').fill('Tyler Garcia');
  await expect(rows).toHaveCount(1);
  const tyler = rows.first();
  await expect(tyler).toContainText('tyler.garcia@example.com');
  await expect(tyler).toContainText('$1,175.00');
  await expect(tyler).toContainText('$50.00 credit');
  await page.getByLabel('Search').fill('t0001010');
  await expect(rows.first()).toContainText('Aaliyah Turner');
  await expect(rows.first()).toContainText('Sep 1, 2024Month-to-month');
  await page.getByLabel('Search').fill('nobody-by-this-name');
  await expect(page.getByText('No residents match')).toBeVisible();

  // Resend: ask first, then confirm; the new email arrives and the old link stops working.
  await page.getByLabel('Search').fill('tyler.garcia@example.com');
  await expect(rows).toHaveCount(1);
  const [original] = await waitForEmails(request, 'tyler.garcia@example.com', { subject: /invites you/ });
  await page.getByRole('button', { name: 'Resend invitation to Tyler Garcia' }).filter({ visible: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Resend invitation?' });
  await expect(dialog).toContainText('tyler.garcia@example.com');
  await expect(dialog).toContainText('The link in any earlier invitation stops working.');
  await snap(page, '42-landlord-resend-invitation', { phone: false });
  await dialog.getByRole('button', { name: 'Resend invitation' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Invitation sent', { exact: true })).toBeVisible();
  await expect(page.getByText('Tyler Garcia will receive a new invitation at tyler.garcia@example.com.')).toBeVisible();

  const emails = await waitForEmails(request, 'tyler.garcia@example.com', { subject: /invites you/, count: 2 });
  const newest = linkIn(emails[0]!, '/invitations/accept#token=');
  const oldest = linkIn(original!, '/invitations/accept#token=');
  expect(newest).not.toBe(oldest);

  await page.goto(oldest);
  await expect(page.getByRole('heading', { name: 'A newer invitation replaced this one' })).toBeVisible();
  await expect(page.getByText(/This invitation was replaced/)).toBeVisible();
  await snap(page, '36-invitation-replaced');
  // The newest link, opened in the same tab (only the #fragment changes), works.
  await page.goto(newest);
  await expect(page.getByRole('heading', { name: 'Welcome, Tyler' })).toBeVisible();
  await expect(page).toHaveURL(/\/invitations\/accept$/);
});
