import { type IntegrationSettings, integrationSettingsSchema, type UpdateIntegrationRequest } from '@rentledger/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { syncRun } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { CreatePlacesSetting } from './create-places-setting.tsx';
import { GetStartedPanel } from './get-started-panel.tsx';
import { SyncRunCounts } from './sync-run-counts.tsx';
import { rowErrorsTitle, SyncRunCreatedPlaces } from './sync-run-created-places.tsx';

const PROPERTY = '3c3c3c3c-3c3c-4c3c-8c3c-3c3c3c3c3c3c';
const UNIT = '4d4d4d4d-4d4d-4d4d-8d4d-4d4d4d4d4d4d';

function settings(overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return integrationSettingsSchema.parse({
    provider: 'none',
    csvColumnMapping: {},
    syncHour: null,
    timezone: 'America/Chicago',
    createPropertiesFromAccounting: false,
    createPropertiesFromAccountingIsDefault: true,
    yardi: null,
    buildium: null,
    ...overrides,
  });
}

describe('a run’s counts and its list agree', () => {
  test('rows in error and problems are shown apart, and the list is titled by both', () => {
    const run = syncRun({
      counts: { ...syncRun().counts, errors: 2, problems: 3 },
      errors: [
        { row: 2, field: 'email', message: 'Not an email address' },
        { row: 2, field: 'lease_start', message: 'Not a date' },
        { row: 5, field: 'unit', message: 'No unit given' },
      ],
    });
    renderWithProviders(<SyncRunCounts run={run} />);
    expect(within(screen.getByTestId('count-errors')).getByText('2')).toBeTruthy();
    expect(within(screen.getByTestId('count-errors')).getByText('Rows in error')).toBeTruthy();
    expect(within(screen.getByTestId('count-problems')).getByText('3')).toBeTruthy();
    expect(rowErrorsTitle(run)).toBe('Row errors: 3 problems in 2 rows');
  });
});

describe('the properties and units a run created', () => {
  test('are listed, with the single-family unit named by its address said so', () => {
    const run = syncRun({
      counts: { ...syncRun().counts, propertiesCreated: 1, unitsCreated: 1 },
      createdPlaces: {
        properties: [{ id: PROPERTY, code: 'HOME1', name: 'Cedar House', address: '42 Cedar Court, Austin, TX 78703' }],
        units: [{ id: UNIT, propertyId: PROPERTY, propertyName: 'Cedar House', label: '42 Cedar Court', namedByAddress: true }],
      },
    });
    renderWithProviders(<SyncRunCreatedPlaces run={run} />);
    expect(screen.getByRole('heading', { name: 'Added to RentLedger: 1 property and 1 unit' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cedar House' }).getAttribute('href')).toBe(`/app/properties/${PROPERTY}`);
    expect(screen.getByText('Named by its address')).toBeTruthy();
    expect(screen.getByTestId('address-units-note').textContent).toMatch(/single-family home: RentLedger gave it one unit, named by its address/);
  });

  test('show nothing when the run created none', () => {
    renderWithProviders(<SyncRunCreatedPlaces run={syncRun()} />);
    expect(screen.queryByTestId('sync-run-created-places')).toBeNull();
  });
});

describe('the setting "Create properties from the accounting system"', () => {
  test('shows the default and saves a change with the current provider', async () => {
    const sent: UpdateIntegrationRequest[] = [];
    server.use(
      http.put('/api/integration', async ({ request }) => {
        const body = (await request.json()) as UpdateIntegrationRequest;
        sent.push(body);
        return HttpResponse.json(settings({ provider: 'csv', createPropertiesFromAccounting: true, createPropertiesFromAccountingIsDefault: false }));
      }),
    );
    const { user } = renderWithProviders(<CreatePlacesSetting settings={settings({ provider: 'csv' })} />);
    const toggle = screen.getByRole('switch', { name: /^Create properties from the accounting system/ });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/off is the default for file imports and spreadsheets/)).toBeTruthy();
    await user.click(toggle);
    await waitFor(() => expect(sent).toEqual([{ provider: 'csv', createPropertiesFromAccounting: true }]));
    expect(await screen.findByText('Imports may now add properties')).toBeTruthy();
  });
});

describe('a company without an accounting system', () => {
  test('is offered to connect one or to import a spreadsheet once, told what the import does before it runs', async () => {
    let imports = 0;
    let connected = false;
    server.use(
      http.post('/api/integration/csv-columns', () => HttpResponse.json({ mapping: {}, unmatched: [], missingRequired: [] })),
      http.post('/api/integration/import', () => {
        imports += 1;
        return HttpResponse.json({ syncRunId: syncRun().id }, { status: 202 });
      }),
    );
    const { user } = renderWithProviders(<GetStartedPanel settings={settings()} onConnect={() => (connected = true)} />, { route: '/app/accounting' });
    await user.click(screen.getByRole('button', { name: 'Connect your accounting system' }));
    expect(connected).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Import residents from a spreadsheet' }));
    const file = new File(['property_code,unit,resident_id,first_name,last_name\nBSF,1,t1,Ana,Ruiz\n'], 'residents.csv', { type: 'text/csv' });
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error('no file input');
    fireEvent.change(input, { target: { files: [file] } });
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const dialog = await screen.findByRole('dialog', { name: 'Import residents from this spreadsheet?' });
    expect(within(dialog).getByText(/RentLedger will read residents.csv once/)).toBeTruthy();
    expect(within(dialog).getByText(/email an invitation to join/)).toBeTruthy();
    expect(within(dialog).getByText(/not imported: they are listed as row errors to fix, and nothing is invented/)).toBeTruthy();
    expect(imports).toBe(0);
    await user.click(within(dialog).getByRole('button', { name: 'Import residents' }));
    await waitFor(() => expect(imports).toBe(1));
  });
});
