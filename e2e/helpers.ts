import { AxeBuilder } from '@axe-core/playwright';
import { type APIRequestContext, type BrowserContext, expect, type Locator, type Page, test as base } from '@playwright/test';
import { demoLeaseDate } from '../apps/server/src/demo/demo-dates.ts';

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
/**
 * `axeScope`: check only this part of the screen (a selector). For a screen with a popover open: axe counts the
 * page behind it as obscured targets, and the page itself is checked without the popover elsewhere.
 */
export async function snap(page: Page, name: string, options: { phone?: boolean; axeScope?: string } = {}): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await settle(page);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  // Every flow screen passes the same check as the page walk (accessibility.e2e.ts): serious or critical fails.
  await expectAccessible(page, name, options.axeScope);
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

/** WCAG 2.2 A and AA, as axe-core tests them. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Fails on any serious or critical axe-core violation on the page as it is now (open dialogs
 * and menus included). Minor and moderate findings are printed, not failed: they are often
 * judgement calls (a region without a landmark) that a person should weigh.
 */
async function axeFindings(page: Page, scope?: string) {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  const { violations } = await (scope ? builder.include(scope) : builder).analyze();
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  return { violations, blocking };
}

export async function expectAccessible(page: Page, where: string, scope?: string): Promise<void> {
  const { violations, blocking } = await axeFindings(page, scope);
  const describe = (list: typeof violations) =>
    list
      .map((violation) => `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes.slice(0, 5).map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1, 2).join('').trim()}`).join('\n')}`)
      .join('\n');
  const advisory = violations.filter((violation) => !blocking.includes(violation));
  if (advisory.length > 0) console.log(`Accessibility notes on ${where}:\n${describe(advisory)}`);
  expect(blocking, `Accessibility violations on ${where} (${page.url()}):\n${describe(blocking)}`).toEqual([]);
}

/** The mail catcher's HTTP side (see mail-catcher.ts and playwright.config.ts). */
export const MAIL_CATCHER_URL = `http://127.0.0.1:${3226 + Number(process.env.E2E_PORT_OFFSET ?? 0)}`;

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

// ---------------------------------------------------------------------------------------------
// Several people in one test: each in their own browser context. Staff sessions are signed in once
// per worker (over the API) and reused, which keeps the run well under the server's per-IP
// sign-in limit; residents sign up fresh.

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const staffSessions = new Map<string, StorageState>();

export type Session = { page: Page; context: BrowserContext; csrfToken: string };

/** Extra people for one test: `as(email)` for demo staff, `newResident(...)` for a fresh portal sign-up. */
export const test = base.extend<{
  as: (email: string) => Promise<Page>;
  newResident: (person: { firstName: string; lastName: string; email: string; phone?: string }) => Promise<Session>;
}>({
  as: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (email) => {
      const cached = staffSessions.get(email);
      const context = await browser.newContext({ baseURL, viewport: DESKTOP, storageState: cached });
      contexts.push(context);
      if (!cached) {
        const response = await context.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
        expect(response.status(), `signing in ${email}`).toBe(200);
        staffSessions.set(email, await context.storageState());
      }
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  newResident: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async ({ firstName, lastName, email, phone = '(380) 555-0100' }) => {
      const context = await browser.newContext({ baseURL, viewport: DESKTOP });
      contexts.push(context);
      const response = await context.request.post('/api/auth/signup', { data: { firstName, lastName, email, phone, password: RESIDENT_PASSWORD } });
      expect(response.status(), `signing up ${email}`).toBe(202);
      // As a person would: the emailed link confirms the address and signs in.
      const [confirmation] = await waitForEmails(context.request, email, { subject: /Confirm your email/ });
      const token = new URL(linkIn(confirmation as CaughtEmail, '/verify-email')).hash.replace('#token=', '');
      const verified = await context.request.post('/api/auth/verify-email', { data: { token } });
      expect(verified.status(), `verifying ${email}`).toBe(200);
      const { session } = (await verified.json()) as { session: { csrfToken: string } };
      return { page: await context.newPage(), context, csrfToken: session.csrfToken };
    });
    for (const context of contexts) await context.close();
  },
});

export const RESIDENT_PASSWORD = 'a-resident-password-1';

/** A unique email per run and test, so tests do not depend on each other. */
export function uniqueEmail(name: string): string {
  return `${name}.${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}@example.net`;
}

type RentalSearch = { results: { property: { id: string; name: string }; units: { id: string; label: string }[] }[] };

/** The ids of a property (found by name) and one of its units, as a signed-in user sees them in the search. */
export async function findRental(session: { context: BrowserContext }, propertyName: string, unitLabel?: string) {
  const response = await session.context.request.get('/api/rentals/search', { params: { q: propertyName } });
  expect(response.ok()).toBe(true);
  const { results } = (await response.json()) as RentalSearch;
  const result = results.find((candidate) => candidate.property.name === propertyName);
  if (!result) throw new Error(`No rental named ${propertyName} in the search`);
  const unit = unitLabel === undefined ? undefined : result.units.find((candidate) => candidate.label === unitLabel);
  if (unitLabel !== undefined && !unit) throw new Error(`${propertyName} has no unit ${unitLabel}`);
  return { propertyId: result.property.id, unitId: unit?.id ?? null };
}

/** States a residency over the API (the sign-up flow itself is covered in the browser); returns the resident id. */
export async function addResidency(
  session: Session,
  rental: { property: string; unit?: string; unitText?: string },
  lease: { rentCents: number; leaseStart: string; leaseEnd: string | null },
): Promise<{ id: string; status: string }> {
  const { propertyId, unitId } = await findRental(session, rental.property, rental.unit);
  const response = await session.context.request.post('/api/me/residencies', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { propertyId, unitId, ...(rental.unitText ? { unitText: rental.unitText } : {}), ...lease },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; status: string };
}

/** The CSRF token of a page's session (for API calls made as that user). */
export async function csrfOf(page: Page): Promise<string> {
  const response = await page.request.get('/api/auth/session');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** Picks an option of a Mantine select by typing part of it. */
export async function choose(scope: Page | Locator, page: Page, label: string, option: string) {
  const input = scope.getByRole('textbox', { name: label, exact: true }).or(scope.getByRole('combobox', { name: label, exact: true }));
  await input.click();
  await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The demo moves the rent roll's lease dates to today's month (see demo-dates.ts); a test names them as written. */
export { demoLeaseDate };

/** A rent-roll lease as the app shows it once the demo moved it: "Aug 1, 2026 – Jul 31, 2027". */
export function demoLeaseText(start: string, end: string, between = ' – '): string {
  return `${demoDateText(start)}${between}${demoDateText(end)}`;
}

/** One rent-roll date as the app shows it once the demo moved it: "Sep 1, 2025". */
export function demoDateText(rentRollDate: string): string {
  return new Date(`${demoLeaseDate(rentRollDate)}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}
