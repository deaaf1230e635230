import { Button, Card, SegmentedControl, Stack } from '@mantine/core';
import { IconLifebuoy, IconMessagePlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { type SupportRequestStatus, useSupportRequests } from '../../../features/support-requests/api/get-support-requests.ts';
import { ContactSupportModal } from '../../../features/support-requests/components/contact-support-modal.tsx';
import { SupportRequestCard } from '../../../features/support-requests/components/support-request-card.tsx';

const FILTERS = ['all', 'open', 'answered', 'resolved'] as const;
const FILTER_LABELS = { all: 'All', open: 'Open', answered: 'Answered', resolved: 'Resolved' } as const;

type SupportRequestsPageProps = {
  /** The landlord's or the resident's page: where answers are read. */
  path: string;
  description: string;
  residentPath?: (residentId: string) => string;
  kinds: ('missing_property' | 'missing_unit' | 'resident_id_conflict' | 'other')[];
};

/** A requester's support requests, with the answers from RentLedger support. */
export function SupportRequestsPage({ path, description, residentPath, kinds }: SupportRequestsPageProps) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filterParam = searchParams.get('status');
  const filter = (FILTERS as readonly string[]).includes(filterParam ?? '') ? (filterParam as (typeof FILTERS)[number]) : 'all';
  const requests = useSupportRequests(filter === 'all' ? undefined : (filter as SupportRequestStatus));
  const [contacting, setContacting] = useState(false);

  return (
    <>
      <PageHeader
        title="Support"
        description={description}
        actions={
          <Button leftSection={<IconMessagePlus size={16} />} onClick={() => setContacting(true)}>
            Contact support
          </Button>
        }
      />
      <Stack gap="md">
        <SegmentedControl
          value={filter}
          onChange={(value) => setSearchParams(value === 'all' ? {} : { status: value }, { replace: true })}
          data={FILTERS.map((value) => ({ value, label: FILTER_LABELS[value] }))}
          aria-label="Show requests"
          w={{ base: '100%', sm: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        />
        {requests.isPending ? (
          <LoadingState label="Loading your requests…" />
        ) : requests.isError ? (
          <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
        ) : requests.data.length === 0 ? (
          <Card p="xl">
            <EmptyPanel
              icon={<IconLifebuoy size={28} />}
              title={filter === 'all' ? 'No support requests yet' : `No ${FILTER_LABELS[filter].toLowerCase()} requests`}
              description="When a property or unit is missing, or an accounting resident ID belongs to someone else, ask RentLedger support here. Answers arrive by email and on this page."
            />
          </Card>
        ) : (
          <Stack gap="md" data-testid="support-requests">
            {requests.data.map((request) => (
              <SupportRequestCard key={request.id} request={request} residentPath={residentPath} />
            ))}
          </Stack>
        )}
      </Stack>
      <ContactSupportModal
        opened={contacting}
        onClose={() => setContacting(false)}
        kinds={kinds}
        initialKind="other"
        initialMessage=""
        supportPagePath={path}
      />
    </>
  );
}

export default function LandlordSupportRoute() {
  return (
    <SupportRequestsPage
      path="/app/support"
      description="Your requests to RentLedger support, such as a missing property or unit, and their answers."
      residentPath={(residentId) => `/app/residents/${residentId}`}
      kinds={['other', 'missing_property', 'missing_unit']}
    />
  );
}
