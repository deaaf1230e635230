import { Anchor, Card, Grid, Group, SimpleGrid, Stack, Title } from '@mantine/core';
import { IconBuildingCommunity, IconDoor, IconPlugConnected } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { StatCard } from '../../../components/stat-card.tsx';
import { useCompany } from '../../../features/companies/api/get-company.ts';
import { INTEGRATION_LABELS } from '../../../lib/format.ts';
import { useProperties } from '../../../features/properties/api/get-properties.ts';
import { PropertiesTable } from '../../../features/properties/components/properties-table.tsx';
import { IncompleteTasksPanel } from '../../../features/tasks/components/incomplete-tasks-panel.tsx';
import { useCurrentUser } from '../guards.tsx';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

export default function DashboardRoute() {
  const user = useCurrentUser();
  const company = useCompany(user.company?.id);
  const properties = useProperties();
  const unitCount = properties.data?.reduce((sum, property) => sum + property.units.length, 0) ?? 0;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={user.company ? `Welcome back, ${user.firstName}. Here is what needs your attention at ${user.company.name}.` : `Welcome back, ${user.firstName}.`}
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <StatCard label="Properties" value={properties.data?.length ?? '—'} icon={IconBuildingCommunity} loading={properties.isPending} />
          <StatCard label="Units" value={properties.isError ? '—' : unitCount} icon={IconDoor} loading={properties.isPending} />
          <StatCard
            label="Accounting"
            value={<span style={{ fontSize: 18 }}>{company.data ? INTEGRATION_LABELS[company.data.integrationKind] : '—'}</span>}
            icon={IconPlugConnected}
            loading={company.isPending}
          />
        </SimpleGrid>
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <IncompleteTasksPanel integrationKind={company.data?.integrationKind} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Card p="lg" component="section" aria-labelledby="dashboard-properties-title">
              <Group justify="space-between" mb="sm">
                <Title order={2} fz="lg" id="dashboard-properties-title">
                  Properties
                </Title>
                <Anchor component={Link} to="/app/properties" size="sm">
                  View all
                </Anchor>
              </Group>
              {properties.isPending ? (
                <LoadingState label="Loading properties…" />
              ) : properties.isError ? (
                <ErrorState error={properties.error} onRetry={() => void properties.refetch()} />
              ) : properties.data.length === 0 ? (
                <EmptyPanel
                  order={3}
                  icon={<IconBuildingCommunity size={26} />}
                  title="No properties yet"
                  description="Properties arrive with your accounting sync, or RentLedger support adds them for you."
                  py="md"
                />
              ) : (
                <PropertiesTable properties={properties.data} detailPath={(property) => `/app/properties/${property.id}`} compact />
              )}
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
