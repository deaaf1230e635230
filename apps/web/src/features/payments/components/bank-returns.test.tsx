import { type PaymentSettings, type PaymentSettingsInput, paymentSettingsSchema, type ReturnFiles, type ReturnFileSummary, returnFileSummarySchema, returnFilesSchema } from '@rentledger/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { apiError } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { BankReturns, describeReturnFileSummary } from './bank-returns.tsx';
import { PaymentSettingsForm } from './payment-settings-form.tsx';

const fileId = 'd3be5d4f-8e7b-4d6c-8b5f-4a3f2e1d0c9b';

function summary(overrides: Partial<ReturnFileSummary> = {}): ReturnFileSummary {
  return returnFileSummarySchema.parse({ fileId, alreadyRead: false, returns: 3, nocs: 1, unmatched: 1, duplicates: 0, retries: 1, ...overrides });
}

function returnFiles(overrides: Partial<ReturnFiles> = {}): ReturnFiles {
  return returnFilesSchema.parse({
    files: [{ id: fileId, companyName: 'Birch Rentals', name: 'returns-0507.ach', source: 'upload', returns: 3, nocs: 1, unmatched: 1, readAt: '2026-05-07T14:00:00.000Z' }],
    unmatched: [
      {
        id: 'e4cf6e50-9f8c-4e7d-9c60-5b4a3f2e1d0c',
        companyName: 'Birch Rentals',
        fileName: 'returns-0507.ach',
        kind: 'return',
        code: 'R03',
        originalTraceNumber: '091000010000099',
        amountCents: 120000,
        createdAt: '2026-05-07T14:00:00.000Z',
      },
    ],
    returnRates: {
      unauthorized: { rate: 0.0045, threshold: 0.005, level: 'warning' },
      administrative: { rate: 0.04, threshold: 0.03, level: 'over' },
      overall: { rate: 0.05, threshold: 0.15, level: 'ok' },
    },
    ...overrides,
  });
}

function chooseFile(name = 'returns-0507.ach') {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  fireEvent.change(input, { target: { files: [new File(['101 ...'], name, { type: 'application/octet-stream' })] } });
}

describe('describeReturnFileSummary', () => {
  test('says what the file changed in words', () => {
    expect(describeReturnFileSummary(summary())).toBe('3 returns (1 presented again), 1 change of account details, 1 entry matching nothing');
    expect(describeReturnFileSummary(summary({ returns: 1, retries: 0, nocs: 2, unmatched: 0, duplicates: 1 }))).toBe('1 return, 2 changes of account details, 1 entry read before');
    expect(describeReturnFileSummary(summary({ alreadyRead: true }))).toBe('This file was read before: nothing changed');
  });
});

describe('BankReturns', () => {
  test('reads a file and says what it changed, then says a file read before changed nothing', async () => {
    const uploaded: string[] = [];
    let answer = summary();
    server.use(
      http.get('/api/ach-returns', () => HttpResponse.json(returnFiles())),
      http.post('/api/ach-returns', async ({ request }) => {
        // jsdom cannot parse the multipart body back: the content type says it was sent as a form.
        uploaded.push(request.headers.get('content-type') ?? '');
        return HttpResponse.json(answer);
      }),
    );
    const { user } = renderWithProviders(<BankReturns />);
    await user.click(screen.getByRole('button', { name: 'Read return file' }));
    expect(await screen.findByText('Choose the return file your bank sent')).toBeInTheDocument();
    expect(uploaded).toHaveLength(0);

    chooseFile();
    await user.click(screen.getByRole('button', { name: 'Read return file' }));
    expect(await screen.findByTestId('return-file-summary')).toHaveTextContent('3 returns (1 presented again), 1 change of account details, 1 entry matching nothing');
    expect(uploaded).toHaveLength(1);
    expect(uploaded[0]).toMatch(/^multipart\/form-data/);

    answer = summary({ alreadyRead: true });
    await user.click(screen.getByRole('button', { name: 'Read return file' }));
    expect(await screen.findByText('This file was read before: nothing changed')).toBeInTheDocument();
    expect(uploaded).toHaveLength(2);
  });

  test('a file the server refuses names the line on the file field', async () => {
    server.use(
      http.get('/api/ach-returns', () => HttpResponse.json(returnFiles({ files: [], unmatched: [] }))),
      http.post('/api/ach-returns', () =>
        apiError(400, 'return_file_invalid', 'The return file cannot be read', [
          { path: 'line 4', message: 'A return entry needs its 799 addenda record' },
          { path: 'line 7', message: 'The batch control record is missing' },
        ]),
      ),
    );
    const { user } = renderWithProviders(<BankReturns />);
    expect(await screen.findByText('No return files yet')).toBeInTheDocument();
    chooseFile('broken.ach');
    await user.click(screen.getByRole('button', { name: 'Read return file' }));
    expect(await screen.findByText('Line 4: A return entry needs its 799 addenda record')).toBeInTheDocument();
    expect(screen.getByText('line 7: The batch control record is missing')).toBeInTheDocument();
    expect(screen.queryByTestId('return-file-summary')).not.toBeInTheDocument();
  });

  test('shows the return rates against their limits with a badge when near or over, the files read and the entries matching nothing', async () => {
    server.use(http.get('/api/ach-returns', () => HttpResponse.json(returnFiles())));
    renderWithProviders(<BankReturns />);
    const rates = await screen.findByTestId('return-rates-table');
    const rows = within(rates).getAllByTestId('return-rate-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Unauthorized');
    expect(rows[0]).toHaveTextContent('0.45%');
    expect(rows[0]).toHaveTextContent('0.5%');
    expect(within(rows[0]!).getByTestId('return-rate-level')).toHaveTextContent('Near the limit');
    expect(rows[1]).toHaveTextContent('4%');
    expect(rows[1]).toHaveTextContent('3%');
    expect(within(rows[1]!).getByTestId('return-rate-level')).toHaveTextContent("Over NACHA's limit");
    expect(rows[2]).toHaveTextContent('15%');
    expect(within(rows[2]!).queryByTestId('return-rate-level')).not.toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('Within the limit');

    const files = screen.getByTestId('return-files-table');
    expect(within(files).getByText('returns-0507.ach')).toBeInTheDocument();
    expect(within(files).getByText('Uploaded')).toBeInTheDocument();
    const unmatched = screen.getByTestId('unmatched-returns-table');
    expect(within(unmatched).getByText('091000010000099')).toBeInTheDocument();
    expect(within(unmatched).getByText('$1,200.00')).toBeInTheDocument();
    expect(screen.getByText(/support sees them too/)).toBeInTheDocument();
  });
});

function settings(): PaymentSettings {
  return paymentSettingsSchema.parse({
    configured: true,
    immediateDestination: '011000015',
    immediateDestinationName: 'FEDERAL RESERVE BANK',
    immediateOrigin: '1234567890',
    immediateOriginName: 'MAPLE PROPERTY MGMT',
    companyName: 'MAPLE PROPERTY',
    companyIdentification: '1234567890',
    entryDescription: 'RENT',
    odfiIdentification: '01100001',
    settlementRoutingLast4: '0015',
    settlementAccountLast4: '1234',
    settlementAccountType: 'checking',
    balancedFiles: false,
    retryReturns: true,
    cutoffTime: '17:00',
    timezone: 'America/New_York',
    paymentWindow: { kind: 'any_day' },
    maxPaymentCents: null,
    sftp: { host: 'sftp.bank.example', port: 22, username: 'maple', remoteDir: '/inbound', returnsDir: null, hostKeySha256: 'SHA256:abc', hasPrivateKey: true },
  });
}

describe('PaymentSettingsForm: returns', () => {
  test('sends the retry switch and the optional returns folder', async () => {
    const bodies: PaymentSettingsInput[] = [];
    server.use(
      http.put('/api/payment-settings', async ({ request }) => {
        const body = (await request.json()) as PaymentSettingsInput;
        bodies.push(body);
        return HttpResponse.json({ ...settings(), retryReturns: body.retryReturns ?? true, sftp: { ...settings().sftp!, returnsDir: body.sftp?.returnsDir ?? null } });
      }),
    );
    const { user } = renderWithProviders(<PaymentSettingsForm settings={settings()} />);
    // Mantine's switch label holds its description too.
    const retry = screen.getByRole('switch', { name: /^Present returned payments again \(R01, R09\)/ });
    expect(retry).toBeChecked();
    expect(screen.getByText('Returns R01 and R09 are presented again at most twice within 180 days, 3 banking days after each return')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Settlement routing number' }), '011000015');
    await user.click(screen.getByRole('button', { name: 'Save bank settings' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]?.retryReturns).toBe(true);
    expect(bodies[0]?.sftp).not.toHaveProperty('returnsDir');

    await user.click(retry);
    await user.type(screen.getByRole('textbox', { name: 'Returns folder' }), '/outbound/returns');
    await user.click(screen.getByRole('button', { name: 'Save bank settings' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]?.retryReturns).toBe(false);
    expect(bodies[1]?.sftp?.returnsDir).toBe('/outbound/returns');
  });
});
