import { integrationSettingsSchema, type UpdateIntegrationRequest } from '@rentledger/contracts';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { IntegrationSettingsForm } from './integration-settings-form.tsx';

const settings = integrationSettingsSchema.parse({
  provider: 'buildium',
  csvColumnMapping: {},
  syncHour: null,
  timezone: 'America/New_York',
  createPropertiesFromAccounting: true,
  createPropertiesFromAccountingIsDefault: true,
  yardi: null,
  buildium: { baseUrl: 'https://api.buildium.com/v1', clientId: 'client-1', clientSecretSet: true },
});

describe('Buildium settings: the GL account payments post to', () => {
  test('refuses one that is not digits, and sends the number', async () => {
    const sent: UpdateIntegrationRequest[] = [];
    server.use(
      http.put('/api/integration', async ({ request }) => {
        const body = (await request.json()) as UpdateIntegrationRequest;
        sent.push(body);
        return HttpResponse.json(integrationSettingsSchema.parse({ ...settings, buildium: { ...settings.buildium, paymentGlAccountId: body.buildium?.paymentGlAccountId } }));
      }),
    );
    const { user } = renderWithProviders(<IntegrationSettingsForm settings={settings} />);
    const field = screen.getByRole('textbox', { name: 'GL account for rent payments' });
    await user.type(field, 'rent');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Enter the GL account ID as Buildium shows it: digits only')).toBeTruthy();
    expect(sent).toEqual([]);
    await user.clear(field);
    await user.type(field, '4000');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.buildium).toEqual({ baseUrl: 'https://api.buildium.com/v1', clientId: 'client-1', paymentGlAccountId: 4000 });
  });
});
