import { expect, type Page } from '@playwright/test';
import { csrfOf, DEMO_PASSWORD, snap, test } from './helpers.ts';

// The demo payer: approved at Maple with a verified account and autopay on the 1st (see demo-payments.ts).
const KENJI = 'kenji.davis@example.com';

type Plan = { residentId: string; bankAccountId: string; dayOfMonth: number; kind: 'fixed' | 'balance'; amountCents: number | null; capCents: number | null; status: string };

async function kenjisPlan(page: Page): Promise<Plan> {
  const response = await page.request.get('/api/me/autopay');
  expect(response.ok()).toBe(true);
  const [plan] = ((await response.json()) as { items: Plan[] }).items;
  if (!plan) throw new Error('Kenji has no autopay plan: the demo data sets one up on the 1st');
  return plan;
}

/** Puts Kenji's plan back as the demo has it (active, fixed, day 1), so other tests and the next run find it so. */
async function restore(page: Page, plan: Plan) {
  const csrf = await csrfOf(page);
  const response = await page.request.put(`/api/me/autopay/${plan.residentId}`, {
    headers: { 'x-csrf-token': csrf },
    data: { bankAccountId: plan.bankAccountId, dayOfMonth: 1, kind: 'fixed', amountCents: plan.amountCents ?? 100000, authorizationAccepted: true },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test.use({ actionTimeout: 15_000 });

test('the demo payer sees his autopay, pauses and resumes it, and moves it to the 15th', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const login = await page.request.post('/api/auth/login', { data: { email: KENJI, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const original = await kenjisPlan(page);
  // A run stopped half-way may have left it paused or on another day.
  if (original.status !== 'active' || original.dayOfMonth !== 1 || original.kind !== 'fixed') await restore(page, original);

  try {
    await page.goto('/me/payments');
    await expect(page.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();
    const autopay = page.getByRole('region', { name: 'Autopay' });
    const summary = autopay.getByTestId('autopay-summary');
    await expect(summary).toHaveText(/^\$[\d,]+\.\d\d on day 1 of each month from the account ending 6789$/);
    await expect(autopay.getByTestId('autopay-next')).toContainText('Next debit:');
    await expect(autopay.getByTestId('autopay-status')).toHaveText('Active');

    await autopay.getByRole('button', { name: 'Pause' }).click();
    await expect(autopay.getByTestId('autopay-status')).toHaveText('Paused');
    await expect(autopay.getByTestId('autopay-next')).toContainText('nothing is debited until you resume');
    await autopay.getByRole('button', { name: 'Resume' }).click();
    await expect(autopay.getByTestId('autopay-status')).toHaveText('Active');

    // Change: the form comes back filled in with the plan.
    await autopay.getByRole('button', { name: 'Change' }).click();
    const form = autopay.getByRole('form', { name: 'Change autopay' });
    const day = form.getByRole('textbox', { name: 'Day of the month' });
    await expect(day).toHaveValue('1');
    await expect(form.getByRole('radio', { name: 'A fixed amount' })).toBeChecked();
    await day.fill('15');
    await expect(form.getByTestId('autopay-authorization-text')).toContainText('each month on day 15');
    // Not ticked: the server is not asked.
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByText('Read and accept the authorization to set up autopay')).toBeVisible();
    // The form, its authorization and its error pass the same accessibility check.
    await snap(page, '98-resident-autopay-change');
    await form.getByRole('checkbox', { name: 'I authorize these recurring debits' }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(summary).toContainText('on day 15 of each month from the account ending 6789');
    await expect(autopay.getByTestId('autopay-status')).toHaveText('Active');
    await snap(page, '98-resident-autopay');
  } finally {
    await restore(page, original);
    await context.close();
  }
});
