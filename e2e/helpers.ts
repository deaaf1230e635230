import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO = {
  mapleLandlord: 'manager@maple.demo',
  birchLandlord: 'owner@birch.demo',
  resident: 'resident@demo.test',
  support: 'support@rentledger.demo',
} as const;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** Quiet network and no spinners, so a screenshot shows the finished screen. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('status')).toHaveCount(0);
  // Mantine transitions (modals, notifications) run for ~200 ms.
  await page.waitForTimeout(350);
}

/**
 * Saves the current screen under test-results/screens/ at desktop width and at a 375 px phone
 * width, so every screen can be reviewed by eye.
 */
export async function snap(page: Page, name: string, options: { phone?: boolean } = {}): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await settle(page);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  if (options.phone !== false) {
    await page.setViewportSize(PHONE);
    await settle(page);
    // Toasts would cover the page header on a phone; the desktop shot already shows them.
    await page.screenshot({
      path: `test-results/screens/${name}-phone.png`,
      fullPage: true,
      style: '.mantine-Notifications-root { display: none !important; }',
    });
  }
  await page.setViewportSize(original);
}
