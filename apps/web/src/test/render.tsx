import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { theme } from '../app/theme.ts';
import { createQueryClient } from '../lib/query-client.ts';

/** The app's query client, without retries: a failed request fails at once in a test. */
export function testQueryClient(): QueryClient {
  const client = createQueryClient();
  const defaults = client.getDefaultOptions();
  client.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false }, mutations: { ...defaults.mutations, retry: false } });
  return client;
}

type RenderOptions = {
  /** The URL the router starts at. */
  route?: string;
  /** The route pattern `ui` is mounted at (for `useParams`); without it `ui` renders at any URL. */
  path?: string;
  queryClient?: QueryClient;
};

/** Renders `ui` as the app does (Mantine theme, notifications, TanStack Query, a router) and sets up user-event. */
export function renderWithProviders(ui: ReactNode, { route = '/', path, queryClient = testQueryClient() }: RenderOptions = {}) {
  const user = userEvent.setup();
  const result = render(
    <MantineProvider theme={theme}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[route]}>
          {path ? (
            <Routes>
              <Route path={path} element={ui} />
              <Route path="*" element={<p>Left the page</p>} />
            </Routes>
          ) : (
            ui
          )}
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { user, queryClient, ...result };
}
