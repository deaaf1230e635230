import { tasksSchema } from '@rentledger/contracts';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { IncompleteTasksPanel } from './incomplete-tasks-panel.tsx';

const counts = (overrides: object = {}) => tasksSchema.parse({ pendingReview: 0, missingAccountingId: 0, syncErrors: 0, supportRequests: 0, paymentsNeedingAttention: 0, postingFailures: 0, ...overrides });

describe('IncompleteTasksPanel', () => {
  test('counts the payments needing attention and links to their list', async () => {
    server.use(http.get('/api/tasks', () => HttpResponse.json(counts({ paymentsNeedingAttention: 3, pendingReview: 1 }))));
    renderWithProviders(<IncompleteTasksPanel integrationKind="none" />);
    const link = await screen.findByRole('link', { name: /3\s*payments needing attention/ });
    expect(link).toHaveAttribute('href', '/app/payment-alerts');
    expect(screen.getByRole('link', { name: /1\s*resident pending your review/ })).toBeInTheDocument();
  });

  test('says one payment in the singular, and all caught up when nothing is open', async () => {
    server.use(http.get('/api/tasks', () => HttpResponse.json(counts({ paymentsNeedingAttention: 1 }))));
    const { unmount } = renderWithProviders(<IncompleteTasksPanel integrationKind="none" />);
    expect(await screen.findByRole('link', { name: /1\s*payment needing attention/ })).toBeInTheDocument();
    unmount();
    server.use(http.get('/api/tasks', () => HttpResponse.json(counts())));
    renderWithProviders(<IncompleteTasksPanel integrationKind="none" />);
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
  });
});
