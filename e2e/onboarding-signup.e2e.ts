import { expect } from '@playwright/test';
import { addResidency, type CaughtEmail, choose, DEMO, demoLeaseText, linkIn, RESIDENT_PASSWORD, snap, test, uniqueEmail, waitForEmails } from './helpers.ts';

// Hazel Hughes rents unit 106 at Maple Court in Maple's demo rent roll (t0001007); no other test uses her.
const HAZEL = 'hazel.hughes@example.com';

test('a resident signs up, confirms the email by its link, finds the rental by a misspelled address and is approved at once', async ({ page, request }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'New resident? Create an account' }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByRole('heading', { name: 'Create your account', level: 1 })).toBeVisible();

  // Checked in the browser first: every field says what is wrong.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Mobile phone')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Mobile phone').fill('555-01');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter a phone number with area code')).toBeVisible();
  await expect(page.getByText('Use at least 12 characters')).toBeVisible();
  await snap(page, '60-signup-errors');

  await page.getByLabel('First name').fill('Hazel');
  await page.getByLabel('Last name').fill('Hughes');
  await page.getByLabel('Email').fill(HAZEL);
  await page.getByLabel('Mobile phone').fill('(614) 555-0577');
  await page.getByLabel('Password', { exact: true }).fill(RESIDENT_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  // No session yet: her email must be proven before anything of the landlord's books is matched or shown.
  await expect(page.getByRole('heading', { name: 'Check your email', level: 1 })).toBeVisible();
  await expect(page.getByText(`We sent a link to ${HAZEL}`)).toBeVisible();
  await snap(page, '60b-signup-check-email');
  const [confirmation] = await waitForEmails(request, HAZEL, { subject: /Confirm your email/ });
  await page.goto(linkIn(confirmation as CaughtEmail, '/verify-email'));

  // The link signs her in; with no residency yet, home sends her on to "Find your rental".
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText('Confirm your email')).toHaveCount(0);
  await expect(page.getByText('Your email is confirmed')).toBeVisible();
  await page.getByRole('link', { name: /Find your rental/ }).first().click();
  // The search runs as she types, and forgives typos.
  await expect(page).toHaveURL(/\/me\/find-rental$/);
  await expect(page.getByRole('heading', { name: 'Find your rental', level: 1 })).toBeVisible();
  await expect(page.getByText('Type at least 2 characters to search.')).toBeVisible();
  await page.getByLabel('Address or property name').fill('mapel ave 12');
  const results = page.getByTestId('rental-result');
  await expect(results.first()).toContainText('Maple Court Apartments');
  await expect(results.first()).toContainText('12 Maple Avenue, Columbus, OH 43215');
  await snap(page, '61-find-rental-search');
  await page.getByLabel('Address or property name').fill('zzzz qqqq');
  await expect(page.getByRole('heading', { name: 'No rental matches “zzzz qqqq”' })).toBeVisible();
  await page.getByLabel('Address or property name').fill('mapel ave 12');
  await results.filter({ hasText: 'Maple Court Apartments' }).click();

  await expect(page.getByTestId('chosen-rental')).toHaveText('Maple Court Apartments');
  // Each new step takes focus to its heading, so a screen reader says where she is.
  await expect(page.getByRole('heading', { name: 'Step 2 of 3: which unit?' })).toBeFocused();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Choose your unit, or tick “My unit is not listed”')).toBeVisible();
  await choose(page, page, 'Your unit', '106');
  await snap(page, '62-find-rental-unit');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByTestId('chosen-unit')).toHaveText('Unit 106');
  await expect(page.getByRole('heading', { name: 'Step 3 of 3: your lease' })).toBeFocused();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Enter the monthly rent')).toBeVisible();
  // A failed submit takes focus to the first field in error.
  await expect(page.getByLabel('Monthly rent')).toBeFocused();
  await expect(page.getByText('Enter the date the lease starts')).toBeVisible();
  await page.getByLabel('Monthly rent').fill('1300');
  await page.getByLabel('Lease start').fill('2025-10-01');
  await page.getByLabel('Lease end').fill('2025-09-01');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('The lease cannot end before it starts')).toBeVisible();
  await page.getByLabel('Lease end').fill('2026-09-30');
  await snap(page, '63-find-rental-lease');
  await page.getByRole('button', { name: 'Submit' }).click();

  // Her email is on the landlord's books at that unit: approved with the books' lease at once.
  await expect(page.getByRole('heading', { name: 'You\'re approved', level: 1 })).toBeVisible();
  const card = page.getByTestId('residency-card');
  await expect(card).toContainText('Maple Court Apartments, unit 106');
  await expect(card).toContainText('$1,300.00');
  await expect(card).toContainText(demoLeaseText('2025-10-01', '2026-09-30'));
  await expect(card).toContainText('$50.00 credit');
  await expect(card.getByTestId('residency-status')).toHaveText('Approved — you can set up your first payment');
  await snap(page, '64-find-rental-approved');
  await waitForEmails(request, HAZEL, { subject: /You are approved/ });

  await page.getByRole('link', { name: 'Go to your home' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId('residency-card')).toContainText('Maple Court Apartments, unit 106');
  await expect(page.getByRole('link', { name: 'Add a rental' }).first()).toBeVisible();
});

test('a second sign-up for the same email gets the same answer, and the owner is told', async ({ page, request }) => {
  await page.goto('/signup');
  await page.getByLabel('First name').fill('Jordan');
  await page.getByLabel('Last name').fill('Rivera');
  await page.getByLabel('Email').fill(DEMO.resident);
  await page.getByLabel('Mobile phone').fill('614 555 0199');
  await page.getByLabel('Password', { exact: true }).fill(RESIDENT_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  // Sign-up never tells who has an account: "check your email", as for a new address.
  await expect(page.getByRole('heading', { name: 'Check your email', level: 1 })).toBeVisible();
  const [warning] = await waitForEmails(request, DEMO.resident, { subject: /Someone tried to sign up/ });
  expect(warning?.text).toContain('Forgot password?');
});

test('a resident finds the rental by one misspelled word, by the property code, and by the address with the unit', async ({ newResident }) => {
  const { page } = await newResident({ firstName: 'Ines', lastName: 'Okafor', email: uniqueEmail('ines.okafor') });
  await page.goto('/me/find-rental');
  const searchBox = page.getByLabel('Address or property name');
  const results = page.getByTestId('rental-result');
  await expect(page.getByText('Typos are fine.')).toBeVisible();

  // One word, misspelled: a letter swapped.
  await searchBox.fill('mapel');
  await expect(results.first()).toContainText('Maple Court Apartments');
  await snap(page, '61c-find-rental-one-word-typo');
  await searchBox.fill('brich');
  await expect(results.filter({ hasText: 'Birch Street Flats' })).toHaveCount(1);
  // The property's code, in any case.
  await searchBox.fill('MC');
  await expect(results.first()).toContainText('Maple Court Apartments');

  // The address with the unit: the card names the unit, and the unit step has it chosen.
  await searchBox.fill('12 mapel ave apt 203');
  const maple = results.filter({ hasText: 'Maple Court Apartments' });
  await expect(maple.getByTestId('typed-unit')).toHaveText('Unit 203');
  await snap(page, '61d-find-rental-address-with-unit');
  await maple.click();
  await expect(page.getByTestId('chosen-rental')).toHaveText('Maple Court Apartments');
  const unit = page.getByRole('textbox', { name: 'Your unit', exact: true }).or(page.getByRole('combobox', { name: 'Your unit', exact: true }));
  await expect(unit).toHaveValue('203');
  await snap(page, '62b-find-rental-unit-typed');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('chosen-unit')).toHaveText('Unit 203');
});

test('a resident whose unit is not listed waits for the landlord, and knows why', async ({ newResident }) => {
  const resident = await newResident({ firstName: 'Theo', lastName: 'Marsh', email: uniqueEmail('theo.marsh') });
  const { page } = resident;
  await page.goto('/me');
  await expect(page.getByText('You have no residency yet')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Find your rental' }).click();
  await expect(page).toHaveURL(/\/me\/find-rental$/);
  await page.getByLabel('Address or property name').fill('birch stret');
  await page.getByTestId('rental-result').filter({ hasText: 'Birch Street Flats' }).click();
  await page.getByLabel('My unit is not listed').check();
  await page.getByLabel('Your unit number').fill('12B');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('chosen-unit')).toHaveText('Unit 12B (not listed)');
  await page.getByLabel('Monthly rent').fill('1,395.50');
  await page.getByLabel('Lease start').fill('2026-02-01');
  await page.getByLabel('Month-to-month (no end date)').check();
  await expect(page.getByLabel('Lease end')).toBeDisabled();
  await page.getByRole('button', { name: 'Submit' }).click();

  await expect(page.getByRole('heading', { name: 'Waiting for your landlord to verify your lease', level: 1 })).toBeVisible();
  const result = page.getByTestId('residency-result');
  await expect(result).toContainText('Birch Street Flats');
  await expect(result).toContainText('12B (not listed)');
  await expect(result).toContainText('$1,395.50');
  await expect(result).toContainText('From Feb 1, 2026, month-to-month');
  await expect(result).toContainText('reported to credit bureaus');
  await expect(result).toContainText('enough and on time');
  await snap(page, '65-find-rental-pending');

  await page.getByRole('link', { name: 'Go to your home' }).click();
  await expect(page.getByTestId('residency-status')).toHaveText('Waiting for Birch Rentals to verify your lease');
  await snap(page, '66-resident-home-pending');

  // Stating the same rental again is refused.
  await expect(addResidency(resident, { property: 'Birch Street Flats', unitText: '12B' }, { rentCents: 139550, leaseStart: '2026-02-01', leaseEnd: null })).rejects.toThrow(/409/);
});
