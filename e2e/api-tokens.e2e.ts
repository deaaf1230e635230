import { expect, test } from '@playwright/test';
import { DEMO, signIn, snap } from './helpers.ts';

test('a landlord creates an API token, sees its secret once, and revokes it', async ({ page, request }) => {
  await signIn(page, DEMO.mapleLandlord);
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  await snap(page, '14-landlord-api-tokens-empty');

  await page.getByRole('button', { name: 'Create token' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create API token' });
  await dialog.getByLabel('Token name').fill('Yardi nightly export');
  await dialog.getByRole('button', { name: 'Create token' }).click();

  const created = page.getByRole('dialog', { name: 'API token created' });
  await expect(created.getByText('Copy this secret now')).toBeVisible();
  const secret = (await created.getByTestId('api-token-secret').textContent())?.trim() ?? '';
  expect(secret.length).toBeGreaterThan(20);
  await expect(created.getByRole('button', { name: 'Copy secret' })).toBeVisible();
  await snap(page, '15-landlord-api-token-secret');

  // The secret works as a bearer token (`request` shares no cookies with the page).
  const viaToken = await request.get('/api/tasks', { headers: { authorization: `Bearer ${secret}` } });
  expect(viaToken.status()).toBe(200);

  await created.getByRole('button', { name: 'Done, I have copied it' }).click();
  await expect(created).toBeHidden();
  const table = page.getByTestId('api-tokens-table');
  await expect(table).toContainText('Yardi nightly export');
  await expect(page.getByText(secret)).toHaveCount(0);
  await snap(page, '16-landlord-api-tokens');

  // Shown once only: reloading the page never brings it back.
  await page.reload();
  await expect(page.getByTestId('api-tokens-table')).toContainText('Yardi nightly export');
  await expect(page.getByText(secret)).toHaveCount(0);

  await page.getByRole('button', { name: 'Revoke Yardi nightly export' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke API token?' });
  await expect(confirm).toContainText('will stop working immediately');
  await snap(page, '17-landlord-api-token-revoke', { phone: false });
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('No API tokens')).toBeVisible();
  const afterRevoke = await request.get('/api/tasks', { headers: { authorization: `Bearer ${secret}` } });
  expect(afterRevoke.status()).toBe(401);
});
