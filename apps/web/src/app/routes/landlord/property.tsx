import { Card, Stack, Title } from '@mantine/core';
import { IconDoor } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useProperty } from '../../../features/properties/api/get-property.ts';
import { PropertySummary } from '../../../features/properties/components/property-summary.tsx';
import { UnitsTable } from '../../../features/properties/components/units-table.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatAddress } from '../../../lib/format.ts';
import { NotFoundRoute } from '../not-found.tsx';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

export default function LandlordPropertyRoute() {
  const { propertyId = '' } = useParams();
  const property = useProperty(propertyId);
  const crumbs = [{ label: 'Properties', to: '/app/properties' }];

  if (property.isPending) return <LoadingState label="Loading property…" />;
  if (property.isError) {
    if (isApiError(property.error) && (property.error.status === 404 || property.error.status === 400)) return <NotFoundRoute inLayout />;
    return (
      <>
        <PageHeader title="Property" breadcrumbs={crumbs} />
        <ErrorState error={property.error} onRetry={() => void property.refetch()} />
      </>
    );
  }
  const data = property.data;
  return (
    <>
      <PageHeader title={data.name} description={formatAddress(data)} breadcrumbs={crumbs} />
      <Stack gap="lg">
        <PropertySummary property={data} />
        <Card p={0} component="section" aria-labelledby="units-title">
          <Title order={2} fz="lg" p="lg" pb="xs" id="units-title">
            Units ({data.units.length})
          </Title>
          {data.units.length === 0 ? (
            <EmptyPanel
              order={3}
              icon={<IconDoor size={26} />}
              title="No units yet"
              description="Units arrive with your accounting sync, or RentLedger support adds them for you."
              py="xl"
            />
          ) : (
            <UnitsTable units={data.units} />
          )}
        </Card>
      </Stack>
    </>
  );
}
