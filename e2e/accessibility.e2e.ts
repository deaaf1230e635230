import { expect, type Page } from '@playwright/test';
import { DEMO, expectAccessible, test } from './helpers.ts';

/**
 * Every page of the app, for each role that can open it, checked by axe-core (WCAG 2.2 A and AA)
 * at desktop and phone widths. `snap()` checks every screen a flow test photographs as well, so
 * dialogs, errors and later steps are covered there; this walk makes sure no page is missed.
 */
// Each walk checks many pages at two widths: more than the default minute.
test.describe.configure({ timeout: 180_000 });

const PHONE = { width: 375, height: 812 };
/** The demo payer: approved at Maple, a verified account, autopay on the 1st and one payment (see demo-payments.ts). */
const DEMO_PAYER = 'kenji.davis@example.com';
const DESKTOP = { width: 1280, height: 800 };

async function checkPage(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
  await expectAccessible(page, `${path} at ${DESKTOP.width} px`);
  await page.setViewportSize(PHONE);
  await expectAccessible(page, `${path} at ${PHONE.width} px`);
  await page.setViewportSize(DESKTOP);
}

/** The first link on `path` whose address starts with `prefix`: a detail page the demo data has. */
async function firstLink(page: Page, path: string, prefix: string): Promise<string> {
  await page.goto(path);
  const link = page.locator(`a[href^="${prefix}"]`).filter({ visible: true }).first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  if (!href) throw new Error(`No link to ${prefix} on ${path}`);
  return href;
}

test('signed out: sign-in, sign-up, password reset, invitation and not-found pages', async ({ page }) => {
  for (const path of ['/sign-in', '/signup', '/forgot-password', '/reset-password#token=not-a-token', '/invitations/accept#token=not-a-token', '/no-such-page']) {
    await checkPage(page, path);
  }
});

test('Maple landlord (integrated): every landlord page', async ({ as }) => {
  const page = await as(DEMO.mapleLandlord);
  for (const path of ['/app', '/app/properties', '/app/residents', '/app/residents?status=pending', '/app/support', '/app/accounting', '/app/payments', '/app/payment-alerts', '/app/payment-settings', '/app/api-tokens', '/app/account']) {
    await checkPage(page, path);
  }
  await checkPage(page, await firstLink(page, '/app/properties', '/app/properties/'));
  await checkPage(page, await firstLink(page, '/app/residents', '/app/residents/'));
});

test('Birch landlord (no accounting system): every landlord page', async ({ as }) => {
  const page = await as(DEMO.birchLandlord);
  for (const path of ['/app', '/app/properties', '/app/residents', '/app/support', '/app/accounting', '/app/account']) {
    await checkPage(page, path);
  }
});

test('resident: home, find your rental, support and account', async ({ as }) => {
  const page = await as(DEMO.resident);
  for (const path of ['/me', '/me/find-rental', '/me/support', '/me/account']) {
    await checkPage(page, path);
  }
});

test('resident paying by ACH: payments (an account, a payment and autopay)', async ({ as }) => {
  const page = await as(DEMO_PAYER);
  for (const path of ['/me', '/me/payments']) {
    await checkPage(page, path);
  }
});

test('support: companies, a company, a property, requests, audit log, dev mailbox and account', async ({ as }) => {
  const page = await as(DEMO.support);
  for (const path of ['/support', '/support/requests', '/support/audit-log', '/support/dev-mailbox', '/support/account']) {
    await checkPage(page, path);
  }
  const company = await firstLink(page, '/support', '/support/companies/');
  await checkPage(page, company);
  await checkPage(page, await firstLink(page, company, '/support/properties/'));
});

test('the notifications menu passes the check open, and Escape closes it with focus back on the bell', async ({ as }) => {
  const page = await as(DEMO.mapleLandlord);
  await page.goto('/app');
  const bell = page.getByTestId('notifications-bell');
  await bell.click();
  const menu = page.getByRole('dialog', { name: 'Notifications' });
  await expect(menu).toBeVisible();
  await expectAccessible(page, 'the open notifications menu');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(bell).toBeFocused();
});

test('a failed submit moves focus to the first field in error', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Last name').fill('Harper');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('First name')).toBeFocused();
  await expect(page.getByLabel('First name')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the sign-up form with errors');
});

test('dialog close buttons are named', async ({ as }) => {
  const page = await as(DEMO.birchLandlord);
  await page.goto('/app/residents');
  await page.getByRole('button', { name: /Invite resident/ }).first().click();
  const dialog = page.getByRole('dialog', { name: /Invite/ });
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible();
  await expectAccessible(page, 'the invite dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
