import { expect } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { type CaughtEmail, DEMO, linkIn, RESIDENT_PASSWORD, snap, test, uniqueEmail, waitForEmails } from './helpers.ts';

const codeFor = (secret: string, at = Date.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });

test('a resident who forgot the password resets it from the emailed link and signs in with the new one', async ({ page, request, newResident }) => {
  const email = uniqueEmail('forgot');
  await newResident({ firstName: 'Fern', lastName: 'Gale', email });
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password', level: 1 })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByText(/a reset link is on its way/)).toBeVisible();
  await snap(page, '90-forgot-password-sent');

  const [mail] = await waitForEmails(request, email, { subject: /Reset your RentLedger password/ });
  await page.goto(linkIn(mail as CaughtEmail, '/reset-password'));
  await expect(page.getByRole('heading', { name: 'Choose a new password', level: 1 })).toBeVisible();
  // The password rules apply here too.
  await page.getByLabel('New password', { exact: true }).fill('password1234');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByText(/most common/)).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('fern gale new words 7');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByText('Your password is changed. Sign in with the new one.')).toBeVisible();
  await snap(page, '91-reset-password-done');
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('fern gale new words 7');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await waitForEmails(request, email, { subject: /password was changed/ });
});

test('staff turn on two-factor sign-in from their account, and sign in with a code from the app', async ({ page, request, as }) => {
  // A fresh Birch staff member, made by support, so no other test's sign-in changes.
  const support = await as(DEMO.support);
  const companies = (await (await support.request.get('/api/companies')).json()) as { items: { id: string; name: string }[] };
  const birch = companies.items.find((company) => company.name === 'Birch Rentals');
  const csrf = ((await (await support.request.get('/api/auth/session')).json()) as { csrfToken: string }).csrfToken;
  const email = uniqueEmail('staff-2fa');
  const created = await support.request.post(`/api/companies/${birch?.id}/staff`, {
    headers: { 'x-csrf-token': csrf },
    data: { firstName: 'Tove', lastName: 'Lind', email, password: 'tove lind staff pass 1' },
  });
  expect(created.status(), await created.text()).toBe(201);

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('tove lind staff pass 1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/app$/);
  await page.getByRole('link', { name: 'Your account' }).first().click();
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(page.getByAltText('QR code for your authenticator app')).toBeVisible();
  const secret = (await page.getByTestId('two-factor-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+$/);
  await snap(page, '92-two-factor-setup');
  await page.getByLabel('Code from the app').fill('000000');
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByText(/does not match/)).toBeVisible();
  await page.getByLabel('Code from the app').fill(codeFor(secret));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  const codes = page.getByRole('listitem').filter({ hasText: /^[a-z0-9]{5}-[a-z0-9]{5}$/ });
  await expect(codes).toHaveCount(10);
  await snap(page, '93-two-factor-recovery-codes');
  await page.getByRole('button', { name: 'I saved my recovery codes' }).click();
  await expect(page.getByText('Signing in asks for a code from your authenticator app.')).toBeVisible();
  await waitForEmails(request, email, { subject: /Two-factor sign-in turned on/ });

  // Signing in again asks for the code; a wrong one says so, the next step's code signs in.
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The URL changes before the account page unmounts; fill the form only once the sign-in page shows.
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('tove lind staff pass 1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your sign-in code' })).toBeVisible();
  await page.getByLabel('Authentication code').fill('123456');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByText(/This code is not right/)).toBeVisible();
  await snap(page, '94-two-factor-sign-in');
  // The code used to turn it on cannot be replayed: use the next time step's.
  await page.getByLabel('Authentication code').fill(codeFor(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL(/\/app$/);
});

test('a resident changes the sign-in email from Your account, confirmed by the link sent to the new address', async ({ request, newResident }) => {
  const email = uniqueEmail('move');
  const newEmail = uniqueEmail('moved');
  const { page } = await newResident({ firstName: 'Mona', lastName: 'Vale', email });
  await page.goto('/me/account');
  const form = page.getByRole('form', { name: 'Change email' });
  await expect(form.getByText(email)).toBeVisible();
  await form.getByLabel('New email').fill(newEmail);
  await form.getByLabel('Current password').fill(RESIDENT_PASSWORD);
  await form.getByRole('button', { name: 'Send a confirmation link' }).click();
  await expect(form.getByText(`We sent a confirmation link to ${newEmail}`)).toBeVisible();
  await snap(page, '95-change-email-sent');
  await waitForEmails(request, email, { subject: /A change of your RentLedger email was requested/ });

  const [link] = await waitForEmails(request, newEmail, { subject: /Confirm your new email/ });
  await page.goto(linkIn(link as CaughtEmail, '/confirm-email-change'));
  await expect(page.getByRole('heading', { name: 'Your email is changed', level: 1 })).toBeVisible();
  await expect(page.getByText(`From now on, sign in with ${newEmail}.`)).toBeVisible();
  await snap(page, '96-change-email-done');
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.goto('/me/account');
  await expect(page.getByText(`Signed in as ${newEmail}`)).toBeVisible();
  await waitForEmails(request, email, { subject: /Your RentLedger email was changed/ });
});
