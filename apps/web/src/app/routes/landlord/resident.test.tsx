import type { CreateSupportRequest, ResidentDetail, UpdateResidentRequest } from '@rentledger/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, test } from 'vitest';
import { apiError, approvedResident, ids, property, supportRequest } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import ResidentRoute from './resident.tsx';

type Api = { resident: ResidentDetail; holderName: string; updates: UpdateResidentRequest[]; supportRequests: CreateSupportRequest[] };

let api: Api;

/**
 * Quinn Harper, approved without an accounting ID at an integrated company. Their PATCH answers 409
 * accounting_id_taken naming Jonah Park, who holds the ID, unless the body says they are the same person.
 */
beforeEach(() => {
  api = { resident: approvedResident({ companyIntegrated: true, accountingResidentId: null }), holderName: 'Jonah Park', updates: [], supportRequests: [] };
  server.use(
    http.get('/api/residents/:residentId', () => HttpResponse.json(api.resident)),
    http.get('/api/properties', () => HttpResponse.json({ items: [property()] })),
    // The resident's payments panel: no account and no payment yet.
    http.get('/api/payments/bank-accounts', () => HttpResponse.json({ items: [] })),
    http.get('/api/payments', () => HttpResponse.json({ items: [], total: 0, totalCents: 0 })),
    http.get('/api/residents/:residentId/rent-periods', () => HttpResponse.json({ items: [], onTimeRate: null })),
    http.patch('/api/residents/:residentId', async ({ request }) => {
      const body = (await request.json()) as UpdateResidentRequest;
      api.updates.push(body);
      if (body.samePersonAs !== ids.holder) {
        return apiError(409, 'accounting_id_taken', `Accounting resident ID ${body.accountingResidentId} belongs to ${api.holderName}`, {
          residentId: ids.holder,
          name: api.holderName,
          propertyName: 'Birch Street Flats',
          unitLabel: '7',
        });
      }
      api.resident = { ...api.resident, accountingResidentId: body.accountingResidentId ?? null, leaseStart: '2025-07-01', leaseEnd: '2026-06-30' };
      return HttpResponse.json(api.resident);
    }),
    http.post('/api/support-requests', async ({ request }) => {
      const body = (await request.json()) as CreateSupportRequest;
      api.supportRequests.push(body);
      return HttpResponse.json(supportRequest({ kind: body.kind, message: body.message }), { status: 201 });
    }),
  );
});

/** Opens Edit, types the accounting ID and saves: the server names the resident who holds it. */
async function saveTakenAccountingId(accountingResidentId: string, question = `Accounting resident ID ${accountingResidentId} is assigned to Jonah Park (Birch Street Flats, unit 7). Is Jonah Park the same person as Quinn Harper?`) {
  const rendered = renderWithProviders(<ResidentRoute />, { route: `/app/residents/${ids.resident}`, path: '/app/residents/:residentId' });
  const { user } = rendered;
  await user.click(await screen.findByRole('button', { name: 'Edit' }));
  const edit = await screen.findByRole('dialog', { name: 'Edit Quinn Harper' });
  await user.type(within(edit).getByLabelText('Accounting resident ID'), accountingResidentId);
  await user.click(within(edit).getByRole('button', { name: 'Save' }));
  const dialog = await screen.findByRole('dialog', { name: 'Is this the same person?' });
  expect(within(dialog).getByTestId('accounting-id-conflict')).toHaveTextContent(question);
  return { ...rendered, dialog };
}

describe('an accounting resident ID another resident holds (409 accounting_id_taken): “Is this the same person?”', () => {
  test('“Yes, same person: merge” sends the edit again with samePersonAs, and the resident takes the ID', async () => {
    const { user, dialog } = await saveTakenAccountingId('t0001009');
    await user.click(within(dialog).getByRole('button', { name: 'Yes, same person: merge' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Is this the same person?' })).not.toBeInTheDocument());
    expect(api.updates).toEqual([{ accountingResidentId: 't0001009' }, { accountingResidentId: 't0001009', samePersonAs: ids.holder }]);
    expect(api.supportRequests).toEqual([]);
    expect(await screen.findByText('Quinn Harper and the other resident were merged; Quinn Harper now has accounting ID t0001009.')).toBeInTheDocument();
    expect(screen.getByTestId('resident-accounting-id')).toHaveTextContent('t0001009');
    expect(screen.getByTestId('resident-lease')).toHaveTextContent('Jul 1, 2025 – Jun 30, 2026');
  });

  test('two people with the same name are told apart by where they live', async () => {
    api.holderName = 'Quinn Harper';
    const { dialog } = await saveTakenAccountingId(
      't0001009',
      'Accounting resident ID t0001009 is assigned to another resident named Quinn Harper (Birch Street Flats, unit 7). Is that the same person as the Quinn Harper you are editing (Birch Street Flats, unit 3)?',
    );
    expect(dialog).toHaveTextContent('the other Quinn Harper’s record is folded into theirs');
  });

  test('“No, contact support” asks for a note, changes nothing and sends support both residents with it', async () => {
    const { user, dialog } = await saveTakenAccountingId('t0001011');
    await user.click(within(dialog).getByRole('button', { name: 'No, contact support' }));
    const note = within(dialog).getByLabelText('Note for support (optional)');
    expect(note).toHaveFocus();
    await user.type(note, 'Quinn moved in after Jonah left.');
    await user.click(within(dialog).getByRole('button', { name: 'Send to support' }));

    expect(await within(dialog).findByTestId('support-request-confirmation')).toHaveTextContent('Support request sent');
    expect(api.supportRequests).toEqual([
      {
        kind: 'resident_id_conflict',
        residentId: ids.resident,
        otherResidentId: ids.holder,
        message:
          'Accounting resident ID t0001011 is assigned to Jonah Park (Birch Street Flats, unit 7) in RentLedger, but Quinn Harper (Birch Street Flats, unit 3) is a different person. Please help us put the ID on the right resident.\n\nNote from the landlord: Quinn moved in after Jonah left.',
      },
    ]);
    // Only the first save reached the server: nothing was merged.
    expect(api.updates).toEqual([{ accountingResidentId: 't0001011' }]);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByTestId('resident-accounting-id')).toHaveTextContent('—');
  });
});
