import { writeFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { addResidency, choose, csrfOf, DEMO, demoLeaseDate, demoLeaseText, snap, test, uniqueEmail, waitForEmails } from './helpers.ts';

/** Fills the invite dialog for a month-to-month lease at Birch Street Flats from 2026-06-01, $1,400 a month. */
async function fillInvitation(dialog: Locator, page: Page, person: { firstName: string; lastName: string; email: string; unit: string }) {
  await dialog.getByLabel('First name').fill(person.firstName);
  await dialog.getByLabel('Last name').fill(person.lastName);
  await dialog.getByLabel('Email').fill(person.email);
  await choose(dialog, page, 'Property', 'Birch Street Flats');
  await choose(dialog, page, 'Unit', person.unit);
  await dialog.getByLabel('Monthly rent').fill('1400');
  await dialog.getByLabel('Lease start').fill('2026-06-01');
  await dialog.getByLabel('Month-to-month (no end date)').check();
}

test('a sign-up with no match: the landlord is notified, follows “pending your review” and approves manually', async ({ as, newResident, request }) => {
  const email = uniqueEmail('quinn.harper');
  const quinn = await newResident({ firstName: 'Quinn', lastName: 'Harper', email, phone: '512 555 0142' });
  const residency = await addResidency(quinn, { property: 'Birch Street Flats', unit: '3' }, { rentCents: 145000, leaseStart: '2026-01-01', leaseEnd: '2026-12-31' });
  expect(residency.status).toBe('pending');

  // The landlord is told at once: by email, and in the app (the bell and Incomplete Tasks).
  await waitForEmails(request, DEMO.birchLandlord, { subject: /Quinn Harper is pending your approval/ });
  const page = await as(DEMO.birchLandlord);
  await page.goto('/app');
  const bell = page.getByTestId('notifications-bell');
  await expect(bell).toHaveAccessibleName(/Notifications, \d+ unread/);
  await bell.click();
  const item = page.getByTestId('notification-item').filter({ hasText: 'Quinn Harper is pending your approval' });
  await expect(item).toContainText('Birch Street Flats, unit 3');
  await snap(page, '70-landlord-notifications', { phone: false, axeScope: '[role="dialog"][aria-label="Notifications"]' });
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell).toHaveAccessibleName('Notifications');
  await page.keyboard.press('Escape');

  const task = page.getByTestId('task-pendingReview');
  await expect(task).toContainText(/\d+\s*residents? pending your review/);
  await snap(page, '71-landlord-dashboard-pending');
  await task.click();
  await expect(page).toHaveURL(/\/app\/residents\?status=pending$/);
  await page.getByLabel('Search').fill(email);
  const row = page.getByTestId('residents-table').getByTestId('resident-row').filter({ hasText: 'Quinn Harper' });
  await expect(row).toContainText('Pending review');
  await expect(row.getByRole('button', { name: 'Delete Quinn Harper' })).toBeVisible();
  await snap(page, '72-landlord-residents-pending');

  // The "Approve" check mark next to the resident opens the review.
  await row.getByRole('link', { name: 'Approve Quinn Harper' }).click();
  await expect(page).toHaveURL(new RegExp(`/app/residents/${residency.id}/review$`));
  await expect(page.getByRole('heading', { name: 'Review Quinn Harper', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByLabel('Email')).toHaveAttribute('readonly', '');
  await expect(page.getByLabel('Name')).toHaveValue('Quinn Harper');
  await expect(page.getByLabel('Phone')).toHaveValue('512 555 0142');
  await expect(page.getByTestId('review-unit')).toContainText('310 Birch Street, Austin, TX 78704');
  await expect(page.getByTestId('review-picked-unit')).toHaveText('They picked unit 3');
  await expect(page.getByText('$1,450.00')).toBeVisible();
  await expect(page.getByText('Jan 1, 2026 – Dec 31, 2026')).toBeVisible();
  await expect(page.getByText('No matching resident found')).toBeVisible();
  // Birch has no accounting integration: there is nothing to synchronize with.
  await expect(page.getByRole('radio', { name: 'Synchronize with accounting system' })).toHaveCount(0);
  await snap(page, '73-landlord-review');

  // One way to approve: the form is there at once, no choose-and-continue step.
  await expect(page.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  const form = page.getByRole('form', { name: 'Approve manually' });
  await expect(form.getByRole('combobox', { name: 'Unit' })).toHaveValue('3');
  await expect(form.getByLabel('Monthly rent')).toHaveValue('$1,450.00');
  await expect(form.getByLabel('Due day')).toHaveValue('1');
  await expect(form.getByLabel('Lease start')).toHaveValue('2026-01-01');
  await expect(form.getByLabel('Lease end')).toHaveValue('2026-12-31');
  await form.getByLabel('Monthly rent').fill('1475');
  // What Quinn stated beside what is entered: a warning from the server, not a block.
  const warnings = page.getByTestId('approval-warnings');
  await expect(warnings.getByRole('row', { name: /Monthly rent/ })).toContainText('$1,450.00$1,475.00');
  // 31 is refused with its message, never saved as 28.
  await form.getByLabel('Due day').fill('31');
  await form.getByRole('button', { name: 'Approve resident' }).click();
  await expect(form.getByText('Use a day from 1 to 28')).toBeVisible();
  await expect(form.getByLabel('Due day')).toHaveValue('31');
  await form.getByLabel('Due day').fill('5');
  await snap(page, '74-landlord-review-manual');
  await form.getByRole('button', { name: 'Approve resident' }).click();

  const approved = page.getByTestId('review-approved');
  await expect(approved.getByRole('heading', { name: 'Quinn Harper is approved and has been emailed' })).toBeVisible();
  await expect(approved).toContainText('$1,475.00, due the 5th');
  await expect(approved).toContainText('Birch Street Flats, unit 3');
  await snap(page, '75-landlord-review-approved');
  await waitForEmails(request, email, { subject: /You are approved/ });

  // The resident sees it.
  await quinn.page.goto('/me');
  await expect(quinn.page.getByTestId('residency-status')).toHaveText('Approved — you can set up your first payment');
  await expect(quinn.page.getByTestId('residency-card')).toContainText('$1,475.00');
});

test('merge and approve: the sign-up is the person in the accounting system', async ({ as, newResident }) => {
  // Marcus Nguyen rents unit 303 at Maple Court (t0001019); he signs up with another email and phone.
  const marcus = await newResident({ firstName: 'Marcus', lastName: 'Nguyen', email: uniqueEmail('marcus'), phone: '380 555 0199' });
  const { id } = await addResidency(marcus, { property: 'Maple Court Apartments', unit: '303' }, { rentCents: 130000, leaseStart: demoLeaseDate('2025-08-01'), leaseEnd: demoLeaseDate('2026-07-31') });

  const page = await as(DEMO.mapleLandlord);
  await page.goto(`/app/residents/${id}/review`);
  const cards = page.getByTestId('candidate-card');
  const record = cards.filter({ hasText: 'In your accounting system' }).first();
  await expect(record).toContainText('Marcus Nguyen');
  await expect(record).toContainText('t0001019');
  await expect(record.getByTestId('candidate-reasons')).toContainText('name matches');
  await expect(record.getByTestId('candidate-reasons')).toContainText('same unit');
  await expect(record.getByTestId('candidate-score')).toContainText('40');
  await expect(record).toContainText('marcus.nguyen@example.com');
  await expect(record).toContainText(demoLeaseText('2025-08-01', '2026-07-31'));
  // Maple imports a rent roll: it can synchronize (by uploading a file).
  await expect(page.getByRole('radio', { name: 'Synchronize with accounting system' })).toBeVisible();
  await snap(page, '76-landlord-review-candidates');

  await expect(record.getByRole('button', { name: 'Merge and approve' })).toBeDisabled();
  await record.getByLabel('It is the same person').check();
  await record.getByRole('button', { name: 'Merge and approve' }).click();
  const approved = page.getByTestId('review-approved');
  await expect(approved.getByRole('heading', { name: 'Marcus Nguyen is approved and has been emailed' })).toBeVisible();
  await expect(approved).toContainText('t0001019');
  await expect(approved).toContainText('$1,300.00');

  // The invited Marcus from the rent roll was folded into this one: one Marcus holds t0001019.
  await page.goto('/app/residents?q=t0001019');
  const rows = page.getByTestId('residents-table').getByTestId('resident-row');
  await expect(rows).toHaveCount(1);
  // Approved, on the rent roll's current lease (the demo moves its dates to today).
  await expect(rows.first()).toContainText('Approved');

  // Edit: a balance to display and "Full balance only".
  await rows.first().getByRole('link', { name: 'Marcus Nguyen' }).click();
  await expect(page).toHaveURL(new RegExp(`/app/residents/${id}$`));
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(page.getByText('click End lease instead')).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Marcus Nguyen' });
  await expect(dialog.getByLabel('Accounting resident ID')).toHaveValue('t0001019');
  await dialog.getByLabel('Balance to display').fill('125.50');
  await dialog.getByRole('radio', { name: 'Full balance only' }).check();
  await snap(page, '77-landlord-edit-resident');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('resident-balance')).toHaveText('$125.50 owed');
  await expect(page.getByTestId('resident-payment-policy')).toHaveText('Full balance only');
  await snap(page, '78-landlord-resident');

  await marcus.page.goto('/me');
  await expect(marcus.page.getByTestId('residency-card')).toContainText('$125.50 owed');
});

test('synchronize with a file-based accounting system: upload the rent roll and the resident is matched again', async ({ as, newResident }, testInfo) => {
  const email = uniqueEmail('nadia.okoro');
  const nadia = await newResident({ firstName: 'Nadia', lastName: 'Okoro', email, phone: '380 555 0123' });
  const { id, status } = await addResidency(nadia, { property: 'Maple Court Apartments', unit: '107' }, { rentCents: 125000, leaseStart: '2026-05-01', leaseEnd: '2027-04-30' });
  expect(status).toBe('pending');

  const page = await as(DEMO.mapleLandlord);
  await page.goto(`/app/residents/${id}/review`);
  await page.getByRole('radio', { name: 'Synchronize with accounting system' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const explanation = page.getByTestId('sync-file-based');
  await expect(explanation).toContainText('Your accounting data comes from a rent-roll file');
  await expect(explanation).toContainText('Upload the latest rent roll from your accounting system');
  await snap(page, '79-landlord-review-sync-file');
  await explanation.getByRole('link', { name: 'Upload the latest rent roll' }).click();
  await expect(page).toHaveURL(/\/app\/accounting$/);

  // The landlord adds Nadia to the books and exports the rent roll again.
  const rentRoll = testInfo.outputPath('rent-roll-with-nadia.csv');
  await writeFile(
    rentRoll,
    [
      'property_code,property_name,address,city,state,postal_code,unit,resident_id,first_name,last_name,email,phone,lease_start,lease_end,rent,balance,status,do_not_accept_payments',
      `mc01,Maple Court Apartments,12 Maple Avenue,Columbus,OH,43215,107,t0007001,Nadia,Okoro,${email},380-555-0123,2026-05-01,2027-04-30,1250.00,0.00,current,no`,
    ].join('\n'),
  );
  await page.getByLabel('Rent roll file').setInputFiles(rentRoll);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('sync-run-status').first()).toHaveText('Done', { timeout: 30_000 });

  // After any successful sync, pending residents are matched again: Nadia is approved on her own.
  await page.getByRole('link', { name: 'Back to reviewing Nadia Okoro' }).click();
  await expect(page).toHaveURL(new RegExp(`/app/residents/${id}/review$`));
  const approved = page.getByTestId('review-approved');
  // (The server matches again just after it marks the run done: allow it that moment.)
  await expect(async () => {
    if (!(await approved.isVisible())) await page.reload();
    await expect(approved.getByRole('heading', { name: 'Nadia Okoro is approved' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await expect(approved).toContainText('Approved automatically');
  await expect(approved).toContainText('t0007001');
  await snap(page, '80-landlord-review-sync-approved');
  await nadia.page.goto('/me');
  await expect(nadia.page.getByTestId('residency-status')).toHaveText('Approved — you can set up your first payment');
});

test('an accounting resident ID that belongs to someone else: “Yes, same person” merges, “No” asks support', async ({ as, newResident }) => {
  const page = await as(DEMO.mapleLandlord);
  const csrf = await csrfOf(page);
  const approveManually = async (residentId: string, unit: string) => {
    const properties = (await (await page.request.get('/api/properties')).json()) as { items: { name: string; units: { id: string; label: string }[] }[] };
    const unitId = properties.items.find((p) => p.name === 'Maple Court Apartments')?.units.find((u) => u.label === unit)?.id;
    const response = await page.request.post(`/api/residents/${residentId}/approve`, {
      headers: { 'x-csrf-token': csrf },
      data: { method: 'manual', unitId, rentCents: 127500, dueDay: 1, leaseStart: demoLeaseDate('2025-07-01'), leaseEnd: demoLeaseDate('2026-06-30') },
    });
    expect(response.status()).toBe(200);
  };

  // Jonah Park's partner joins instead of him (unit 201, t0001009), and is approved manually.
  const lena = await newResident({ firstName: 'Lena', lastName: 'Park', email: uniqueEmail('lena.park'), phone: '380 555 0177' });
  const { id } = await addResidency(lena, { property: 'Maple Court Apartments', unit: '201' }, { rentCents: 127500, leaseStart: demoLeaseDate('2025-07-01'), leaseEnd: demoLeaseDate('2026-06-30') });
  await approveManually(id, '201');

  await page.goto(`/app/residents/${id}`);
  await expect(page.getByText('No accounting resident ID yet')).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  let dialog = page.getByRole('dialog', { name: 'Edit Lena Park' });
  await dialog.getByLabel('Accounting resident ID').fill('t0001009');
  await dialog.getByRole('button', { name: 'Save' }).click();
  dialog = page.getByRole('dialog', { name: 'Is this the same person?' });
  await expect(dialog.getByTestId('accounting-id-conflict')).toContainText(
    'Accounting resident ID t0001009 is assigned to Jonah Park (Maple Court Apartments, unit 201). Is Jonah Park the same person as Lena Park?',
  );
  await snap(page, '81-landlord-accounting-id-conflict');
  await dialog.getByRole('button', { name: 'Yes, same person: merge' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('resident-accounting-id')).toHaveText('t0001009');
  await expect(page.getByTestId('resident-lease')).toHaveText(demoLeaseText('2025-07-01', '2026-06-30'));
  await page.goto('/app/residents?q=t0001009');
  await expect(page.getByTestId('residents-table').getByTestId('resident-row')).toHaveCount(1);
  await expect(page.getByTestId('residents-table').getByTestId('resident-row').first()).toContainText('Lena Park');

  // Hannah Patel's ID (unit 203, t0001011) typed for someone else: not the same person.
  const omar = await newResident({ firstName: 'Omar', lastName: 'Said', email: uniqueEmail('omar.said'), phone: '380 555 0178' });
  const other = await addResidency(omar, { property: 'Maple Court Apartments', unit: '203' }, { rentCents: 117500, leaseStart: demoLeaseDate('2025-07-01'), leaseEnd: demoLeaseDate('2026-06-30') });
  await approveManually(other.id, '203');
  await page.goto(`/app/residents/${other.id}`);
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('dialog', { name: 'Edit Omar Said' }).getByLabel('Accounting resident ID').fill('t0001011');
  await page.getByRole('dialog', { name: 'Edit Omar Said' }).getByRole('button', { name: 'Save' }).click();
  dialog = page.getByRole('dialog', { name: 'Is this the same person?' });
  await expect(dialog).toContainText('assigned to Hannah Patel (Maple Court Apartments, unit 203)');
  // "No" first asks for a note for support, then sends.
  await dialog.getByRole('button', { name: 'No, contact support' }).click();
  const note = dialog.getByLabel('Note for support (optional)');
  await expect(note).toBeFocused();
  await note.fill('Omar moved into 203 in July; Hannah moved out in June.');
  await snap(page, '81b-landlord-accounting-id-conflict-note');
  await dialog.getByRole('button', { name: 'Send to support' }).click();
  await expect(dialog.getByTestId('support-request-confirmation')).toContainText('Support request sent');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('resident-accounting-id')).toHaveText('—');

  // Support sees both residents in the request.
  const support = await as(DEMO.support);
  await support.goto('/support/requests');
  const card = support.getByTestId('support-request').filter({ hasText: 'Accounting resident ID t0001011' });
  await expect(card).toContainText('Resident ID conflict');
  await expect(card.getByTestId('context-resident')).toContainText('Omar Said');
  await expect(card.getByTestId('context-other-resident')).toContainText('Hannah Patel');
  await expect(card.getByTestId('context-other-resident')).toContainText('t0001011');
  await expect(card).toContainText('Note from the landlord: Omar moved into 203 in July; Hannah moved out in June.');
});

test('delete a pending and an invited resident with the red x; invite a resident directly', async ({ as, newResident, request }) => {
  const della = await newResident({ firstName: 'Della', lastName: 'Vance', email: uniqueEmail('della.vance') });
  await addResidency(della, { property: 'Birch Street Flats', unit: '4' }, { rentCents: 140000, leaseStart: '2026-03-01', leaseEnd: null });

  const page = await as(DEMO.birchLandlord);
  await page.goto('/app/residents');
  await page.getByRole('button', { name: 'Invite resident' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite resident' });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByText('Choose the unit')).toBeVisible();
  const ivan = uniqueEmail('ivan.ortiz');
  await fillInvitation(dialog, page, { firstName: 'Ivan', lastName: 'Ortiz', email: ivan, unit: '2' });
  await dialog.getByLabel('Due day').fill('3');
  await snap(page, '82-landlord-invite-resident');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog.getByTestId('invitation-sent')).toContainText(`Ivan Ortiz will receive an email at ${ivan}`);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await waitForEmails(request, ivan, { subject: /Birch Rentals invites you/ });

  // A relative next door with the same inbox: the landlord is told whose email it is, and decides.
  await page.getByRole('button', { name: 'Invite resident' }).click();
  await fillInvitation(dialog, page, { firstName: 'Ines', lastName: 'Ortiz', email: ivan, unit: '3' });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  const warning = dialog.getByTestId('shared-email-warning');
  await expect(warning).toContainText(`${ivan} is already the email of Ivan Ortiz`);
  await snap(page, '82b-landlord-invite-shared-email', { phone: false });
  await warning.getByRole('button', { name: 'Invite anyway' }).click();
  await expect(dialog.getByTestId('invitation-sent')).toContainText(`Ines Ortiz will receive an email at ${ivan}`);
  await dialog.getByRole('button', { name: 'Done' }).click();

  const rows = page.getByTestId('residents-table').getByTestId('resident-row');
  await page.getByLabel('Search').fill(ivan);
  await expect(rows).toHaveCount(2);
  await rows.filter({ hasText: 'Ines Ortiz' }).getByRole('button', { name: 'Delete Ines Ortiz' }).click();
  await page.getByRole('dialog', { name: 'Delete Ines Ortiz?' }).getByRole('button', { name: 'Delete resident' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Invited');
  await expect(rows.first()).toContainText('$1,400.00');
  await rows.first().getByRole('button', { name: 'Delete Ivan Ortiz' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Ivan Ortiz?' });
  await expect(confirm).toContainText('the link in their invitation email stops working');
  await snap(page, '83-landlord-delete-resident', { phone: false });
  await confirm.getByRole('button', { name: 'Delete resident' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('No residents match')).toBeVisible();

  await page.getByRole('tab', { name: /^Pending review/ }).click();
  await page.getByLabel('Search').fill('Della Vance');
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole('button', { name: 'Delete Della Vance' }).click();
  await page.getByRole('dialog', { name: 'Delete Della Vance?' }).getByRole('button', { name: 'Delete resident' }).click();
  await expect(page.getByText('No residents match')).toBeVisible();
});

test('decline with a reason: the resident sees it', async ({ as, newResident }) => {
  const dex = await newResident({ firstName: 'Dex', lastName: 'Reed', email: uniqueEmail('dex.reed') });
  const { id } = await addResidency(dex, { property: 'Birch Street Flats', unit: '5' }, { rentCents: 99000, leaseStart: '2026-01-01', leaseEnd: '2026-12-31' });

  const page = await as(DEMO.birchLandlord);
  await page.goto(`/app/residents/${id}/review`);
  await page.getByRole('button', { name: 'Decline' }).click();
  const dialog = page.getByRole('dialog', { name: 'Decline Dex Reed?' });
  await dialog.getByRole('button', { name: 'Decline resident' }).click();
  await expect(dialog.getByText('Tell the resident why')).toBeVisible();
  await dialog.getByLabel('Reason').fill('We have no lease under this name at unit 5.');
  await dialog.getByRole('button', { name: 'Decline resident' }).click();
  await expect(page.getByTestId('review-declined')).toContainText('Dex Reed was declined');

  await dex.page.goto('/me');
  await expect(dex.page.getByTestId('residency-status')).toHaveText('Not approved');
  await expect(dex.page.getByTestId('declined-reason')).toContainText('We have no lease under this name at unit 5.');
  await snap(dex.page, '84-resident-declined');
});

test('a landlord who acts second is told who acted first', async ({ as, newResident }) => {
  const pat = await newResident({ firstName: 'Pat', lastName: 'Quill', email: uniqueEmail('pat.quill') });
  const { id } = await addResidency(pat, { property: 'Birch Street Flats', unit: '6' }, { rentCents: 98000, leaseStart: '2026-01-01', leaseEnd: null });
  const page = await as(DEMO.birchLandlord);
  await page.goto(`/app/residents/${id}/review`);
  // The form is there at once (Birch has one way to approve); the colleague declines after it loaded.
  await expect(page.getByRole('form', { name: 'Approve manually' })).toBeVisible();

  // Meanwhile a colleague declines from another tab.
  const other = await as(DEMO.birchLandlord);
  const declined = await other.request.post(`/api/residents/${id}/decline`, { headers: { 'x-csrf-token': await csrfOf(other) }, data: { reason: 'Not our tenant.' } });
  expect(declined.status()).toBe(200);

  await page.getByRole('button', { name: 'Approve resident' }).click();
  const conflict = page.getByTestId('review-conflict');
  await expect(conflict).toContainText('Someone else acted first');
  await expect(conflict).toContainText(/Already declined by Riley Chen at [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await expect(page.getByTestId('review-declined')).toContainText('Pat Quill was declined');
  await snap(page, '85-landlord-review-conflict', { phone: false });
});
