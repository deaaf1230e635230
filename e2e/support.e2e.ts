import { expect, type Page, test } from '@playwright/test';
import { DEMO, signIn, snap } from './helpers.ts';

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.describe.serial('support adds a property and a unit for Birch Rentals', () => {
  test('support adds the property with its address and a unit', async ({ page }) => {
    await signIn(page, DEMO.support);
    await expect(page).toHaveURL(/\/support$/);
    await page.getByTestId('companies-table').getByRole('link', { name: 'Birch Rentals' }).click();
    await expect(page.getByRole('heading', { name: 'Birch Rentals', level: 1 })).toBeVisible();
    await snap(page, '22-support-company');

    await page.getByRole('button', { name: 'Add property' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add property to Birch Rentals' });
    await expect(dialog).toBeVisible();
    // Submitting the empty form names every missing field.
    await dialog.getByRole('button', { name: 'Add property' }).click();
    await expect(dialog.getByText('Enter the property name')).toBeVisible();
    await expect(dialog.getByText('Choose a US state')).toBeVisible();
    await expect(dialog.getByText('Use a ZIP code: 12345 or 12345-6789')).toBeVisible();
    await snap(page, '23-support-add-property-errors');

    await dialog.getByLabel('Property name').fill('Aspen Lofts');
    await dialog.getByLabel('Street address').fill('48 Aspen Way');
    await dialog.getByLabel('City').fill('Madison');
    await dialog.getByRole('combobox', { name: 'State' }).fill('WI');
    await page.getByRole('option', { name: 'WI', exact: true }).click();
    await dialog.getByLabel('ZIP code').fill('53703');
    await dialog.getByLabel('Accounting property code').fill('asp01');
    await dialog.getByLabel('Units').fill('1A, 1B');
    await dialog.getByRole('button', { name: 'Add property' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Aspen Lofts was added to Birch Rentals with 2 units.')).toBeVisible();

    const row = page.getByTestId('properties-table').locator('tr', { hasText: 'Aspen Lofts' });
    await expect(row).toContainText('48 Aspen Way, Madison, WI 53703');
    await expect(row).toContainText('2 units');
    await row.getByRole('link', { name: 'Aspen Lofts' }).click();

    await expect(page.getByRole('heading', { name: 'Aspen Lofts', level: 1 })).toBeVisible();
    await page.getByLabel('Unit label').fill('2A');
    await page.getByLabel('Accounting unit code').fill('asp-2a');
    await page.getByRole('button', { name: 'Add unit' }).click();
    const units = page.getByTestId('units-table');
    await expect(units.locator('tbody tr', { hasText: '2A' })).toContainText('asp-2a');
    await expect(units.locator('tbody tr')).toHaveCount(3);

    // The server refuses a second "2A"; its message shows beside the label field.
    await page.getByLabel('Unit label').fill('2a');
    await page.getByRole('button', { name: 'Add unit' }).click();
    await expect(page.getByLabel('Unit label')).toHaveAttribute('aria-invalid', 'true');
    await snap(page, '24-support-property-units');
  });

  test('the Birch landlord sees the new property and unit', async ({ page }) => {
    await signIn(page, DEMO.birchLandlord);
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByTestId('properties-table')).toContainText('Aspen Lofts');
    await page.getByRole('link', { name: 'Properties', exact: true }).click();
    const row = page.getByTestId('properties-table').locator('tr', { hasText: 'Aspen Lofts' });
    await expect(row).toContainText('48 Aspen Way, Madison, WI 53703');
    await expect(row).toContainText('3 units');
    await row.getByRole('link', { name: 'Aspen Lofts' }).click();
    const units = page.getByTestId('units-table');
    await expect(units.locator('tbody tr', { hasText: '2A' })).toContainText('asp-2a');
    await expect(units).toContainText('1A');
    await expect(units).toContainText('1B');
    await snap(page, '13-birch-landlord-new-property');
  });

  test('support sees its actions in the audit log', async ({ page }) => {
    await signIn(page, DEMO.support);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    await chooseOption(page, 'Company', 'Birch Rentals');
    await expect(page).toHaveURL(/companyId=/);

    const rows = page.getByTestId('audit-row');
    // Actions in words, each record by its name beside its ID.
    const propertyRow = rows.filter({ hasText: 'Property created' }).filter({ hasText: 'Aspen Lofts' }).first();
    const unitRow = rows.filter({ hasText: 'Unit created' }).filter({ hasText: 'Aspen Lofts, unit' }).first();
    await expect(propertyRow).toContainText('Birch Rentals');
    await expect(unitRow).toBeVisible();
    await expect(propertyRow).toContainText('support@rentledger.demo');
    await expect(rows.filter({ hasText: 'property.created' })).toHaveCount(0);

    await propertyRow.getByRole('button', { name: 'Show before and after' }).click();
    await expect(page.getByTestId('audit-table').getByText('"name": "Aspen Lofts"')).toBeVisible();
    await snap(page, '25-support-audit-log');

    await chooseOption(page, 'Action', 'Unit created');
    await expect(page).toHaveURL(/action=unit.created/);
    await expect(rows.filter({ hasText: 'Property created' })).toHaveCount(0);
    await expect(rows.filter({ hasText: 'Unit created' }).first()).toBeVisible();

    // One record's history: the property's link leads to its events only.
    await page.goto('/support/audit-log');
    await page.getByTestId('audit-row').filter({ hasText: 'Property created' }).filter({ hasText: 'Aspen Lofts' }).first().getByRole('link', { name: 'History of Aspen Lofts' }).click();
    await expect(page).toHaveURL(/entityType=property&entityId=/);
    await expect(page.getByTestId('audit-record-filter')).toContainText('History of Aspen Lofts');
    await expect(rows).toHaveCount(1);
    await snap(page, '25b-support-audit-log-record-history');
  });
});

test.describe('support manages companies and staff', () => {
  test('adds a company, with the slug suggested and a taken slug refused', async ({ page }) => {
    await signIn(page, DEMO.support);
    await page.getByRole('button', { name: 'Add company' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add company' });
    await dialog.getByLabel('Company name').fill('Cedar Homes & Co');
    await expect(dialog.getByLabel('Slug')).toHaveValue('cedar-homes-and-co');
    await expect(dialog.getByLabel('Grace days')).toHaveValue('5');
    await dialog.getByLabel('Slug').fill('maple');
    await dialog.getByRole('button', { name: 'Add company' }).click();
    await expect(dialog.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
    await snap(page, '26-support-add-company-slug-taken');

    await dialog.getByLabel('Slug').fill('cedar-homes');
    await chooseOption(page, 'Time zone', 'Central (Chicago)');
    await chooseOption(page, 'Accounting integration', 'File import');
    await dialog.getByRole('button', { name: 'Add company' }).click();
    await expect(page.getByRole('heading', { name: 'Cedar Homes & Co', level: 1 })).toBeVisible();
    await expect(page.getByText('Central (Chicago)')).toBeVisible();
    await expect(page.getByText('File import')).toBeVisible();
  });

  test('adds a staff user who can then sign in', async ({ page }) => {
    await signIn(page, DEMO.support);
    await page.getByTestId('companies-table').getByRole('link', { name: 'Birch Rentals' }).click();
    await page.getByRole('tab', { name: 'Staff' }).click();
    await expect(page).toHaveURL(/tab=staff/);
    await page.getByRole('button', { name: 'Add staff user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add staff user to Birch Rentals' });
    await dialog.getByLabel('First name').fill('Jamie');
    await dialog.getByLabel('Last name').fill('Rivera');
    await dialog.getByLabel('Email').fill('owner@birch.demo');
    await dialog.getByLabel('Initial password').fill('short');
    await dialog.getByRole('button', { name: 'Add staff user' }).click();
    await expect(dialog.getByText('Use at least 12 characters')).toBeVisible();
    await dialog.getByLabel('Initial password').fill('a-long-initial-password');
    await dialog.getByRole('button', { name: 'Add staff user' }).click();
    // The email belongs to the Birch owner already: the server's 409 lands on the email field.
    await expect(dialog.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await snap(page, '27-support-add-staff-email-taken');
    await dialog.getByLabel('Email').fill('jamie@birch.demo');
    await dialog.getByRole('button', { name: 'Add staff user' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('staff-table')).toContainText('jamie@birch.demo');
    await snap(page, '28-support-company-staff');

    await page.getByRole('button', { name: 'Sign out' }).filter({ visible: true }).click();
    await signIn(page, 'jamie@birch.demo', 'a-long-initial-password');
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByTestId('user-role').filter({ visible: true })).toContainText('Birch Rentals');
  });
});
