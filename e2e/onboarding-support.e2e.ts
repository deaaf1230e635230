import { expect } from '@playwright/test';
import { addResidency, choose, DEMO, snap, test, uniqueEmail, waitForEmails } from './helpers.ts';

test('a missing unit: the landlord contacts support, support adds the unit and answers, the landlord approves', async ({ as, newResident, request }) => {
  const email = uniqueEmail('ruth.ames');
  const ruth = await newResident({ firstName: 'Ruth', lastName: 'Ames', email, phone: '512 555 0190' });
  const { id } = await addResidency(ruth, { property: 'Birch Street Flats', unitText: '9' }, { rentCents: 132500, leaseStart: '2026-04-01', leaseEnd: '2027-03-31' });

  // The landlord cannot approve without a unit: the page says so and offers support, prefilled.
  const landlord = await as(DEMO.birchLandlord);
  await landlord.goto(`/app/residents/${id}/review`);
  await expect(landlord.getByTestId('review-picked-unit')).toHaveText('Their unit is not listed: they typed “9”');
  const missing = landlord.getByTestId('missing-unit');
  await expect(missing).toContainText('This unit is missing, so you cannot approve yet');
  await expect(landlord.getByRole('radio', { name: 'Approve manually' })).toBeDisabled();
  await snap(landlord, '86-landlord-review-missing-unit');
  await missing.getByRole('button', { name: 'Contact support' }).click();
  const dialog = landlord.getByRole('dialog', { name: 'Contact support' });
  await expect(dialog.getByRole('combobox', { name: 'What is this about?' })).toHaveValue('Missing unit');
  await expect(dialog.getByLabel('Message')).toHaveValue(/Please add unit “9” to Birch Street Flats \(310 Birch Street, Austin, TX 78704\)\. Ruth Ames/);
  await snap(landlord, '87-landlord-contact-support', { phone: false });
  await dialog.getByRole('button', { name: 'Send to support' }).click();
  const sent = landlord.getByRole('dialog', { name: 'Support request sent' });
  await expect(sent.getByTestId('support-request-sent')).toContainText('We have your request');
  await sent.getByRole('button', { name: 'Done' }).click();
  await expect(landlord.getByTestId('support-request-confirmation')).toContainText('Support request sent');

  // Support reads it with the context filled in, adds the unit, and answers.
  const support = await as(DEMO.support);
  await support.goto('/support');
  await support.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Support requests' }).click();
  await expect(support).toHaveURL(/\/support\/requests$/);
  const card = support.getByTestId('support-request').filter({ hasText: 'Ruth Ames' });
  await expect(card).toContainText('Missing unit');
  await expect(card).toContainText('Birch Rentals');
  await expect(card.getByTestId('context-resident')).toContainText('Unit they typed');
  await expect(card.getByTestId('context-resident')).toContainText('“9”');
  await expect(card.getByTestId('context-resident')).toContainText('Birch Street Flats, 310 Birch Street, Austin, TX 78704');
  await expect(card.getByTestId('context-resident')).toContainText('$1,325.00');
  await snap(support, '88-support-requests');

  await card.getByRole('link', { name: 'Open Birch Rentals' }).click();
  await expect(support.getByRole('heading', { name: 'Birch Rentals', level: 1 })).toBeVisible();
  await support.getByTestId('properties-table').getByRole('link', { name: 'Birch Street Flats' }).click();
  await support.getByLabel('Unit label').fill('9');
  await support.getByRole('button', { name: 'Add unit' }).click();
  await expect(support.getByTestId('units-table').locator('tbody tr', { hasText: '9' }).first()).toBeVisible();

  await support.goto('/support/requests');
  await card.getByLabel('Answer').fill('Unit 9 is now on Birch Street Flats. You can approve Ruth.');
  await card.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(support.getByText('Answer sent')).toBeVisible();
  await support.getByLabel('Show requests').getByText('Answered', { exact: true }).click();
  await expect(support.getByTestId('support-request').filter({ hasText: 'Ruth Ames' }).getByTestId('support-request-status')).toHaveText('Answered');

  // The landlord reads the answer (email, bell, Support page), then approves with the new unit.
  await waitForEmails(request, DEMO.birchLandlord, { subject: /Your support request was answered/ });
  await landlord.goto('/app/support');
  const mine = landlord.getByTestId('support-request').filter({ hasText: 'Ruth Ames' });
  await expect(mine.getByTestId('support-request-status')).toHaveText('Answered');
  await expect(mine.getByTestId('support-request-answer')).toContainText('Unit 9 is now on Birch Street Flats');
  await snap(landlord, '89-landlord-support');
  await landlord.getByTestId('notifications-bell').click();
  await expect(landlord.getByTestId('notification-item').filter({ hasText: 'Support answered your request' }).first()).toBeVisible();
  await landlord.keyboard.press('Escape');

  await landlord.goto(`/app/residents/${id}/review`);
  await choose(landlord.getByTestId('review-unit'), landlord, 'Unit', '9');
  // Birch has one way to approve (no accounting system): the form is there at once.
  const form = landlord.getByRole('form', { name: 'Approve manually' });
  await expect(form.getByRole('combobox', { name: 'Unit' })).toHaveValue('9');
  await form.getByRole('button', { name: 'Approve resident' }).click();
  await expect(landlord.getByTestId('review-approved')).toContainText('Ruth Ames is approved and has been emailed');
  await expect(landlord.getByTestId('review-approved')).toContainText('Birch Street Flats, unit 9');
  await waitForEmails(request, email, { subject: /You are approved/ });
});

test('a resident asks support a question and reads the answer', async ({ as, newResident }) => {
  const sam = await newResident({ firstName: 'Sam', lastName: 'Lind', email: uniqueEmail('sam.lind') });
  await sam.page.goto('/me/support');
  await expect(sam.page.getByRole('heading', { name: 'No support requests yet' })).toBeVisible();
  await sam.page.getByRole('button', { name: 'Contact support' }).click();
  const dialog = sam.page.getByRole('dialog', { name: 'Contact support' });
  await dialog.getByLabel('Message').fill('My building is not in the search: 77 Cedar Lane, Austin.');
  await dialog.getByRole('button', { name: 'Send to support' }).click();
  await sam.page.getByRole('dialog', { name: 'Support request sent' }).getByRole('button', { name: 'Done' }).click();
  await expect(sam.page.getByTestId('support-request')).toContainText('Waiting for an answer from RentLedger support.');

  const support = await as(DEMO.support);
  await support.goto('/support/requests');
  const card = support.getByTestId('support-request').filter({ hasText: '77 Cedar Lane' });
  await card.getByLabel('Answer').fill('Your landlord is not on RentLedger yet; we have contacted them.');
  await card.getByRole('button', { name: 'Resolve' }).click();
  await expect(support.getByText('Request resolved')).toBeVisible();

  await sam.page.reload();
  await expect(sam.page.getByTestId('support-request-status')).toHaveText('Resolved');
  await expect(sam.page.getByTestId('support-request-answer')).toContainText('we have contacted them');
  await snap(sam.page, '89b-resident-support');
});
