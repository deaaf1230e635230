import { type Posting, postingListSchema, postingSchema, receiptDaysSchema } from '@rentledger/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { PostingsSection } from './postings-section.tsx';

const posting = (overrides: Partial<Posting> = {}): Posting =>
  postingSchema.parse({
    id: '11111111-1111-4111-8111-111111111111',
    paymentId: '22222222-2222-4222-8222-222222222222',
    kind: 'payment',
    system: 'buildium',
    status: 'posted',
    amountCents: 125_000,
    resident: { id: '33333333-3333-4333-8333-333333333333', name: 'Kenji Davis', accountingResidentId: '200004' },
    idempotencyKey: 'P2222222222224222822222222222',
    attempts: 1,
    nextAttemptAt: null,
    lastError: null,
    externalId: '900001',
    postedAt: '2026-12-07T15:00:00.000Z',
    receiptsDay: null,
    createdAt: '2026-12-07T14:59:00.000Z',
    ...overrides,
  });

const failedPosting = posting({ id: '44444444-4444-4444-8444-444444444444', status: 'failed', attempts: 6, externalId: null, postedAt: null, lastError: 'Buildium answered HTTP 500: Database unavailable', resident: { id: '55555555-5555-4555-8555-555555555555', name: 'Ana Okafor', accountingResidentId: '200000' } });
const waitingPosting = posting({ id: '66666666-6666-4666-8666-666666666666', status: 'waiting_for_id', attempts: 0, externalId: null, postedAt: null, resident: { id: '77777777-7777-4777-8777-777777777777', name: 'Ben Lindqvist', accountingResidentId: null } });
const counts = { waiting_for_id: 1, pending: 0, posted: 1, failed: 1, cancelled: 0 };

function answerPostings(system: 'buildium' | 'receipts_file' | null, all: Posting[], seen: string[] = []) {
  server.use(
    http.get('/api/postings', ({ request }) => {
      const status = new URL(request.url).searchParams.get('status');
      seen.push(status ?? 'all');
      const items = status ? all.filter((item) => item.status === status) : all;
      return HttpResponse.json(postingListSchema.parse({ items, nextCursor: null, counts, system }));
    }),
  );
}

describe('Posted to <system>', () => {
  test('shows the counts, a failure with its error and Retry, and the residents waiting for an accounting ID', async () => {
    let all = [posting(), failedPosting, waitingPosting];
    answerPostings('buildium', all);
    const retried: string[] = [];
    server.use(
      http.post('/api/postings/:postingId/retry', ({ params }) => {
        retried.push(String(params.postingId));
        const again = { ...failedPosting, status: 'pending' as const, attempts: 0 };
        all = all.map((item) => (item.id === failedPosting.id ? again : item));
        answerPostings('buildium', all);
        return HttpResponse.json(postingSchema.parse(again));
      }),
    );
    const { user } = renderWithProviders(<PostingsSection />);
    expect(await screen.findByRole('heading', { name: 'Posted to Buildium' })).toBeTruthy();
    const byStatus = screen.getByRole('group', { name: 'Postings by status' });
    expect(within(byStatus).getByText('Posted: 1')).toBeTruthy();
    expect(within(byStatus).getByText('Failed: 1')).toBeTruthy();
    expect(within(byStatus).getByText('Missing accounting ID: 1')).toBeTruthy();
    const alert = await screen.findByText('1 posting failed after the last try');
    expect(alert).toBeTruthy();
    expect(screen.getByText(/Ana Okafor, \$1,250\.00: Buildium answered HTTP 500: Database unavailable/)).toBeTruthy();
    expect(await screen.findByText(/These residents' payments wait until they have an accounting resident ID/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ben Lindqvist' }).getAttribute('href')).toBe('/app/residents/77777777-7777-4777-8777-777777777777');
    const table = screen.getByRole('table', { name: 'Every posting, newest first' });
    expect(within(table).getByText('Kenji Davis')).toBeTruthy();
    expect(within(table).getByText(/ID 900001/)).toBeTruthy();

    const buttons = screen.getAllByRole('button', { name: 'Retry posting $1,250.00 for Ana Okafor' });
    await user.click(buttons[0] as HTMLElement);
    await waitFor(() => expect(retried).toEqual([failedPosting.id]));
    expect(await screen.findByText(/will be tried again within a minute/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: /Retry posting/ })).toBeNull());
  });

  test('filters the list by status', async () => {
    const seen: string[] = [];
    answerPostings('buildium', [posting(), failedPosting, waitingPosting], seen);
    const { user } = renderWithProviders(<PostingsSection />);
    await screen.findByRole('table', { name: 'Every posting, newest first' });
    await user.click(screen.getByRole('radio', { name: 'Failed (1)' }));
    const table = await screen.findByRole('table', { name: 'Failed, newest first' });
    expect(within(table).getByText('Ana Okafor')).toBeTruthy();
    expect(within(table).queryByText('Kenji Davis')).toBeNull();
    expect(seen).toContain('failed');
  });

  test("a file company downloads each day of receipts, today's marked in progress", async () => {
    answerPostings('receipts_file', [posting({ system: 'receipts_file', externalId: null, receiptsDay: '2026-12-07' })]);
    const items = [
      { day: '2026-12-08', count: 1, netCents: 20_000, inProgress: true, deliveredAt: null, deliveryError: null },
      { day: '2026-12-07', count: 3, netCents: 150_000, inProgress: false, deliveredAt: '2026-12-08T05:15:00.000Z', deliveryError: null },
      { day: '2026-12-06', count: 2, netCents: 10_000, inProgress: false, deliveredAt: null, deliveryError: 'The receipts SFTP server refused the key' },
    ];
    server.use(http.get('/api/postings/receipt-days', () => HttpResponse.json(receiptDaysSchema.parse({ items }))));
    renderWithProviders(<PostingsSection />);
    expect(await screen.findByRole('heading', { name: 'Posted to the receipts file' })).toBeTruthy();
    const links = await screen.findAllByRole('link', { name: /Download the receipts of/ });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/api/postings/receipts?date=2026-12-08', '/api/postings/receipts?date=2026-12-07', '/api/postings/receipts?date=2026-12-06']);
    // Sent by SFTP: when, or why not.
    expect(screen.getByRole('columnheader', { name: 'Sent by SFTP' })).toBeTruthy();
    expect(screen.getByText('After the day ends')).toBeTruthy();
    expect(screen.getByText('Not sent: The receipts SFTP server refused the key')).toBeTruthy();
    expect(links[0]?.getAttribute('aria-label')).toMatch(/so far$/);
    expect(links[1]?.getAttribute('aria-label')).not.toMatch(/so far$/);
    expect(screen.getAllByText('In progress')).toHaveLength(1);
    expect(screen.getByText('$1,500.00')).toBeTruthy();
  });

  test('says there is nothing to post to without an accounting system', async () => {
    answerPostings(null, []);
    renderWithProviders(<PostingsSection />);
    expect(await screen.findByText('Nothing to post to')).toBeTruthy();
  });
});
