import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { syncRun } from '../../../test/fixtures.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import AccountingRoute from './accounting.tsx';

const NEWER = '1a1a1a1a-1a1a-4a1a-8a1a-1a1a1a1a1a1a';
const OLDER = '2b2b2b2b-2b2b-4b2b-8b2b-2b2b2b2b2b2b';

describe('the sync history', () => {
  test('shows the newest page and loads older runs with the cursor the server gave', async () => {
    const cursors: (string | null)[] = [];
    server.use(
      http.get('/api/integration', () =>
        HttpResponse.json({ provider: 'csv', csvColumnMapping: {}, syncHour: null, timezone: 'America/New_York', yardi: null, buildium: null }),
      ),
      http.get('/api/sync-runs', ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        cursors.push(cursor);
        return cursor === NEWER
          ? HttpResponse.json({ items: [syncRun({ id: OLDER, trigger: 'upload', counts: { ...syncRun().counts, updated: 3 } })], nextCursor: null })
          : HttpResponse.json({ items: [syncRun({ id: NEWER, trigger: 'upload', counts: { ...syncRun().counts, updated: 7 } })], nextCursor: NEWER });
      }),
    );
    const { user } = renderWithProviders(<AccountingRoute />, { route: '/app/accounting?tab=history' });

    expect(await screen.findAllByText(/7 updated/)).not.toHaveLength(0);
    expect(screen.queryByText(/3 updated/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show older runs' }));
    expect(await screen.findAllByText(/3 updated/)).not.toHaveLength(0);
    expect(screen.getAllByText(/7 updated/)).not.toHaveLength(0);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show older runs' })).toBeNull());
    expect(cursors).toEqual([null, NEWER]);
  });
});
