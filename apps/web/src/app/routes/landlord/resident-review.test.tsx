import type { ApproveResidentRequest, CreateSupportRequest, IntegrationKind, ResidentDetail } from '@rentledger/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import {
  apiError,
  approvedResident,
  candidate,
  company,
  declinedResident,
  ids,
  pendingResident,
  property,
  session,
  supportRequest,
  syncRun,
} from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { RequireRole } from '../guards.tsx';
import ResidentReviewRoute from './resident-review.tsx';

type Api = {
  /** What GET /api/residents/:id answers; a test changes it when the server's resident changes. */
  resident: ResidentDetail;
  approvals: ApproveResidentRequest[];
  declines: unknown[];
  supportRequests: CreateSupportRequest[];
};

/** The landlord's session, their company, its properties and the resident under review, as the server answers them. */
function serve(resident: ResidentDetail, integrationKind: IntegrationKind): Api {
  const state: Api = { resident, approvals: [], declines: [], supportRequests: [] };
  server.use(
    http.get('/api/auth/session-probe', () => HttpResponse.json({ session: session() })),
    http.get('/api/companies/:companyId', () => HttpResponse.json(company({ integrationKind }))),
    http.get('/api/properties', () => HttpResponse.json({ items: [property()] })),
    http.get('/api/residents/:residentId', () => HttpResponse.json(state.resident)),
  );
  return state;
}

function renderReview() {
  return renderWithProviders(
    <RequireRole role="landlord">
      <ResidentReviewRoute />
    </RequireRole>,
    { route: `/app/residents/${ids.resident}/review`, path: '/app/residents/:residentId/review' },
  );
}

/** Approvals answer with the approved resident (and the resident reads as approved from then on). */
function approveSucceeds(api: Api) {
  server.use(
    http.post('/api/residents/:residentId/approve', async ({ request }) => {
      api.approvals.push((await request.json()) as ApproveResidentRequest);
      api.resident = approvedResident({ accountingResidentId: 't0007001' });
      return HttpResponse.json(api.resident);
    }),
  );
}

const approvalSection = () => screen.getByTestId('approval-section');

describe('an integrated company', () => {
  test('offers its accounting record to merge, a sync, and manual approval', async () => {
    serve(pendingResident({ companyIntegrated: true, candidates: [candidate()] }), 'api');
    renderReview();

    expect(await screen.findByRole('heading', { name: 'Review Quinn Harper' })).toBeInTheDocument();
    const card = screen.getByRole('article', { name: 'Quinn Harper' });
    expect(card).toHaveTextContent('In your accounting system · current lease');
    expect(card).toHaveTextContent('t0007001');
    // Merging waits for "It is the same person".
    expect(within(card).getByRole('button', { name: 'Merge and approve' })).toBeDisabled();

    expect(within(approvalSection()).getByRole('heading', { name: 'Not the same person?' })).toBeInTheDocument();
    expect(approvalSection()).toHaveTextContent('Refresh your books and match again, or enter the lease yourself.');
    expect(within(approvalSection()).getByRole('radio', { name: 'Synchronize with accounting system' })).toBeEnabled();
    expect(approvalSection()).toHaveTextContent('Run a sync now, then match Quinn again. A strong match approves them on its own.');
    expect(within(approvalSection()).getByRole('radio', { name: 'Approve manually' })).toBeEnabled();
  });

  test('merge and approve: the sign-up takes the record, and the resident was emailed', async () => {
    const api = serve(pendingResident({ companyIntegrated: true, candidates: [candidate()] }), 'api');
    approveSucceeds(api);
    const { user } = renderReview();

    const card = await screen.findByRole('article', { name: 'Quinn Harper' });
    await user.click(within(card).getByRole('checkbox', { name: /It is the same person/ }));
    await user.click(within(card).getByRole('button', { name: 'Merge and approve' }));

    expect(await screen.findByTestId('review-approved')).toHaveTextContent('Quinn Harper is approved and has been emailed');
    expect(api.approvals).toEqual([{ method: 'merge', candidateId: ids.record }]);
    expect(screen.getByTestId('review-approved')).toHaveTextContent('t0007001');
  });

  test('a record the sync also invited shows once, saying merging replaces the invitation', async () => {
    const invited = candidate({ kind: 'resident', id: ids.invited, status: 'invited', score: 80, strong: false, invitationSentAt: '2026-01-05T10:00:00.000Z' });
    serve(pendingResident({ candidates: [candidate(), invited] }), 'api');
    renderReview();

    const cards = await screen.findAllByTestId('candidate-card');
    expect(cards).toHaveLength(1);
    expect(cards[0]).toHaveTextContent('already invited to RentLedger (merging replaces that invitation)');
  });

  test('synchronize: a sync that finds a strong match approves the resident', async () => {
    const api = serve(pendingResident({ candidates: [] }), 'api');
    server.use(
      http.post('/api/residents/:residentId/sync', () => {
        // The run's re-match approves Quinn: the next look at the resident says so.
        api.resident = approvedResident({ approvedBy: null });
        return HttpResponse.json({ syncRunId: ids.syncRun }, { status: 202 });
      }),
      http.get('/api/sync-runs/:syncRunId', () => HttpResponse.json(syncRun())),
    );
    const { user } = renderReview();

    await user.click(await screen.findByRole('radio', { name: 'Synchronize with accounting system' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByTestId('review-approved')).toHaveTextContent('Quinn Harper is approved and has been emailed');
    expect(screen.getByTestId('review-approved')).toHaveTextContent('Approved automatically: Quinn matched a record in your accounting system');
  });

  test('synchronize for a file-based company: the server answers 409 no_api_connection and the landlord is sent to upload the rent roll', async () => {
    serve(pendingResident({ candidates: [] }), 'file');
    server.use(http.post('/api/residents/:residentId/sync', () => apiError(409, 'no_api_connection', 'Sync Now needs an API connection (Yardi or Buildium); upload a rent roll file instead')));
    const { user } = renderReview();

    expect(await screen.findByText('Your books come from a rent-roll file: upload the latest one and RentLedger matches Quinn again.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Synchronize with accounting system' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const panel = await screen.findByTestId('sync-file-based');
    expect(panel).toHaveTextContent('Birch Rentals imports its residents from a rent roll file');
    const upload = within(panel).getByRole('link', { name: 'Upload the latest rent roll' });
    expect(upload).toHaveAttribute('href', '/app/accounting');
    await user.click(upload);
    // The sync run page leads back to this review.
    expect(JSON.parse(sessionStorage.getItem('rentledger.review-return') ?? 'null')).toEqual({ residentId: ids.resident, name: 'Quinn Harper' });
  });
});

describe('a company without an accounting integration', () => {
  test('offers no sync: the landlord approves with the lease they enter', async () => {
    const api = serve(pendingResident({ companyIntegrated: false, candidates: [] }), 'none');
    approveSucceeds(api);
    const { user } = renderReview();

    expect(await screen.findByRole('heading', { name: 'No matching resident found' })).toBeInTheDocument();
    expect(screen.getByText('Nobody in RentLedger at unit 3 looks like Quinn Harper. Check the lease and approve manually.')).toBeInTheDocument();
    expect(within(approvalSection()).getByRole('heading', { name: 'Approve' })).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: 'Synchronize with accounting system' })).not.toBeInTheDocument();
    // One way forward: the form at once, no choose-and-continue step, and no Back to a choice that is not there.
    expect(screen.queryByRole('button', { name: 'Continue' })).not.toBeInTheDocument();
    const form = await screen.findByRole('form', { name: 'Approve manually' });
    expect(within(form).queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
    // Prefilled with what Quinn stated; the landlord corrects the due day.
    expect(within(form).getByLabelText(/Monthly rent/)).toHaveValue('$1,450.00');
    expect(within(form).getByLabelText(/Lease start/)).toHaveValue('2026-01-01');
    const dueDay = within(form).getByLabelText(/Due day/);
    // 31 is refused with its message, never clamped to 28.
    await user.clear(dueDay);
    await user.type(dueDay, '31');
    await user.click(within(form).getByRole('button', { name: 'Approve resident' }));
    expect(await within(form).findByText('Use a day from 1 to 28')).toBeInTheDocument();
    expect(dueDay).toHaveValue('31');
    expect(api.approvals).toEqual([]);
    // The server's warnings for the lease entered, stated and entered side by side; approving stays possible.
    server.use(
      http.post('/api/residents/:residentId/approve/preview', () =>
        HttpResponse.json({
          warnings: [{ code: 'differs_from_stated', field: 'rentCents', message: 'Monthly rent: the resident said $1,450.00, you entered $1,500.00', stated: 145000, entered: 150000 }],
        }),
      ),
    );
    await user.clear(dueDay);
    await user.type(dueDay, '3');
    const warnings = await screen.findByTestId('approval-warnings');
    const row = within(within(warnings).getByRole('table', { name: 'What Quinn stated and what you entered' })).getByRole('row', { name: /Monthly rent/ });
    expect(row).toHaveTextContent('Monthly rent$1,450.00$1,500.00');
    await user.click(within(form).getByRole('button', { name: 'Approve resident' }));

    expect(await screen.findByTestId('review-approved')).toHaveTextContent('Quinn Harper is approved and has been emailed');
    expect(api.approvals).toEqual([{ method: 'manual', unitId: ids.unit3, rentCents: 145000, dueDay: 3, leaseStart: '2026-01-01', leaseEnd: '2026-12-31' }]);
  });

  test('a missing unit: manual approval waits for a unit, and Contact support sends what the resident typed', async () => {
    const api = serve(pendingResident({ companyIntegrated: false, unitId: null, unitLabel: null, statedUnitText: '3B', candidates: [] }), 'none');
    server.use(
      http.post('/api/support-requests', async ({ request }) => {
        const body = (await request.json()) as CreateSupportRequest;
        api.supportRequests.push(body);
        return HttpResponse.json(supportRequest({ kind: body.kind, message: body.message }), { status: 201 });
      }),
    );
    const { user } = renderReview();

    expect(await screen.findByTestId('missing-unit')).toHaveTextContent('Birch Street Flats has no unit “3B” in RentLedger');
    expect(screen.getByRole('radio', { name: 'Approve manually' })).toBeDisabled();
    expect(approvalSection()).toHaveTextContent('Choose Quinn’s unit above first (or ask support to add it).');

    await user.click(screen.getByRole('button', { name: 'Contact support' }));
    const dialog = await screen.findByRole('dialog', { name: 'Contact support' });
    expect(within(dialog).getByLabelText(/Message/)).toHaveValue(
      'Please add unit “3B” to Birch Street Flats (12 Birch Street, Madison, WI 53703). Quinn Harper (quinn.harper@example.com) signed up for it, and I cannot approve them until the unit exists.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send to support' }));

    expect(await within(dialog).findByTestId('support-request-sent')).toBeInTheDocument();
    expect(api.supportRequests).toEqual([{ kind: 'missing_unit', message: expect.stringContaining('Please add unit “3B”'), residentId: ids.resident }]);
    expect(screen.getByTestId('support-request-confirmation')).toHaveTextContent('Support request sent.');
  });
});

describe('another staff member acted first (409 already_decided)', () => {
  test('approving: the page says who acted first and shows the resident as they are now', async () => {
    const api = serve(pendingResident({ companyIntegrated: false, candidates: [] }), 'none');
    server.use(
      http.post('/api/residents/:residentId/approve', () => {
        api.resident = declinedResident('Not our tenant.');
        return apiError(409, 'already_decided', 'Already declined by Morgan Ellis at 2026-05-05T09:30:00.000Z', { status: 'declined', by: 'Morgan Ellis' });
      }),
    );
    const { user } = renderReview();

    await user.click(await screen.findByRole('button', { name: 'Approve resident' }));

    const conflict = await screen.findByTestId('review-conflict');
    expect(conflict).toHaveTextContent('Someone else acted first');
    // The server's timestamp reads as a date, not ISO.
    expect(conflict).toHaveTextContent(/Already declined by Morgan Ellis at [A-Z][a-z]{2} \d{1,2}, 2026/);
    expect(await screen.findByTestId('review-declined')).toHaveTextContent('Quinn Harper was declined');
    expect(screen.getByTestId('review-declined')).toHaveTextContent('Reason given: “Not our tenant.”');
  });

  test('declining: the dialog closes, the page says who approved first, and does not claim this landlord approved', async () => {
    const api = serve(pendingResident({ candidates: [] }), 'api');
    server.use(
      http.post('/api/residents/:residentId/decline', async ({ request }) => {
        api.declines.push(await request.json());
        api.resident = approvedResident({ approvedBy: { id: ids.holder, name: 'Morgan Ellis' } });
        return apiError(409, 'already_decided', 'Already approved by Morgan Ellis at 2026-05-05T09:30:00.000Z', { status: 'approved', by: 'Morgan Ellis' });
      }),
    );
    const { user } = renderReview();

    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Decline Quinn Harper?' });
    await user.click(within(dialog).getByRole('button', { name: 'Decline resident' }));
    expect(within(dialog).getByText('Tell the resident why')).toBeInTheDocument();
    expect(api.declines).toEqual([]);
    await user.type(within(dialog).getByLabelText('Reason'), 'We have no lease under this name.');
    await user.click(within(dialog).getByRole('button', { name: 'Decline resident' }));

    expect(await screen.findByTestId('review-conflict')).toHaveTextContent(/Already approved by Morgan Ellis at [A-Z][a-z]{2} \d{1,2}, 2026/);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Decline Quinn Harper?' })).not.toBeInTheDocument());
    expect(api.declines).toEqual([{ reason: 'We have no lease under this name.' }]);
    expect(await screen.findByTestId('review-approved')).toHaveTextContent('Quinn Harper is already approved');
    expect(screen.getByTestId('review-approved')).toHaveTextContent('Approved by Morgan Ellis');
  });
});

test('a resident the server does not know (404) is the not-found page', async () => {
  serve(pendingResident(), 'api');
  server.use(http.get('/api/residents/:residentId', () => apiError(404, 'not_found', 'Resident not found')));
  renderReview();
  expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
});

test('a decided resident whose lease has passed its end date shows “Lease ended”, never a plain “Approved”', async () => {
  serve(approvedResident({ leaseEnd: '2026-07-31', leaseExpired: true }), 'api');
  renderReview();
  expect(await screen.findByTestId('resident-status')).toHaveTextContent('Lease ended');
});

test('a decided resident on a current lease shows “Approved”', async () => {
  serve(approvedResident(), 'api');
  renderReview();
  expect(await screen.findByTestId('resident-status')).toHaveTextContent('Approved');
});
