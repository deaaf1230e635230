import { truncate, writeFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { DEMO, linkIn, signIn, snap, waitForEmails } from './helpers.ts';

const RENT_ROLL = 'e2e/fixtures/rent-roll-with-errors.csv';

async function openAccounting(page: Page, tab: 'Import' | 'Settings' | 'History') {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Accounting' }).click();
  await expect(page.getByRole('heading', { name: 'Accounting', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: tab }).click();
}

test.describe.serial('accounting: importing a rent roll', () => {
  test('a landlord uploads a rent roll with invalid rows and reads the row errors', async ({ page, request }) => {
    await signIn(page, DEMO.mapleLandlord);
    await expect(page).toHaveURL(/\/app$/);
    await openAccounting(page, 'Import');
    await expect(page.getByText('Drag your rent roll here')).toBeVisible();
    await snap(page, '44-landlord-accounting-import');

    await page.getByLabel('Rent roll file').setInputFiles(RENT_ROLL);
    await expect(page.getByTestId('chosen-file-name')).toHaveText('rent-roll-with-errors.csv');
    await expect(page.getByTestId('file-drop-zone')).toContainText(/\d+(\.\d)? KB/);

    // The column mapping is suggested from the file's first line, read in the browser.
    const mapping = page.getByTestId('column-mapping');
    await expect(mapping.getByLabel('resident_id', { exact: true })).toHaveValue('Resident ID');
    await expect(mapping.getByLabel('lease_start', { exact: true })).toHaveValue('Lease start');
    await expect(page.getByTestId('mapping-missing')).toHaveCount(0);
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await expect(page.getByText('Column mapping saved')).toBeVisible();
    await snap(page, '45-landlord-accounting-import-mapping');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page).toHaveURL(/\/app\/sync-runs\/[0-9a-f-]{36}$/);
    const runUrl = page.url();
    await expect(page.getByRole('heading', { name: 'Import of rent-roll-with-errors.csv', level: 1 })).toBeVisible();

    // The page polls until the run is done.
    await expect(page.getByTestId('sync-run-status').first()).toHaveText('Done with errors', { timeout: 30_000 });
    await expect(page.getByTestId('sync-run-progress-label')).toHaveText(/^Done: 10 rows read/);
    await expect(page.getByTestId('sync-run-message')).toContainText(/3 (of 10 )?rows could not be imported/);
    await expect(page.getByTestId('count-rows')).toContainText('10');
    await expect(page.getByTestId('count-created')).toContainText('7');
    await expect(page.getByTestId('count-invited')).toContainText('5');
    await expect(page.getByTestId('count-waiting')).toContainText('2');
    await expect(page.getByTestId('count-errors')).toContainText('3');

    const errors = page.getByTestId('sync-errors-table').getByTestId('sync-error-row');
    await expect(errors).toHaveCount(3);
    await expect(errors.nth(0)).toContainText('5');
    await expect(errors.nth(0)).toContainText('Lease start');
    await expect(errors.nth(0)).toContainText('is not a date');
    await expect(errors.nth(1)).toContainText('6');
    await expect(errors.nth(1)).toContainText('Rent');
    await expect(errors.nth(1)).toContainText('Rent cannot be negative');
    await expect(errors.nth(2)).toContainText('7');
    await expect(errors.nth(2)).toContainText('Status');
    await expect(errors.nth(2)).toContainText('Unknown status "evicted"');
    await snap(page, '46-landlord-sync-run-errors');

    await page.getByLabel('Filter errors').fill('evicted');
    await expect(errors).toHaveCount(1);
    await expect(page.getByText('Showing 1 of 3 errors.')).toBeVisible();
    await page.getByLabel('Filter errors').fill('');
    await expect(errors).toHaveCount(3);

    // The history lists the run and opens it again.
    await openAccounting(page, 'History');
    await expect(page).toHaveURL(/tab=history/);
    const latest = page.getByTestId('sync-history-row').first();
    await expect(latest).toContainText('rent-roll-with-errors.csv');
    await expect(latest).toContainText('Done with errors');
    await expect(latest).toContainText('7 created');
    await expect(latest).toContainText('3 errors');
    await expect(latest).toContainText('Morgan Ellis');
    await expect(page.getByTestId('sync-history-row').filter({ hasText: 'maple-rent-roll.csv' })).toContainText('66 created');
    await snap(page, '47-landlord-accounting-history');
    await latest.getByRole('link').first().click();
    await expect(page).toHaveURL(runUrl);

    // The summary email links to the same page.
    const [summary] = await waitForEmails(request, DEMO.mapleLandlord, { subject: /Accounting sync finished: 7 created/ });
    expect(linkIn(summary!, '/app/sync-runs/')).toBe(runUrl);
  });

  test('Incomplete Tasks rows open the list where the task is done', async ({ page }) => {
    await signIn(page, DEMO.mapleLandlord);
    const syncErrors = page.getByTestId('task-syncErrors');
    await expect(syncErrors).toContainText(/1\s*sync error to review/);
    await snap(page, '18-landlord-dashboard-tasks');
    await syncErrors.click();
    await expect(page).toHaveURL(/\/app\/accounting\?tab=history$/);
    await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');

    await page.goBack();
    await page.getByTestId('task-pendingReview').click();
    await expect(page).toHaveURL(/\/app\/residents\?status=pending$/);
    await expect(page.getByRole('tab', { name: /Pending review/ })).toHaveAttribute('aria-selected', 'true');
    // Only pending sign-ups (other tests may have left some), or the empty tab.
    await expect(page.getByText('No resident is waiting for your review.').or(page.getByTestId('residents-table'))).toBeVisible();
    await expect(page.getByTestId('residents-table').getByTestId('resident-row').filter({ hasNotText: 'Pending review' })).toHaveCount(0);

    await page.goBack();
    await page.getByTestId('task-missingAccountingId').click();
    await expect(page).toHaveURL(/\/app\/residents\?missingAccountingId=true$/);
    await expect(page.getByTestId('filter-missing-accounting-id')).toBeVisible();

    await page.goBack();
    await page.getByTestId('task-supportRequests').click();
    await expect(page).toHaveURL(/\/app\/support$/);
    await expect(page.getByRole('heading', { name: 'Support', level: 1 })).toBeVisible();
  });

  test('a file over 50 MB is refused before it is uploaded', async ({ page }, testInfo) => {
    // A sparse file: 50 MB and one byte on paper, nothing on disk.
    const huge = testInfo.outputPath('huge-rent-roll.csv');
    await writeFile(huge, '');
    await truncate(huge, 50 * 1024 * 1024 + 1);
    await signIn(page, DEMO.mapleLandlord);
    await openAccounting(page, 'Import');
    await page.getByLabel('Rent roll file').setInputFiles(huge);
    await expect(page.getByRole('alert')).toContainText('The file is larger than 50 MB');
    await expect(page.getByTestId('chosen-file-name')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  });

  test('a MITS XML file is read as a stream: a broken one fails naming its line, a readable one lists its customers’ errors', async ({ page }, testInfo) => {
    const customer = (email: string) =>
      `<MITS:Customer Type="current resident"><MITS:CustomerID>x0000001</MITS:CustomerID><MITS:Name><MITS:FirstName>Nora</MITS:FirstName><MITS:LastName>Quinn</MITS:LastName></MITS:Name><MITS:Address><MITS:Email>${email}</MITS:Email></MITS:Address>`;
    const document = (body: string) =>
      `<?xml version="1.0"?>\n<MITS:ResidentTransactions xmlns:MITS="http://my-company.com/namespace">\n<MITS:Property><MITS:PropertyID><MITS:Identification><MITS:PrimaryID>MC</MITS:PrimaryID></MITS:Identification></MITS:PropertyID>\n<MITS:RT_Customer><MITS:CustomerID>x0000001</MITS:CustomerID><MITS:Customers>\n${body}`;
    const broken = testInfo.outputPath('broken.xml');
    await writeFile(broken, document(`${customer('nora@example.com')}\n</MITS:Customers></MITS:RT_Customer></MITS:Property></MITS:ResidentTransactions>\n`));
    // Only an error row: nothing is applied, so the other tests' data stays as it was.
    const withError = testInfo.outputPath('one-bad-email.xml');
    await writeFile(withError, document(`${customer('nora(at)example.com')}</MITS:Customer>\n</MITS:Customers></MITS:RT_Customer></MITS:Property></MITS:ResidentTransactions>\n`));

    await signIn(page, DEMO.mapleLandlord);
    await openAccounting(page, 'Import');
    await page.getByLabel('Rent roll file').setInputFiles(broken);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Import of broken.xml', level: 1 })).toBeVisible();
    await expect(page.getByTestId('sync-run-status').first()).toHaveText('Failed', { timeout: 30_000 });
    await expect(page.getByTestId('sync-run-message')).toContainText('The XML is broken at line 6, column 17');
    await expect(page.getByTestId('sync-run-message')).toContainText('<MITS:Customer> (opened at line 5) is never closed');

    await page.getByRole('link', { name: 'Import another file' }).or(page.getByRole('button', { name: 'Import another file' })).click();
    await page.getByLabel('Rent roll file').setInputFiles(withError);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('sync-run-status').first()).toHaveText('Done with errors', { timeout: 30_000 });
    await expect(page.getByText('Row numbers count the customers in the file in order')).toBeVisible();
    const errors = page.getByTestId('sync-errors-table').getByTestId('sync-error-row');
    await expect(errors).toHaveCount(1);
    await expect(errors.nth(0)).toContainText('x0000001 Nora Quinn: "nora(at)example.com" is not an email address');
  });

  test('the column mapping helper reads a company’s own export and flags what is missing', async ({ page }) => {
    await signIn(page, DEMO.mapleLandlord);
    await openAccounting(page, 'Import');
    await page.getByLabel('Rent roll file').setInputFiles('e2e/fixtures/custom-export.csv');
    const mapping = page.getByTestId('column-mapping');
    await expect(mapping.getByLabel('Tenant Code', { exact: true })).toHaveValue('Resident ID');
    await expect(mapping.getByLabel('Tenant', { exact: true })).toHaveValue('Full name');
    await expect(mapping.getByLabel('Apt', { exact: true })).toHaveValue('Unit');
    await expect(mapping.getByLabel('Bldg', { exact: true })).toHaveValue('Ignore this column');
    await expect(page.getByTestId('mapping-missing')).toContainText('Property code');
    await expect(page.getByTestId('mapping-unmatched')).toContainText('“Bldg”, “Notes”');
    await snap(page, '45b-landlord-accounting-mapping-custom');

    await mapping.getByLabel('Bldg', { exact: true }).click();
    await page.getByRole('option', { name: 'Property code', exact: true }).click();
    await expect(page.getByTestId('mapping-missing')).toHaveCount(0);
    await expect(page.getByTestId('mapping-unmatched')).toContainText('“Notes”');
    await expect(page.getByTestId('mapping-unmatched')).not.toContainText('Bldg');
  });
});

test.describe('accounting: integration settings', () => {
  test('a landlord connects Buildium; the secret is stored, never shown, and errors sit next to their fields', async ({ page }) => {
    // Birch has no integration yet, so Maple's rent roll imports stay untouched.
    await signIn(page, DEMO.birchLandlord);
    await expect(page).toHaveURL(/\/app$/);
    await openAccounting(page, 'Settings');
    await expect(page.getByRole('radio', { name: 'None' })).toBeChecked();
    await expect(page.getByRole('button', { name: 'Sync Now' })).toHaveCount(0);

    await page.getByRole('radio', { name: 'Buildium (REST)' }).click();
    const baseUrl = page.getByLabel('API base URL');
    const clientId = page.getByLabel('Client ID');
    const secret = page.getByLabel('Client secret');
    await expect(page.getByRole('combobox', { name: 'Daily sync' })).toBeVisible();
    await expect(page.getByText('Central (Chicago) time')).toBeVisible();

    // Checked in the browser: not a URL.
    await baseUrl.fill('buildium');
    await clientId.fill('birch-rentals');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Enter a full URL, e.g. https://example.com/api')).toBeVisible();

    // Checked by the server: no secret stored yet. Its message lands on the secret field.
    await baseUrl.fill('https://buildium.invalid/v1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // (Mantine marks its password input invalid with data-invalid and points aria-describedby at the message.)
    await expect(secret).toHaveAttribute('data-invalid', 'true');
    await expect(secret).toHaveAccessibleDescription(/Enter the Buildium client secret/);
    await expect(baseUrl).not.toHaveAttribute('aria-invalid', 'true');
    await snap(page, '48-landlord-accounting-settings-error', { phone: false });

    await secret.fill('birch-very-secret-value');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    await expect(page.getByText('Connected to Buildium (REST)')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('radio', { name: 'Buildium (REST)' })).toBeChecked();
    await expect(baseUrl).toHaveValue('https://buildium.invalid/v1');
    await expect(clientId).toHaveValue('birch-rentals');
    await expect(secret).toHaveValue('');
    await expect(secret).toHaveAttribute('placeholder', '•••••• stored');
    await expect(page.getByText('A secret is stored. Leave this empty to keep it')).toBeVisible();
    await expect(page.locator('body')).not.toContainText('birch-very-secret-value');
    const settings = await page.request.get('/api/integration');
    expect(await settings.text()).not.toContain('birch-very-secret-value');
    await snap(page, '49-landlord-accounting-settings-buildium');

    // Saving again without typing the secret keeps it.
    await clientId.fill('birch-rentals-2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved')).toBeVisible();
    await expect(secret).not.toHaveAttribute('data-invalid', 'true');

    // Sync Now runs against the (unreachable) Buildium URL: the run page says it failed.
    await page.getByRole('button', { name: 'Sync Now' }).click();
    await expect(page).toHaveURL(/\/app\/sync-runs\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'Buildium sync', level: 1 })).toBeVisible();
    await expect(page.getByTestId('sync-run-status').first()).toHaveText('Failed', { timeout: 45_000 });
    await expect(page.getByTestId('sync-run-message')).toBeVisible();
    await snap(page, '50-landlord-sync-run-failed');

    // Back to no integration, as the other tests expect of Birch.
    await openAccounting(page, 'Settings');
    await page.getByRole('radio', { name: 'None' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Accounting: None.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sync Now' })).toHaveCount(0);
  });
});
