import { expect, type Page, test } from '@playwright/test';
import { DEMO, signIn } from './helpers.ts';

/**
 * The app under its real Content-Security-Policy (http-headers.plugin.ts): each main page, as a landlord and as a
 * resident, with no violation reported in any of the three ways a browser tells (the securitypolicyviolation
 * event, a console message, an uncaught error), and the page drawn.
 */
type Problem = { kind: string; text: string; page: string };

async function watch(page: Page): Promise<Problem[]> {
  const problems: Problem[] = [];
  // Reported from the page itself: the event carries the directive and what was blocked.
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.push({ kind: 'securitypolicyviolation', text, page: page.url() }));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      void report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/content security policy|refused to (load|execute|apply|connect|frame)/i.test(text)) problems.push({ kind: `console.${message.type()}`, text, page: page.url() });
  });
  page.on('pageerror', (error) => problems.push({ kind: 'pageerror', text: error.message, page: page.url() }));
  return problems;
}

/** Opens a page of the app and waits until it has drawn its heading and finished loading. */
async function visit(page: Page, path: string, heading: RegExp | string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: heading }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
}

test.describe('Content-Security-Policy', () => {
  test('the HTML, scripts and styles carry the policy, and the app runs under it', async ({ page }) => {
    const problems = await watch(page);
    const response = await page.goto('/sign-in');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    // Mantine's runtime <style> elements applied: the button is drawn in the theme's colour, not the browser's grey.
    const background = await page.getByRole('button', { name: 'Sign in' }).evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(background).not.toBe('rgb(239, 239, 239)');
    await visit(page, '/signup', /create|sign up/i);
    expect(problems).toEqual([]);
  });

  test('a landlord’s main pages raise no violation', async ({ page }) => {
    const problems = await watch(page);
    await signIn(page, DEMO.mapleLandlord);
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: 'test-results/screens/csp-landlord-dashboard.png', fullPage: true });

    await visit(page, '/app/properties', 'Properties');
    await page.getByRole('link', { name: 'Maple Court Apartments' }).first().click();
    await expect(page.getByRole('heading', { name: 'Maple Court Apartments' }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');

    await visit(page, '/app/residents', 'Residents');
    await page.screenshot({ path: 'test-results/screens/csp-landlord-residents.png', fullPage: true });
    await visit(page, '/app/accounting', /Accounting/);
    await visit(page, '/app/api-tokens', /API tokens/i);
    await visit(page, '/app/support', /Support/);
    await visit(page, '/app/account', 'Your account');
    // The two-factor set-up draws its QR code from a data: URL.
    await page.getByRole('button', { name: /set up two-factor|turn on two-factor/i }).first().click();
    await expect(page.getByRole('img', { name: /QR code/i })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/csp-landlord-two-factor.png', fullPage: true });
    expect(problems).toEqual([]);
  });

  test('a resident’s main pages raise no violation', async ({ page }) => {
    const problems = await watch(page);
    await signIn(page, DEMO.resident);
    await expect(page).toHaveURL(/\/me$/);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: 'test-results/screens/csp-resident-home.png', fullPage: true });
    await visit(page, '/me/find-rental', /find your rental/i);
    await visit(page, '/me/support', /Support/);
    await visit(page, '/me/account', 'Your account');
    expect(problems).toEqual([]);
  });

  test('the API documentation (Swagger UI) runs under its own policy', async ({ page }) => {
    const problems = await watch(page);
    const response = await page.goto('/api/docs/');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(page.getByText('RentLedger API').first()).toBeVisible();
    await expect(page.locator('.opblock').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/csp-api-docs.png' });
    expect(problems).toEqual([]);
  });
});
