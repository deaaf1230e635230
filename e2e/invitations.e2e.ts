import { expect, test } from '@playwright/test';
import { DEMO, demoLeaseText, linkIn, signIn, signOut, snap, waitForEmails } from './helpers.ts';

const IRIS = 'iris.rossi@example.com';
const IRIS_PASSWORD = 'iris-maple-court-101';

test.describe.serial('an invited resident joins from the email', () => {
  test('opens the emailed link, sets a password and lands on the resident home', async ({ page, request, baseURL }) => {
    // Maple's demo rent roll is imported at start-up: the invitation went out over SMTP to the mail catcher.
    const [invitation] = await waitForEmails(request, IRIS, { subject: /Maple Property Management invites you/ });
    expect(invitation!.text).toContain('Hi Iris,');
    const link = linkIn(invitation!, '/invitations/accept#token=');
    expect(link.startsWith(`${baseURL}/invitations/accept#token=`)).toBe(true);

    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Welcome, Iris', level: 1 })).toBeVisible();
    // The token is read from the fragment and then removed from the address bar.
    await expect(page).toHaveURL(`${baseURL}/invitations/accept`);
    const form = page.getByRole('form', { name: 'Accept invitation' });
    await expect(form).toContainText('Maple Property Management');
    await expect(form).toContainText('Maple Court Apartments');
    await expect(form).toContainText('101');
    await expect(page.getByLabel('Email')).toHaveValue(IRIS);
    await expect(page.getByLabel('Email')).toHaveAttribute('readonly', '');
    await snap(page, '31-invitation-accept');

    await page.getByLabel('Choose a password').fill('too-short');
    await page.getByLabel('Confirm password').fill('too-short');
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    await expect(page.getByText('Use at least 12 characters')).toBeVisible();
    await page.getByLabel('Choose a password').fill(IRIS_PASSWORD);
    await page.getByLabel('Confirm password').fill(`${IRIS_PASSWORD}-typo`);
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    await expect(page.getByText('The passwords do not match')).toBeVisible();
    await snap(page, '32-invitation-accept-errors', { phone: false });

    await page.getByLabel('Confirm password').fill(IRIS_PASSWORD);
    await page.getByRole('button', { name: 'Set password and continue' }).click();

    // Signed in as the resident, on the resident home, with the approved residency.
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole('heading', { name: 'Welcome, Iris', level: 1 })).toBeVisible();
    await expect(page.getByTestId('user-name').filter({ visible: true })).toHaveText('Iris Rossi');
    const card = page.getByTestId('residency-card');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('Maple Court Apartments, unit 101');
    await expect(card).toContainText('12 Maple Avenue, Columbus, OH 43215');
    await expect(card).toContainText('$1,150.00');
    await expect(card).toContainText('The 1st of each month');
    await expect(card).toContainText(demoLeaseText('2025-08-01', '2026-07-31'));
    await expect(card).toContainText('$75.00 owed');
    await expect(card.getByTestId('residency-status')).toHaveText('Approved — you can set up your first payment');
    await expect(card.getByRole('link', { name: 'Pay rent' })).toHaveAttribute('href', '/me/payments');
    await expect(card.getByRole('button')).toHaveCount(0);
    await snap(page, '33-resident-home-residency');

    // The link works once.
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'This invitation was already used' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await snap(page, '34-invitation-used');
  });

  test('the resident signs in again with the new password', async ({ page }) => {
    await signIn(page, IRIS, IRIS_PASSWORD);
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByTestId('residency-card')).toContainText('Maple Court Apartments, unit 101');
    await signOut(page);
  });

  test('the landlord sees the resident approved', async ({ page }) => {
    await signIn(page, DEMO.mapleLandlord);
    // Signed in before moving on: a navigation racing the sign-in request lands back on /sign-in.
    await expect(page).toHaveURL(/\/app$/);
    await page.goto('/app/residents?status=approved');
    const row = page.getByTestId('residents-table').getByTestId('resident-row').filter({ hasText: 'Iris Rossi' });
    await expect(row).toContainText('Approved');
    // The tab counts Iris with the demo's own approved payer (and whoever earlier tests approved).
    await expect(page.getByRole('tab', { name: /^Approved/ })).toContainText(/[1-9]\d*/);
  });
});

test('a broken or incomplete invitation link says so', async ({ page }) => {
  await page.goto('/invitations/accept#token=not-a-real-invitation-token');
  await expect(page.getByRole('heading', { name: 'This invitation link is not valid' })).toBeVisible();
  await expect(page).toHaveURL(/\/invitations\/accept$/);
  await snap(page, '35-invitation-invalid');

  await page.goto('/invitations/accept');
  await expect(page.getByRole('heading', { name: 'This invitation link is incomplete' })).toBeVisible();
});
