import { integrationSettingsSchema, receiptDaysSchema, type UpdateIntegrationRequest } from '@rentledger/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { IntegrationSettingsForm } from './integration-settings-form.tsx';

const settings = integrationSettingsSchema.parse({
  provider: 'csv',
  csvColumnMapping: {},
  syncHour: null,
  timezone: 'America/New_York',
  createPropertiesFromAccounting: false,
  createPropertiesFromAccountingIsDefault: true,
  yardi: null,
  buildium: null,
  receiptsSftp: null,
});

type User = ReturnType<typeof renderWithProviders>['user'];
const fill = async (user: User, field: HTMLElement, text: string) => {
  await user.click(field);
  await user.paste(text);
};

const FINGERPRINT = 'nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';

describe('Settings: send receipts by SFTP (file companies)', () => {
  test('shows each missing field by name, then sends the settings with the key', async () => {
    const sent: UpdateIntegrationRequest[] = [];
    server.use(
      http.put('/api/integration', async ({ request }) => {
        const body = (await request.json()) as UpdateIntegrationRequest;
        sent.push(body);
        return HttpResponse.json(integrationSettingsSchema.parse({ ...settings, receiptsSftp: { host: 'sftp.example.com', port: 22, username: 'maple', remoteDir: '/inbound', hostKeySha256: FINGERPRINT, hasPrivateKey: true } }));
      }),
    );
    const { user } = renderWithProviders(<IntegrationSettingsForm settings={settings} />);
    const section = screen.getByRole('region', { name: 'Send receipts by SFTP' });
    await user.click(within(section).getByRole('checkbox', { name: "Send each day's receipts file by SFTP" }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Enter the SFTP server host name')).toBeTruthy();
    expect(screen.getByText('Enter the SFTP user name')).toBeTruthy();
    expect(screen.getByText('Paste the private key the SFTP server authorized')).toBeTruthy();
    expect(sent).toEqual([]);

    await fill(user, screen.getByRole('textbox', { name: /SFTP host/ }), 'sftp.example.com');
    await fill(user, screen.getByRole('textbox', { name: /SFTP user name/ }), 'maple');
    await fill(user, screen.getByRole('textbox', { name: /Folder/ }), '/inbound');
    await fill(user, screen.getByRole('textbox', { name: /Private key/ }), 'PRIVATE-KEY-TEXT');
    await fill(user, screen.getByRole('textbox', { name: /Server host key/ }), `SHA256:${FINGERPRINT}`);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.receiptsSftp).toEqual({ host: 'sftp.example.com', port: 22, username: 'maple', remoteDir: '/inbound', hostKey: `SHA256:${FINGERPRINT}`, privateKey: 'PRIVATE-KEY-TEXT' });
  }, 20_000);

  test("shows the server's error on its field, keeps a stored key when left empty", async () => {
    const stored = { ...settings, receiptsSftp: { host: 'sftp.example.com', port: 2222, username: 'maple', remoteDir: '', hostKeySha256: FINGERPRINT, hasPrivateKey: true } };
    const sent: UpdateIntegrationRequest[] = [];
    server.use(
      http.put('/api/integration', async ({ request }) => {
        sent.push((await request.json()) as UpdateIntegrationRequest);
        return HttpResponse.json({ error: { code: 'invalid', message: 'Invalid input', details: [{ path: 'receiptsSftp.hostKey', message: 'Not a valid ssh-ed25519 key' }] } }, { status: 400 });
      }),
    );
    const { user } = renderWithProviders(<IntegrationSettingsForm settings={integrationSettingsSchema.parse(stored)} />);
    expect(screen.getByRole('checkbox', { name: "Send each day's receipts file by SFTP" })).toHaveProperty('checked', true);
    expect(screen.getByRole('textbox', { name: /Server host key/ })).toHaveProperty('value', `SHA256:${FINGERPRINT}`);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Not a valid ssh-ed25519 key')).toBeTruthy();
    expect(sent[0]?.receiptsSftp).toEqual({ host: 'sftp.example.com', port: 2222, username: 'maple', remoteDir: '', hostKey: `SHA256:${FINGERPRINT}` });
  });

  test('is not offered to an API connection', () => {
    renderWithProviders(<IntegrationSettingsForm settings={integrationSettingsSchema.parse({ ...settings, provider: 'buildium', buildium: { baseUrl: 'https://api.buildium.com/v1', clientId: 'c', clientSecretSet: true } })} />);
    expect(screen.queryByRole('region', { name: 'Send receipts by SFTP' })).toBeNull();
  });
});

// The Posting tab's receipts days say when each file was sent (schema check of the fixture shape).
receiptDaysSchema.parse({ items: [{ day: '2026-12-07', count: 1, netCents: 100, inProgress: false, deliveredAt: '2026-12-08T05:00:00.000Z', deliveryError: null }] });
