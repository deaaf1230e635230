import { expect } from '@playwright/test';
import { buildNachaFile, format, type NachaEntry } from '@rentledger/formats';
import { DEMO, snap, test } from './helpers.ts';

// Kenji Davis's demo rent payment is in Maple's first file (Processing). After this test it is Returned (R01) and a
// retry is scheduled: the tests that run after this file (residents, support) do not look at Kenji's payments.

test.use({ actionTimeout: 15_000 });

/** The bank's return file for one debit: an R01 (insufficient funds) of the entry with this trace number. */
function returnFile(originalTrace: string, amountCents: number): string {
  const own = '021000020000001';
  const entry: NachaEntry = {
    entry: {
      transactionCode: 26,
      rdfiIdentification: '01100001',
      checkDigit: '5',
      dfiAccountNumber: '000123456789',
      amount: amountCents,
      individualIdentificationNumber: 'RETURN',
      individualName: 'KENJI DAVIS',
      discretionaryData: '',
      addendaRecordIndicator: '1',
      traceNumber: own,
    },
    addenda05: [],
    addenda99: { returnReasonCode: 'R01', originalTraceNumber: originalTrace, dateOfDeath: '', originalRdfiIdentification: '02100002', addendaInformation: '', traceNumber: own },
  };
  return format(
    buildNachaFile(
      {
        priorityCode: '01',
        immediateDestination: '011000015',
        immediateOrigin: '0210000021',
        fileCreationDate: '261209',
        fileCreationTime: '0800',
        fileIdModifier: 'R',
        recordSize: '094',
        blockingFactor: '10',
        formatCode: '1',
        immediateDestinationName: 'MAPLE PROPERTY MGMT',
        immediateOriginName: 'RETURNS BANK',
        referenceCode: '',
      },
      [
        {
          header: {
            serviceClassCode: 200,
            companyName: 'MAPLE PROPERTY',
            companyDiscretionaryData: '',
            companyIdentification: '1234567890',
            standardEntryClassCode: 'WEB',
            companyEntryDescription: 'RENT',
            companyDescriptiveDate: '',
            effectiveEntryDate: '261209',
            settlementDate: '',
            originatorStatusCode: '1',
            odfiIdentification: '02100002',
            batchNumber: 1,
          },
          entries: [entry],
        },
      ],
    ),
  );
}

type PaymentRow = { id: string; residentName: string; amountCents: number; status: string; statusReason: string | null; traceNumber: string | null };

test('a landlord reads the bank’s return file: the payment is Returned with its reason, the same file again changes nothing, and support sees the files', async ({ as }) => {
  test.setTimeout(120_000);
  const landlord = await as(DEMO.mapleLandlord);
  await landlord.goto('/app/payments');
  await expect(landlord.getByRole('heading', { name: 'Bank returns', level: 2 })).toBeVisible();

  const listed = await landlord.request.get('/api/payments?status=processing&pageSize=200');
  expect(listed.ok()).toBe(true);
  const kenji = ((await listed.json()) as { items: PaymentRow[] }).items.find((payment) => payment.residentName === 'Kenji Davis' && payment.amountCents === 185000 && payment.traceNumber);
  if (!kenji?.traceNumber) throw new Error('The demo has no processing payment of Kenji Davis with a trace number');
  const content = returnFile(kenji.traceNumber, kenji.amountCents);
  expect(content.split(/\r?\n/).filter(Boolean).every((line) => line.length === 94)).toBe(true);

  const section = landlord.locator('section[aria-labelledby="bank-returns"]');
  const upload = async () => {
    await section.locator('input[type="file"]').setInputFiles({ name: 'maple-returns.ach', mimeType: 'text/plain', buffer: Buffer.from(content, 'latin1') });
    await section.getByRole('button', { name: 'Read return file' }).click();
  };

  // Nothing chosen: the field says so.
  await section.getByRole('button', { name: 'Read return file' }).click();
  await expect(section.getByText('Choose the return file your bank sent')).toBeVisible();

  await upload();
  await expect(section.getByTestId('return-file-summary')).toHaveText(/1 return \(1 presented again\)/);
  const row = landlord.getByTestId('company-payment-row').filter({ hasText: 'Kenji Davis' }).filter({ hasText: kenji.traceNumber });
  await expect(row.getByTestId('payment-status')).toHaveText('Returned');
  await expect(row).toContainText('Returned by the bank: R01');
  await expect(section.getByTestId('return-file-row').filter({ hasText: 'maple-returns.ach' })).toHaveCount(1);
  await expect(section.getByTestId('return-rates-table')).toBeVisible();

  await upload();
  await expect(section.getByTestId('return-file-summary')).toHaveText(/This file was read before: nothing changed/);
  await expect(section.getByTestId('return-file-row').filter({ hasText: 'maple-returns.ach' })).toHaveCount(1);
  await snap(landlord, '99-landlord-bank-returns');

  const support = await as(DEMO.support);
  await support.goto('/support');
  await support.getByRole('navigation').getByRole('link', { name: 'Bank returns' }).click();
  await expect(support).toHaveURL(/\/support\/bank-returns$/);
  await expect(support.getByRole('heading', { name: 'Bank returns', level: 1 })).toBeVisible();
  const file = support.getByTestId('return-file-row').filter({ hasText: 'maple-returns.ach' });
  await expect(file).toHaveCount(1);
  await expect(file).toContainText('Maple');
  await snap(support, '99-support-bank-returns');
});
