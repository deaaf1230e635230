import type { SupportRequest } from '@rentledger/contracts';
import { Button, Card, Divider, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconBuildingSkyscraper, IconLifebuoy } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { type SupportRequestStatus, useSupportRequests } from '../../../features/support-requests/api/get-support-requests.ts';
import { AnswerSupportRequestForm } from '../../../features/support-requests/components/answer-support-request-form.tsx';
import { SupportAnswer, SupportRequestHeader } from '../../../features/support-requests/components/support-request-card.tsx';
import { readContext, SupportRequestContext } from '../../../features/support-requests/components/support-request-context.tsx';
import { pluralize } from '../../../lib/format.ts';

const FILTERS = ['open', 'answered', 'resolved', 'all'] as const;
const FILTER_LABELS = { all: 'All', open: 'Open', answered: 'Answered', resolved: 'Resolved' } as const;

/** What support does next for each kind of request. */
const NEXT_STEP: Record<SupportRequest['kind'], string | null> = {
  missing_unit: 'Add the unit on the company’s property page, then answer so the landlord can approve.',
  missing_property: 'Add the property (with its units) on the company page, then answer.',
  resident_id_conflict: 'Check which resident the accounting ID belongs to with the landlord, then answer.',
  other: null,
};

function RequestCard({ request }: { request: SupportRequest }) {
  const context = readContext(request);
  const next = NEXT_STEP[request.kind];
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="article" data-testid="support-request">
      <Stack gap="md">
        <SupportRequestHeader
          request={request}
          title={
            <Text size="sm" fw={600}>
              {context.company?.name ?? 'No company'} · {request.requestedBy.name}
            </Text>
          }
        />
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="support-request-message">
          {request.message}
        </Text>
        <SupportRequestContext
          request={request}
          companyLink={(companyId) => `/support/companies/${companyId}`}
          residentHistoryLink={(residentId) => `/support/audit-log?entityType=resident&entityId=${residentId}`}
        />
        {next && request.status === 'open' && (
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" style={{ flex: '1 1 16rem' }}>
              {next}
            </Text>
            {context.company && (
              <Button component={Link} to={`/support/companies/${context.company.id}`} variant="light" size="xs" leftSection={<IconBuildingSkyscraper size={14} />}>
                Open {context.company.name}
              </Button>
            )}
          </Group>
        )}
        <SupportAnswer request={request} />
        <Divider />
        <AnswerSupportRequestForm request={request} />
      </Stack>
    </Card>
  );
}

export default function SupportRequestsRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filterParam = searchParams.get('status');
  const filter = (FILTERS as readonly string[]).includes(filterParam ?? '') ? (filterParam as (typeof FILTERS)[number]) : 'open';
  const requests = useSupportRequests(filter === 'all' ? undefined : (filter as SupportRequestStatus));

  return (
    <>
      <PageHeader
        title="Support requests"
        description="From landlords and residents: missing properties and units, resident-ID conflicts and questions, with the context filled in."
      />
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <SegmentedControl
            value={filter}
            onChange={(value) => setSearchParams(value === 'open' ? {} : { status: value }, { replace: true })}
            data={FILTERS.map((value) => ({ value, label: FILTER_LABELS[value] }))}
            aria-label="Show requests"
          />
          {requests.data && (
            <Text size="sm" c="dimmed">
              {pluralize(requests.data.length, 'request')}
            </Text>
          )}
        </Group>
        {requests.isPending ? (
          <LoadingState label="Loading support requests…" />
        ) : requests.isError ? (
          <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
        ) : requests.data.length === 0 ? (
          <Card p="xl">
            <EmptyPanel
              icon={<IconLifebuoy size={28} />}
              title={filter === 'open' ? 'No open requests' : `No ${FILTER_LABELS[filter].toLowerCase()} requests`}
              description="New requests from landlords and residents appear here, and in your notifications."
            />
          </Card>
        ) : (
          <Stack gap="md" data-testid="support-requests">
            {requests.data.map((request) => (
              <RequestCard key={request.id} request={request} />
            ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}
