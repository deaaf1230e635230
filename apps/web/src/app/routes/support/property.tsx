import { Card, Grid, Title } from '@mantine/core';
import { IconDoor } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useProperty } from '../../../features/properties/api/get-property.ts';
import { CreateUnitForm } from '../../../features/properties/components/create-unit-form.tsx';
import { PropertySummary } from '../../../features/properties/components/property-summary.tsx';
import { UnitsTable } from '../../../features/properties/components/units-table.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatAddress } from '../../../lib/format.ts';
import { NotFoundRoute } from '../not-found.tsx';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

export default function SupportPropertyRoute() {
  const { propertyId = '' } = useParams();
  const property = useProperty(propertyId);

  if (property.isPending) return <LoadingState label="Loading property…" />;
  if (property.isError) {
    if (isApiError(property.error) && (property.error.status === 404 || property.error.status === 400)) return <NotFoundRoute inLayout />;
    return (
      <>
        <PageHeader title="Property" breadcrumbs={[{ label: 'Companies', to: '/support' }]} />
        <ErrorState error={property.error} onRetry={() => void property.refetch()} />
      </>
    );
  }
  const data = property.data;
  return (
    <>
      <PageHeader
        title={data.name}
        description={formatAddress(data)}
        breadcrumbs={[
          { label: 'Companies', to: '/support' },
          { label: data.companyName, to: `/support/companies/${data.companyId}` },
        ]}
      />
      <PropertySummary property={data} />
      <Grid gap="lg" mt="lg" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card p={0} component="section" aria-labelledby="units-title">
            <Title order={2} fz="lg" p="lg" pb="xs" id="units-title">
              Units ({data.units.length})
            </Title>
            {data.units.length === 0 ? (
              <EmptyPanel order={3} icon={<IconDoor size={26} />} title="No units yet" description="Add the first unit with the form." py="xl" />
            ) : (
              <UnitsTable units={data.units} />
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <CreateUnitForm propertyId={data.id} />
        </Grid.Col>
      </Grid>
    </>
  );
}
