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
    await expect(latest).toContainText('3 rows in error');
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

test.describe.serial('accounting: imports never invent or duplicate places', () => {
  const HEADER =
    'property_code,property_name,address,city,state,postal_code,unit,resident_id,first_name,last_name,email,phone,lease_start,lease_end,rent,balance,status,do_not_accept_payments';
  const BSF = 'Birch Street Flats,310 Birch Street,Austin,TX,78704';

  async function importSpreadsheet(page: Page, file: string, expectSummary: RegExp) {
    await openAccounting(page, 'Import');
    await page.getByRole('button', { name: 'Import residents from a spreadsheet' }).click();
    await page.getByLabel('Rent roll file').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import residents from this spreadsheet?' });
    await expect(dialog.getByTestId('one-time-import-summary')).toContainText(expectSummary);
    return dialog;
  }

  test('a company without an accounting system connects one or imports a spreadsheet once; unknown places are row errors', async ({ page }, testInfo) => {
    await signIn(page, DEMO.birchLandlord);
    await openAccounting(page, 'Import');
    await expect(page.getByTestId('accounting-get-started')).toBeVisible();
    await snap(page, '51-landlord-accounting-get-started');

    const file = testInfo.outputPath('birch-residents.csv');
    await writeFile(
      file,
      [
        HEADER,
        `bsf,${BSF},8,b-e2e-1,Kit,Lowe,,512-555-0188,2026-01-01,2026-12-31,1100.00,0.00,current,no`,
        'ZZ99,Zed Place,1 Zed Road,Austin,TX,78701,1,b-e2e-2,Lou,Zed,,512-555-0189,2026-01-01,2026-12-31,900.00,0.00,current,no',
        `BSF,${BSF},,b-e2e-3,Mo,Nounit,,512-555-0190,2026-01-01,2026-12-31,900.00,0.00,current,no`,
        `BSF,${BSF},7,b-e2e-4,Dana,Bad,not-an-email,512-555-0191,2026-13-45,2026-12-31,900.00,0.00,current,no`,
      ].join('\n'),
    );
    const dialog = await importSpreadsheet(page, file, /nothing is invented/);
    await snap(page, '52-landlord-accounting-spreadsheet-confirm');
    await dialog.getByRole('button', { name: 'Import residents' }).click();
    await expect(page).toHaveURL(/\/app\/sync-runs\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('sync-run-status').first()).toHaveText('Done with errors', { timeout: 30_000 });
    // "bsf" is BSF: the resident joins Birch Street Flats, and no property is added.
    await expect(page.getByTestId('count-created')).toContainText('1');
    await expect(page.getByTestId('count-errors')).toContainText('3');
    const problems = Number((await page.getByTestId('count-problems').innerText()).match(/\d+/)?.[0]);
    expect(problems).toBeGreaterThanOrEqual(4);
    await expect(page.getByRole('heading', { name: `Row errors: ${problems} problems in 3 rows` })).toBeVisible();
    await expect(page.getByTestId('sync-error-row')).toHaveCount(problems);
    await expect(page.getByTestId('sync-errors-table')).toContainText('Unknown property code ZZ99: add the property in RentLedger (Properties), or turn on');
    await expect(page.getByTestId('sync-errors-table')).toContainText('No unit given, and Birch Street Flats has units');
    await expect(page.getByTestId('sync-run-created-places')).toHaveCount(0);
    await snap(page, '53-landlord-sync-run-unknown-places');
  });

  test('with the setting on, a single-family home gets one unit named by its address, and the run lists what it added', async ({ page }, testInfo) => {
    await signIn(page, DEMO.birchLandlord);
    await openAccounting(page, 'Settings');
    const setting = page.getByRole('switch', { name: /^Create properties from the accounting system/ });
    await expect(setting).not.toBeChecked();
    await expect(page.getByText(/off is the default for file imports and spreadsheets/)).toBeVisible();
    await setting.click({ force: true });
    await expect(page.getByText('Imports may now add properties')).toBeVisible();
    await expect(setting).toBeChecked();
    await snap(page, '54-landlord-accounting-create-places-setting');

    const file = testInfo.outputPath('birch-home.csv');
    await writeFile(file, [HEADER, 'HOME1,Cedar House,42 Cedar Court,Austin,TX,78703,,b-e2e-5,Ana,Home,,512-555-0192,2026-01-01,2026-12-31,1800.00,0.00,current,no'].join('\n'));
    const dialog = await importSpreadsheet(page, file, /are created/);
    await dialog.getByRole('button', { name: 'Import residents' }).click();
    await expect(page.getByTestId('sync-run-status').first()).toHaveText('Done', { timeout: 30_000 });
    const created = page.getByTestId('sync-run-created-places');
    await expect(created.getByRole('heading', { name: 'Added to RentLedger: 1 property and 1 unit' })).toBeVisible();
    await expect(created.getByRole('link', { name: 'Cedar House' })).toBeVisible();
    await expect(created).toContainText('Named by its address');
    await expect(page.getByTestId('sync-run-message')).toContainText('Created 1 property and 1 unit.');
    await snap(page, '55-landlord-sync-run-created-places');

    // Back to off, as the other tests expect of Birch.
    await openAccounting(page, 'Settings');
    await page.getByRole('switch', { name: /^Create properties from the accounting system/ }).click({ force: true });
    await expect(page.getByText('Imports no longer add properties')).toBeVisible();
  });
});
