import { expect, test } from '@playwright/test';
import { DEMO, signIn, signOut, snap } from './helpers.ts';

test.describe('signing in', () => {
  test('the site root opens the app and sends a visitor to sign in', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('the sign-in page is clean and branded', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('RentLedger').first()).toBeVisible();
    await expect(page.getByText('demo-password')).toHaveCount(0);
    await expect(page).toHaveTitle(/Sign in · RentLedger/);
    await snap(page, '01-sign-in');
  });

  test('a wrong password shows an error and keeps the user on the page', async ({ page }) => {
    await signIn(page, DEMO.mapleLandlord, 'not-the-password');
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await snap(page, '02-sign-in-wrong-password');
  });

  test('client-side validation names the field', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter a valid email address')).toBeVisible();
    await expect(page.getByText('Required')).toBeVisible();
  });

  test('a signed-out page logs nothing to the console: the session probe is no failed request', async ({ page }) => {
    const logged: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') logged.push(`${message.type()}: ${message.text()}`);
    });
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/') && response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.goto('/forgot-password');
    await page.goto('/signup');
    await expect(page.getByLabel('Email')).toBeVisible();
    expect(failed).toEqual([]);
    expect(logged).toEqual([]);
  });

  test('an empty required field says Required, on sign-in and forgot-password', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Required')).toHaveCount(2);
    await expect(page.getByText('Enter a valid email address')).toHaveCount(0);
    await page.goto('/forgot-password');
    await page.getByRole('button').filter({ hasText: /send|reset/i }).first().click();
    await expect(page.getByText('Required')).toBeVisible();
    await expect(page.getByText('Enter a valid email address')).toHaveCount(0);
  });

  test('too many attempts shows when to try again', async ({ page }) => {
    const email = 'nobody-rate-limit@example.test';
    // The server allows 10 failed attempts per email in its window; the 11th is refused.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await page.request.post('/api/auth/login', { data: { email, password: 'wrong-password' } });
      expect(response.status()).toBe(401);
    }
    await signIn(page, email, 'wrong-password');
    await expect(page.getByRole('alert')).toContainText(/Too many attempts, try again in \d+ seconds/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    await snap(page, '03-sign-in-rate-limited', { phone: false });
  });

  test('a landlord lands on the dashboard with Incomplete Tasks and the company’s properties', async ({ page }) => {
    await signIn(page, DEMO.mapleLandlord);
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Incomplete Tasks' })).toBeVisible();
    await expect(page.getByTestId('user-name').filter({ visible: true })).toHaveText('Morgan Ellis');
    await expect(page.getByTestId('user-role').filter({ visible: true })).toContainText('Maple Property Management');
    const properties = page.getByTestId('properties-table').locator('tbody tr');
    await expect(properties).toHaveCount(3);
    await expect(page.getByText('Maple Court Apartments')).toBeVisible();
    await snap(page, '10-landlord-dashboard');

    await page.getByRole('link', { name: 'Properties', exact: true }).click();
    await expect(page).toHaveURL(/\/app\/properties$/);
    await expect(page.getByTestId('properties-table').locator('tbody tr')).toHaveCount(3);
    await snap(page, '11-landlord-properties');

    await page.getByRole('link', { name: 'Maple Court Apartments' }).click();
    await expect(page.getByRole('heading', { name: 'Maple Court Apartments' })).toBeVisible();
    await expect(page.getByText('12 Maple Avenue, Columbus, OH 43215').first()).toBeVisible();
    await expect(page.getByTestId('units-table').locator('tbody tr').first()).toBeVisible();
    await snap(page, '12-landlord-property');
  });

  test('a resident lands on the home page with its empty state', async ({ page }) => {
    await signIn(page, DEMO.resident);
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByText('You have no residency yet')).toBeVisible();
    await snap(page, '30-resident-home');
  });

  test('support lands on the companies list', async ({ page }) => {
    await signIn(page, DEMO.support);
    await expect(page).toHaveURL(/\/support$/);
    await expect(page.getByRole('heading', { name: 'Companies' })).toBeVisible();
    const table = page.getByTestId('companies-table');
    await expect(table.getByRole('link', { name: 'Maple Property Management' })).toBeVisible();
    await expect(table.getByRole('link', { name: 'Birch Rentals' })).toBeVisible();
    await snap(page, '20-support-companies');
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, DEMO.mapleLandlord);
    await expect(page).toHaveURL(/\/app$/);
    await signOut(page);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.goto('/app/properties');
    await expect(page).toHaveURL(/\/sign-in$/);
    const session = await page.request.get('/api/auth/session');
    expect(session.status()).toBe(401);
  });

  test('signing out works from the phone layout', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await signIn(page, DEMO.support);
    await expect(page).toHaveURL(/\/support$/);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect(page.getByRole('link', { name: 'Audit log' })).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'test-results/screens/21-support-navigation-phone.png' });
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(/\/support\/audit-log$/);
    await signOut(page);
  });
});

test.describe('route guards', () => {
  test('a signed-out visitor is sent to sign-in and back after signing in', async ({ page }) => {
    await page.goto('/app/api-tokens');
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByLabel('Email').fill(DEMO.mapleLandlord);
    await page.getByLabel('Password', { exact: true }).fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/app\/api-tokens$/);
  });

  test('a user opening another role’s area is sent to their own home', async ({ page }) => {
    await signIn(page, DEMO.resident);
    await expect(page).toHaveURL(/\/me$/);
    await page.goto('/support/audit-log');
    await expect(page).toHaveURL(/\/me$/);
    await page.goto('/app');
    await expect(page).toHaveURL(/\/me$/);
  });

  test('an unknown address shows the not-found page', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await snap(page, '90-not-found');
    await signIn(page, DEMO.mapleLandlord);
    // Signed in before moving on: a navigation racing the sign-in request lands back on /sign-in.
    await expect(page).toHaveURL(/\/app$/);
    await page.goto('/app/does-not-exist');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.goto('/app/properties/00000000-0000-4000-8000-000000000000');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await snap(page, '91-not-found-in-app');
  });
});
