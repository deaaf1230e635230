import { type APIRequestContext, expect, type Page } from '@playwright/test';

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
  // A full-page shot of a scrolled page draws the fixed header (and the hidden skip link) part-way down.
  await page.evaluate(() => window.scrollTo(0, 0));
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

/** The mail catcher's HTTP side (see mail-catcher.ts and playwright.config.ts). */
export const MAIL_CATCHER_URL = 'http://127.0.0.1:3226';

export type CaughtEmail = { id: number; to: string[]; from: string; subject: string; text: string; html: string; receivedAt: string };

/** Every email the app delivered to `to` so far, newest first. */
export async function emailsTo(request: APIRequestContext, to: string): Promise<CaughtEmail[]> {
  const response = await request.get(`${MAIL_CATCHER_URL}/messages`, { params: { to } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: CaughtEmail[] }).items;
}

/** Waits until at least `count` emails to `to` (matching `subject`) have arrived; returns them, newest first. */
export async function waitForEmails(
  request: APIRequestContext,
  to: string,
  { subject, count = 1, timeout = 30_000 }: { subject?: RegExp; count?: number; timeout?: number } = {},
): Promise<CaughtEmail[]> {
  let found: CaughtEmail[] = [];
  await expect
    .poll(
      async () => {
        found = (await emailsTo(request, to)).filter((email) => !subject || subject.test(email.subject));
        return found.length;
      },
      { timeout, message: `waiting for ${count} email(s) to ${to}` },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** The first link in an email's text that contains `path`. */
export function linkIn(email: CaughtEmail, path: string): string {
  const link = email.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(path));
  if (!link) throw new Error(`No link to ${path} in “${email.subject}”:\n${email.text}`);
  return link;
}
