import { tasksSchema } from '@rentledger/contracts';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { renderWithProviders } from '../../../test/render.tsx';
import { server } from '../../../test/server.ts';
import { IncompleteTasksPanel } from './incomplete-tasks-panel.tsx';

const counts = (overrides: object = {}) => tasksSchema.parse({ pendingReview: 0, missingAccountingId: 0, syncErrors: 0, supportRequests: 0, paymentsNeedingAttention: 0, postingFailures: 0, ...overrides });

describe('Incomplete Tasks: postings that failed', () => {
  test('counts postings to the accounting system that failed after their last try, linking to the Accounting page', async () => {
    server.use(http.get('/api/tasks', () => HttpResponse.json(counts({ postingFailures: 2 }))));
    renderWithProviders(<IncompleteTasksPanel integrationKind="api" />);
    const link = await screen.findByRole('link', { name: /2\s*postings to your accounting system failed/ });
    expect(link).toHaveAttribute('href', '/app/accounting?tab=postings');
  });
});
