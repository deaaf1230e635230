import { expect } from '@playwright/test';
import { DEMO, signIn, snap, test } from './helpers.ts';

// Maple is a file company: its settled payments go to the daily receipts file. In the demo nothing has settled
// yet (Kenji Davis's payment is in the day's file), so the Posting tab shows its empty state and the receipts list.
test('a file company sees what is posted to its receipts file, on the Accounting page', async ({ page }) => {
  await signIn(page, DEMO.mapleLandlord);
  await expect(page).toHaveURL(/\/app$/);
  await page.goto('/app/accounting?tab=postings');
  await expect(page.getByRole('heading', { name: 'Posted to the receipts file' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Postings by status' })).toContainText('Posted: 0');
  await expect(page.getByRole('heading', { name: 'Daily receipts files' })).toBeVisible();
  await expect(page.getByText('No receipts yet')).toBeVisible();
  await page.getByText('Failed (0)').click();
  await expect(page.getByRole('radio', { name: 'Failed (0)' })).toBeChecked();
  await expect(page.getByText('No postings with the status “Failed”.')).toBeVisible();
  await snap(page, 'accounting-postings');
});
