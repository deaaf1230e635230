import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { addResidency, DEMO, demoLeaseDate, snap, test } from './helpers.ts';

// Henry Ibrahim rents unit 302 at Maple Court in Maple's demo rent roll (t0001018, a $1,325.00 balance); no other test uses him.
const HENRY = { firstName: 'Henry', lastName: 'Ibrahim', email: 'henry.ibrahim@example.com', phone: '(614) 555-0945' };
const RESIDENT_ROUTING = '021000021';
const RESIDENT_ACCOUNT = '4440009876';

/** The two ACCTVERIFY credits to an account, read from the NACHA file's 94-character records. */
function microCredits(content: string, accountNumber: string): number[] {
  let description = '';
  const credits: number[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (line.startsWith('5')) description = line.slice(53, 63).trim();
    if (line.startsWith('6') && description === 'ACCTVERIFY' && line.slice(1, 3) === '22' && line.slice(12, 29).trim() === accountNumber) {
      credits.push(Number(line.slice(29, 39)));
    }
  }
  return credits;
}

test.use({ actionTimeout: 15_000 });

const dollars = (cents: number) => (cents / 100).toFixed(2);

async function latestFile(landlord: Page): Promise<string> {
  const files = await landlord.request.get('/api/ach-files');
  expect(files.ok()).toBe(true);
  const [file] = ((await files.json()) as { items: { id: string }[] }).items;
  if (!file) throw new Error('No bank file');
  const download = await landlord.request.get(`/api/ach-files/${file.id}/download`);
  expect(download.status()).toBe(200);
  return download.text();
}

test('a landlord sets up the bank, a resident adds and confirms an account and pays rent, and the deposit goes out in the next file', async ({ as, newResident }) => {
  test.setTimeout(180_000);

  // The landlord's bank settings, checked by the server field by field.
  const landlord = await as(DEMO.mapleLandlord);
  await landlord.goto('/app/payments');
  await expect(landlord.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();
  await landlord.getByRole('main').getByRole('link', { name: 'Bank settings' }).click();
  await expect(landlord).toHaveURL(/\/app\/payment-settings$/);
  await expect(landlord.getByRole('heading', { name: 'Bank settings', level: 1 })).toBeVisible();
  const field = (label: string) => landlord.getByRole('textbox', { name: label, exact: true });
  // A routing number with a wrong check digit passes the browser's 9-digit check; the server names the field.
  await field('Bank routing number').fill('011000016');
  await field('Bank name').fill('Federal Reserve Bank');
  await field('Immediate origin').fill('1234567890');
  await field('Immediate origin name').fill('Maple Property Mgmt');
  await field('Company name').fill('Maple Property');
  await field('Company identification').fill('1234567890');
  await expect(field('Entry description')).toHaveValue('RENT');
  await field('Settlement routing number').fill('011000015');
  await landlord.getByLabel('Settlement account number').fill('5550001234');
  await landlord.getByLabel('Daily cutoff').fill('23:59');
  await landlord.getByRole('button', { name: 'Save bank settings' }).click();
  await expect(field('Bank routing number')).toHaveAttribute('aria-invalid', 'true');
  await expect(landlord.getByText(/check digit/i)).toBeVisible();
  await field('Bank routing number').fill('011000015');
  await snap(landlord, '90-bank-settings');
  await landlord.getByRole('button', { name: 'Save bank settings' }).click();
  await expect(landlord.getByText('Bank settings saved')).toBeVisible();
  await expect(landlord.getByLabel('Settlement account number')).toHaveAttribute('placeholder', '•••• 1234 (leave blank to keep)');

  // Henry signs up; his email and unit are on Maple's books: approved at once.
  const resident = await newResident(HENRY);
  const residency = await addResidency(
    resident,
    { property: 'Maple Court Apartments', unit: '302' },
    { rentCents: 132500, leaseStart: demoLeaseDate('2025-06-01'), leaseEnd: demoLeaseDate('2026-05-31') },
  );
  expect(residency.status).toBe('approved');
  const { page } = resident;
  await page.goto('/me');
  await page.getByTestId('residency-card').getByRole('link', { name: 'Pay rent' }).click();
  await expect(page).toHaveURL(/\/me\/payments$/);
  await expect(page.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();
  await expect(page.getByTestId('pay-needs-account')).toBeVisible();

  // The account number typed twice, compared in the browser.
  await expect(page.getByLabel('Name on the account')).toHaveValue('Henry Ibrahim');
  await page.getByLabel('Routing number').fill(RESIDENT_ROUTING);
  await page.getByLabel(/^Account number(?! again)/).fill(RESIDENT_ACCOUNT);
  await page.getByLabel('Account number again').fill('4440009875');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByText('The account numbers do not match')).toBeVisible();
  await expect(page.getByLabel('Account number again')).toHaveAttribute('aria-invalid', 'true');
  await snap(page, '91-add-bank-account-errors');
  await page.getByLabel('Account number again').fill(RESIDENT_ACCOUNT);
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByTestId('bank-account-added')).toContainText('two small deposits under $1');
  await snap(page, '92-bank-account-added');
  await page.getByRole('button', { name: 'Done' }).click();
  const account = page.getByTestId('bank-account');
  await expect(account).toContainText('Checking ••••9876');
  await expect(account.getByTestId('bank-account-status')).toHaveText('Confirm the two small deposits');

  // Before the file is made, there is nothing to confirm yet.
  await page.getByLabel('First deposit').fill('0.01');
  await page.getByLabel('Second deposit').fill('0.02');
  await page.getByRole('button', { name: 'Confirm deposits' }).click();
  await expect(account.getByTestId('deposits-not-sent')).toContainText('next daily file');

  // The landlord makes the file now: the two deposits go out in it.
  await landlord.goto('/app/payments');
  await landlord.getByRole('button', { name: 'Create file now' }).click();
  await expect(landlord.getByText(/^File [A-Z0-9] of .* created$/)).toBeVisible();
  const credits = microCredits(await latestFile(landlord), RESIDENT_ACCOUNT);
  expect(credits).toHaveLength(2);
  const [first = 0, second = 0] = credits;

  // A wrong pair costs a try; the right one verifies the account.
  await page.reload();
  await page.getByLabel('First deposit').fill(dollars(first === 1 ? 2 : 1));
  await page.getByLabel('Second deposit').fill(dollars(99));
  await page.getByRole('button', { name: 'Confirm deposits' }).click();
  await expect(account.getByRole('alert')).toContainText('2 tries left');
  await snap(page, '93-confirm-deposits');
  await page.getByLabel('First deposit').fill(dollars(second));
  await page.getByLabel('Second deposit').fill(dollars(first));
  await page.getByRole('button', { name: 'Confirm deposits' }).click();
  await expect(account.getByTestId('bank-account-status')).toHaveText('Verified');

  // Paying: the authorization is shown and must be ticked; two clicks make one payment.
  const pay = page.getByRole('button', { name: 'Pay $1,325.00' });
  await expect(pay).toBeVisible();
  await expect(page.getByTestId('authorization-text')).toContainText('9876');
  await pay.click();
  await expect(page.getByText('Read and accept the authorization to pay')).toBeVisible();
  await page.getByLabel('I authorize this debit').check();
  await snap(page, '94-pay-rent');
  await pay.dblclick();
  const confirmation = page.getByTestId('payment-confirmation');
  await expect(confirmation).toContainText('$1,325.00 from the account ending 9876');
  const history = page.getByTestId('payment-row');
  await expect(history).toHaveCount(1);
  await expect(history.first().getByTestId('payment-status')).toHaveText('Scheduled');
  await expect(history.first().getByRole('button', { name: /^Cancel the \$1,325.00 payment/ })).toBeVisible();
  const mine = (await (await page.request.get('/api/me/payments')).json()) as { total: number };
  expect(mine.total).toBe(1);
  await snap(page, '95-payment-scheduled');

  // The landlord finds it, makes the file and sees the deposit.
  await landlord.reload();
  await landlord.getByLabel('Search').fill('Ibrahim');
  await expect(landlord.getByTestId('payments-summary')).toHaveText('1 payment totalling $1,325.00');
  const row = landlord.getByTestId('company-payment-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Henry Ibrahim');
  await expect(row).toContainText('Maple Court Apartments, unit 302');
  await expect(row.getByTestId('payment-status')).toHaveText('Scheduled');
  await expect(row.getByRole('button', { name: /^Void/ })).toBeVisible();
  await expect(landlord.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/payments/export.csv?q=Ibrahim');
  await snap(landlord, '96-landlord-payments');
  await landlord.getByRole('button', { name: 'Create file now' }).click();
  await expect(landlord.getByText('1 payment, a deposit of $1,325.00.')).toBeVisible();
  await expect(row.getByTestId('payment-status')).toHaveText('Processing');
  await expect(row.getByRole('button', { name: /^Void/ })).toHaveCount(0);
  const newest = landlord.getByTestId('ach-file-row').first();
  await expect(newest.getByTestId('ach-file-deposit')).toHaveText('$1,325.00');
  await snap(landlord, '97-bank-files');
  const [download] = await Promise.all([landlord.waitForEvent('download'), newest.getByRole('link', { name: /^Download file/ }).click()]);
  const content = await readFile(await download.path(), 'utf8');
  const lines = content.split(/\r?\n/).filter(Boolean);
  expect(lines[0]?.startsWith('1')).toBe(true);
  expect(lines.every((line) => line.length === 94)).toBe(true);
  expect(content).toContain('0000132500');

  // Henry sees it in the file: Processing, with its trace number, and no longer cancellable.
  await page.reload();
  await expect(history.first().getByTestId('payment-status')).toHaveText('Processing');
  await expect(history.first()).toContainText(/01100001\d{7}/);
});
