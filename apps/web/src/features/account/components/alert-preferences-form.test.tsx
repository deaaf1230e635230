import { alertPreferencesSchema } from '@rentledger/contracts';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { AlertPreferencesForm } from './alert-preferences-form.tsx';

describe('AlertPreferencesForm', () => {
  test('shows the choice and saves a daily digest', async () => {
    const saved: unknown[] = [];
    server.use(
      http.get('/api/me/alert-preferences', () => HttpResponse.json(alertPreferencesSchema.parse({ paymentAlertEmail: 'immediate' }))),
      http.put('/api/me/alert-preferences', async ({ request }) => {
        const body = await request.json();
        saved.push(body);
        return HttpResponse.json(alertPreferencesSchema.parse(body));
      }),
    );
    const { user } = renderWithProviders(<AlertPreferencesForm />);
    expect(await screen.findByRole('radio', { name: 'Email me at once' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'One email a day' }));
    await waitFor(() => expect(screen.getByRole('radio', { name: 'One email a day' })).toBeChecked());
    expect(saved).toEqual([{ paymentAlertEmail: 'daily_digest' }]);
    expect(await screen.findByText('Payment alerts come in one email a day.')).toBeInTheDocument();
  });
});
