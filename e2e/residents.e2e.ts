import { expect, test } from '@playwright/test';
import { addResidency, csrfOf, DEMO, demoDateText, demoLeaseText, findRental, linkIn, signIn, snap, test as withPeople, uniqueEmail, waitForEmails } from './helpers.ts';

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
  await expect(rows.filter({ hasText: 'Waiting for an email' })).toHaveCount(0);

  await page.getByRole('tab', { name: /^Waiting for an email/ }).click();
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
  // The list shows the lease as two lines, start above "to end"; the demo moved the rent roll's dates to today.
  await expect(rows.first()).toContainText(demoLeaseText('2026-04-01', '2027-03-31', 'to '));
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
  await expect(rows.first()).toContainText(`${demoDateText('2024-09-01')}Month-to-month`);
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

withPeople('a landlord without an accounting system sees stated leases, ends an expired lease, and finds it under Lease ended', async ({ page, newResident }) => {
  const phone = '+15125550187';
  const quinn = await newResident({ firstName: 'Quinn', lastName: 'Okafor', email: uniqueEmail('quinn'), phone });
  const stated = await newResident({ firstName: 'Avery', lastName: 'Lindqvist', email: uniqueEmail('avery'), phone: '512-555-0162' });
  const quinnResidency = await addResidency(quinn, { property: 'Birch Street Flats', unit: '8' }, { rentCents: 139000, leaseStart: '2025-01-01', leaseEnd: '2025-12-31' });
  await addResidency(stated, { property: 'Birch Street Flats', unit: '7' }, { rentCents: 145000, leaseStart: '2026-02-01', leaseEnd: '2027-01-31' });

  await signIn(page, DEMO.birchLandlord);
  // Signed in before asking for the session: a request racing the sign-in finds none.
  await expect(page).toHaveURL(/\/app$/);
  // Approved by hand with a lease that has already ended: it must read as ended, not as a plain "Approved".
  const { unitId } = await findRental(quinn, 'Birch Street Flats', '8');
  const approved = await page.request.post(`/api/residents/${quinnResidency.id}/approve`, {
    headers: { 'x-csrf-token': await csrfOf(page) },
    data: { method: 'manual', unitId, rentCents: 139000, dueDay: 1, leaseStart: '2025-01-01', leaseEnd: '2025-12-31' },
  });
  expect(approved.status(), await approved.text()).toBe(200);

  await page.goto('/app/residents?status=pending');
  const rows = page.getByTestId('residents-table').getByTestId('resident-row');
  await expect(page.getByRole('tab', { name: /^Pending review/ })).toHaveAttribute('aria-selected', 'true');
  // No accounting wording for a company without an accounting system.
  await expect(page.getByRole('columnheader', { name: 'Accounting ID' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /^Waiting/ })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /^Current/ })).toHaveCount(0);
  const avery = rows.filter({ hasText: 'Avery Lindqvist' });
  await expect(avery).toContainText('$1,450.00');
  await expect(avery).toContainText('stated');
  await expect(avery).toContainText('Feb 1, 2026');
  await expect(avery).toContainText('to Jan 31, 2027 · stated');
  await snap(page, '43-landlord-residents-pending-stated');

  await page.getByRole('tab', { name: /^Approved/ }).click();
  await expect(page.getByTestId('status-tab-hint')).toContainText('Those who have set up or made a payment are marked Current');
  await page.getByLabel('Search').fill('Quinn Okafor');
  const quinnRow = rows.filter({ hasText: 'Quinn Okafor' });
  await expect(quinnRow).toHaveCount(1);
  await expect(quinnRow.getByTestId('resident-status')).toHaveText('Lease ended');
  await expect(quinnRow).toContainText('Ended Dec 31, 2025; still approved');
  await expect(quinnRow).toContainText('(512) 555-0187');
  await expect(quinnRow).not.toContainText(phone);
  await snap(page, '44-landlord-residents-expired-lease');

  await quinnRow.getByTestId('resident-name').click();
  await expect(page.getByRole('heading', { name: 'Quinn Okafor', level: 1 })).toBeVisible();
  await expect(page.getByTestId('lease-ending')).toContainText('Lease ended Dec 31, 2025');
  await expect(page.getByText('(512) 555-0187')).toBeVisible();
  await expect(page.getByText('Accounting resident ID')).toHaveCount(0);
  await expect(page.getByText(/ACCOUNTING ID/i)).toHaveCount(0);

  // Keyboard only: open the dialog, submit without a reason, land on the error, then end the lease.
  await page.getByRole('button', { name: 'End lease' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'End Quinn Okafor’s lease?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Last day of the lease')).toBeFocused();
  await dialog.getByLabel('Last day of the lease').fill('2024-12-31');
  await dialog.getByRole('button', { name: 'End lease' }).click();
  await expect(dialog.getByText('The end date cannot be before the lease started (Jan 1, 2025)')).toBeVisible();
  await expect(dialog.getByLabel('Last day of the lease')).toBeFocused();
  await dialog.getByLabel('Last day of the lease').fill('2025-12-31');
  await dialog.getByRole('button', { name: 'End lease' }).click();
  await expect(dialog.getByText('Required', { exact: true })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Reason' })).toBeFocused();
  await page.keyboard.type('Moved out at the end of the lease');
  await snap(page, '45-landlord-end-lease', { phone: false });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: 'test-results/screens/45-landlord-end-lease-phone.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole('button', { name: 'End lease' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Quinn Okafor’s lease ended on Dec 31, 2025.')).toBeVisible();
  await expect(page.getByTestId('resident-status')).toHaveText('Lease ended');
  await expect(page.getByTestId('lease-ending')).toContainText('Moved out at the end of the lease');
  await expect(page.getByTestId('lease-ending')).toContainText('Recorded by Riley Chen');
  await expect(page.getByRole('button', { name: 'End lease' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await snap(page, '46-landlord-resident-lease-ended');

  await page.goto('/app/residents');
  await page.getByRole('tab', { name: /^Lease ended/ }).click();
  await expect(page).toHaveURL(/status=finished/);
  const ended = rows.filter({ hasText: 'Quinn Okafor' });
  await expect(ended).toContainText('Ended Dec 31, 2025');
  await expect(ended).not.toContainText('still approved');
});
