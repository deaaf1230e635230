import { expect, test } from '@playwright/test';
import { DEMO, signIn, snap } from './helpers.ts';

// The e2e server delivers over SMTP (to the mail catcher), so it has no dev mailbox: the link stays
// hidden and the page says why. The mailbox itself is exercised against a server without SMTP_URL.
test('support sees no dev mailbox when the server delivers email over SMTP', async ({ page }) => {
  await signIn(page, DEMO.support);
  await expect(page).toHaveURL(/\/support$/);
  await expect(page.getByRole('link', { name: 'Audit log' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('link', { name: 'Dev mailbox' })).toHaveCount(0);

  await page.goto('/support/dev-mailbox');
  await expect(page.getByRole('heading', { name: 'No dev mailbox on this server' })).toBeVisible();
  await snap(page, '29-support-dev-mailbox-unavailable', { phone: false });
});
