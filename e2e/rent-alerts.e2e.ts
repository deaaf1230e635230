import { expect, type Page } from '@playwright/test';
import { buildNachaFile, format, type NachaEntry } from '@rentledger/formats';
import { csrfOf, DEMO, emailsTo, snap, test, waitForEmails } from './helpers.ts';

// Kenji Davis (the demo payer) makes one more payment of his own here, which the bank returns: the demo's first
// payment stays Processing for returns.e2e.ts. His month ends up marked paid outside (rent-history.e2e.ts reads
// any status).

test.use({ actionTimeout: 15_000 });

const KENJI = 'kenji.davis@example.com';
const AMOUNT_CENTS = 42_500;

/** The bank's return file for one debit: an R01 (insufficient funds) of the entry with this trace number. */
function returnFile(originalTrace: string, amountCents: number): string {
  const own = '021000020000777';
  const entry: NachaEntry = {
    entry: { transactionCode: 26, rdfiIdentification: '01100001', checkDigit: '5', dfiAccountNumber: '000123456789', amount: amountCents, individualIdentificationNumber: 'RETURN', individualName: 'KENJI DAVIS', discretionaryData: '', addendaRecordIndicator: '1', traceNumber: own },
    addenda05: [],
    addenda99: { returnReasonCode: 'R01', originalTraceNumber: originalTrace, dateOfDeath: '', originalRdfiIdentification: '02100002', addendaInformation: '', traceNumber: own },
  };
  return format(
    buildNachaFile(
      { priorityCode: '01', immediateDestination: '011000015', immediateOrigin: '0210000021', fileCreationDate: '261210', fileCreationTime: '0900', fileIdModifier: 'S', recordSize: '094', blockingFactor: '10', formatCode: '1', immediateDestinationName: 'MAPLE PROPERTY MGMT', immediateOriginName: 'RETURNS BANK', referenceCode: '' },
      [
        {
          header: { serviceClassCode: 200, companyName: 'MAPLE PROPERTY', companyDiscretionaryData: '', companyIdentification: '1234567890', standardEntryClassCode: 'WEB', companyEntryDescription: 'RENT', companyDescriptiveDate: '', effectiveEntryDate: '261210', settlementDate: '', originatorStatusCode: '1', odfiIdentification: '02100002', batchNumber: 1 },
          entries: [entry],
        },
      ],
    ),
  );
}

/** Kenji pays $425.00 now over the API, as the pay form does. */
async function kenjiPays(kenji: Page): Promise<string> {
  const csrf = await csrfOf(kenji);
  const residencies = (await (await kenji.request.get('/api/me/residencies')).json()) as { items: { id: string; status: string }[] };
  const residency = residencies.items.find((item) => item.status === 'approved' || item.status === 'current');
  const accounts = (await (await kenji.request.get('/api/me/bank-accounts')).json()) as { items: { id: string; status: string }[] };
  const account = accounts.items.find((item) => item.status === 'verified');
  if (!residency || !account) throw new Error('Kenji has no approved residency or verified account');
  const paid = await kenji.request.post('/api/me/payments', {
    headers: { 'x-csrf-token': csrf, 'idempotency-key': `rent-alerts-e2e-${Date.now()}` },
    data: { residentId: residency.id, bankAccountId: account.id, amountCents: AMOUNT_CENTS, authorizationAccepted: true },
  });
  expect([200, 201], await paid.text()).toContain(paid.status());
  return ((await paid.json()) as { id: string }).id;
}

test('a landlord handles a returned payment: it is under payments needing attention, a reminder reaches the resident, and marking rent paid outside clears it', async ({ as }) => {
  test.setTimeout(150_000);
  const kenji = await as(KENJI);
  const paymentId = await kenjiPays(kenji);

  const landlord = await as(DEMO.mapleLandlord);
  const csrf = await csrfOf(landlord);
  // "Create file now": Kenji's payment goes to the bank and gets its trace number.
  expect((await landlord.request.post('/api/ach-files', { headers: { 'x-csrf-token': csrf } })).ok()).toBe(true);
  const processing = (await (await landlord.request.get('/api/payments?status=processing&pageSize=200')).json()) as { items: { id: string; traceNumber: string | null }[] };
  const trace = processing.items.find((payment) => payment.id === paymentId)?.traceNumber;
  if (!trace) throw new Error('Kenji’s payment is not in a file');

  // The bank sends it back: the landlord reads the return file on Payments.
  await landlord.goto('/app/payments');
  const returns = landlord.locator('section[aria-labelledby="bank-returns"]');
  await returns.locator('input[type="file"]').setInputFiles({ name: 'maple-returns-alerts.ach', mimeType: 'text/plain', buffer: Buffer.from(returnFile(trace, AMOUNT_CENTS), 'latin1') });
  await returns.getByRole('button', { name: 'Read return file' }).click();
  await expect(returns.getByTestId('return-file-summary')).toHaveText(/1 return/);

  // Incomplete Tasks counts it, and the row leads to the list.
  await landlord.goto('/app');
  const task = landlord.getByTestId('task-paymentsNeedingAttention');
  await expect(task).toContainText(/payments? needing attention/);
  await expect(task).not.toContainText(/^0/);
  await snap(landlord, 'rent-alerts-01-dashboard');
  await task.click();
  await expect(landlord).toHaveURL(/\/app\/payment-alerts$/);
  await expect(landlord.getByRole('heading', { name: 'Payments needing attention', level: 1 })).toBeVisible();
  // This test's return, by its amount: returns.e2e.ts returns the demo's own payment (the rent) with an R01 too,
  // before or after this file.
  const row = landlord.getByTestId('payment-alert-row').filter({ hasText: 'Kenji Davis' }).filter({ hasText: 'Returned: R01 insufficient funds' }).filter({ hasText: '$425.00 returned' });
  await expect(row).toHaveCount(1);
  await snap(landlord, 'rent-alerts-02-list');

  // Send reminder: asked first, then the email reaches Kenji (the mail catcher).
  const before = (await emailsTo(landlord.request, KENJI)).filter((email) => /^Reminder: rent for/.test(email.subject)).length;
  await row.getByRole('button', { name: /^Send reminder to Kenji Davis for / }).click();
  const ask = landlord.getByRole('dialog', { name: 'Send Kenji Davis a reminder?' });
  await expect(ask).toContainText('still owed');
  await snap(landlord, 'rent-alerts-03-send-reminder', { phone: false, axeScope: '[role="dialog"]' });
  await ask.getByRole('button', { name: 'Send reminder' }).click();
  await expect(landlord.getByText(`Kenji Davis was emailed at ${KENJI}.`)).toBeVisible();
  const [reminder] = await waitForEmails(landlord.request, KENJI, { subject: /^Reminder: rent for/, count: before + 1 });
  expect(reminder?.text).toContain('Maple Property Management reminds you that');
  expect(reminder?.text).not.toMatch(/\d{9}/);
  await expect(row).toContainText('Reminder sent');

  // A second reminder the same day is refused, saying when the first went.
  await row.getByRole('button', { name: /^Send reminder to Kenji Davis for / }).click();
  await ask.getByRole('button', { name: 'Send reminder' }).click();
  await expect(ask.getByRole('alert')).toContainText(/A reminder was sent to Kenji Davis today at \d\d:\d\d/);
  await ask.getByRole('button', { name: 'Cancel' }).click();

  // Mark paid outside, from the keyboard: the amount starts at what was returned; the item clears.
  await row.getByRole('button', { name: /^Mark paid outside for Kenji Davis, / }).click();
  const mark = landlord.getByRole('dialog', { name: /^Mark .* paid outside RentLedger$/ });
  const amount = mark.getByRole('textbox', { name: /Amount paid/ });
  await expect(amount).toBeFocused();
  // At least what was returned (money of that much after the return is what clears it, whatever day of the month
  // it is, and whichever month the debit was scheduled in), or what the month still owes once the job looked.
  await expect(amount).toHaveValue(/^\$[\d,]+\.\d\d$/);
  expect(Number((await amount.inputValue()).replace(/[$,]/g, '')) * 100).toBeGreaterThanOrEqual(AMOUNT_CENTS);
  const rent = await landlord.request.get(`/api/residents/${await residentIdOf(landlord)}/rent-periods`);
  const month = ((await rent.json()) as { items: { month: string; dueCents: number }[] }).items.at(-1);
  await amount.fill((Math.max(month?.dueCents ?? 0, AMOUNT_CENTS) / 100).toFixed(2));
  await mark.getByRole('textbox', { name: /Note/ }).fill('Paid by check 1042');
  await snap(landlord, 'rent-alerts-04-mark-paid-outside', { phone: false, axeScope: '[role="dialog"]' });
  await landlord.keyboard.press('Tab');
  await mark.getByRole('button', { name: 'Mark paid outside' }).press('Enter');
  await expect(mark).toBeHidden();
  await expect(landlord.getByTestId('payment-alert-row').filter({ hasText: 'Kenji Davis' }).filter({ hasText: 'Returned: R01' }).filter({ hasText: '$425.00 returned' })).toHaveCount(0);
  await snap(landlord, 'rent-alerts-05-cleared');

  // It is listed as resolved, with why.
  await landlord.getByText('Resolved', { exact: true }).click();
  await expect(landlord.getByTestId('payment-alert-row').filter({ hasText: 'Kenji Davis' }).filter({ hasText: 'Returned: R01' }).filter({ hasText: '$425.00 returned' }).filter({ hasText: 'Marked paid outside' })).toHaveCount(1);
  await snap(landlord, 'rent-alerts-06-resolved');

  // The alert emails choice on Your account.
  await landlord.goto('/app/account');
  const choice = landlord.getByRole('radiogroup', { name: 'Payment alerts' });
  await expect(choice.getByRole('radio', { name: 'Email me at once' })).toBeChecked();
  await choice.getByRole('radio', { name: 'One email a day' }).check();
  await expect(landlord.getByText('Payment alerts come in one email a day.')).toBeVisible();
  await choice.getByRole('radio', { name: 'Email me at once' }).check();
  await expect(landlord.getByText('Payment alerts are emailed at once.')).toBeVisible();
  await landlord.getByRole('region', { name: 'Alert emails' }).scrollIntoViewIfNeeded();
  await snap(landlord, 'rent-alerts-07-account');
});

/** Kenji's resident id, from the landlord's alert list. */
async function residentIdOf(landlord: Page): Promise<string> {
  const alerts = (await (await landlord.request.get('/api/payment-alerts')).json()) as { items: { residentId: string; residentName: string }[] };
  const found = alerts.items.find((item) => item.residentName === 'Kenji Davis');
  if (!found) throw new Error('No alert for Kenji Davis');
  return found.residentId;
}
