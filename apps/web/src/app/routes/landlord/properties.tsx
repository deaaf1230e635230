import { Card } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useProperties } from '../../../features/properties/api/get-properties.ts';
import { PropertiesTable } from '../../../features/properties/components/properties-table.tsx';
import { pluralize } from '../../../lib/format.ts';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

export default function LandlordPropertiesRoute() {
  const properties = useProperties();
  const units = properties.data?.reduce((sum, property) => sum + property.units.length, 0) ?? 0;
  return (
    <>
      <PageHeader
        title="Properties"
        description={
          properties.data
            ? `${pluralize(properties.data.length, 'property', 'properties')} with ${pluralize(units, 'unit')}. Missing one? Contact RentLedger support to add it.`
            : 'Your company’s properties and units.'
        }
      />
      {properties.isPending ? (
        <LoadingState label="Loading properties…" />
      ) : properties.isError ? (
        <ErrorState error={properties.error} onRetry={() => void properties.refetch()} />
      ) : properties.data.length === 0 ? (
        <Card p="xl">
          <EmptyPanel
            icon={<IconBuildingCommunity size={28} />}
            title="No properties yet"
            description="Properties arrive with your accounting sync, or RentLedger support adds them for you."
          />
        </Card>
      ) : (
        <Card p={0}>
          <PropertiesTable properties={properties.data} detailPath={(property) => `/app/properties/${property.id}`} />
        </Card>
      )}
    </>
  );
}
