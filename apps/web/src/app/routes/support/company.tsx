import { Button, Card, Group, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconPlus, IconUsers } from '@tabler/icons-react';
import { useParams, useSearchParams } from 'react-router';
import type { Company } from '@rentledger/contracts';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useCompany } from '../../../features/companies/api/get-company.ts';
import { useStaff } from '../../../features/companies/api/get-staff.ts';
import { CompanyFacts } from '../../../features/companies/components/company-facts.tsx';
import { CreateStaffModal } from '../../../features/companies/components/create-staff-modal.tsx';
import { StaffTable } from '../../../features/companies/components/staff-table.tsx';
import { useProperties } from '../../../features/properties/api/get-properties.ts';
import { CreatePropertyModal } from '../../../features/properties/components/create-property-modal.tsx';
import { PropertiesTable } from '../../../features/properties/components/properties-table.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { pluralize } from '../../../lib/format.ts';
import { NotFoundRoute } from '../not-found.tsx';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { StaffTwoFactorSetting } from '../../../features/companies/components/staff-two-factor-setting.tsx';

function PropertiesPanel({ company }: { company: Company }) {
  const properties = useProperties(company.id);
  const [opened, modal] = useDisclosure(false);
  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
      Add property
    </Button>
  );
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {properties.data ? `${pluralize(properties.data.length, 'property', 'properties')}` : 'Properties'} of {company.name}
        </Text>
        {addButton}
      </Group>
      {properties.isPending ? (
        <LoadingState label="Loading properties…" />
      ) : properties.isError ? (
        <ErrorState error={properties.error} onRetry={() => void properties.refetch()} />
      ) : properties.data.length === 0 ? (
        <Card p="xl">
          <EmptyPanel
            icon={<IconBuildingCommunity size={28} />}
            title="No properties yet"
            description="Add the properties residents will search for, with their units."
          />
        </Card>
      ) : (
        <Card p={0}>
          <PropertiesTable properties={properties.data} detailPath={(property) => `/support/properties/${property.id}`} />
        </Card>
      )}
      <CreatePropertyModal companyId={company.id} companyName={company.name} opened={opened} onClose={modal.close} />
    </Stack>
  );
}

function StaffPanel({ company }: { company: Company }) {
  const staff = useStaff(company.id);
  const [opened, modal] = useDisclosure(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Landlord staff who sign in for {company.name}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
          Add staff user
        </Button>
      </Group>
      {staff.isPending ? (
        <LoadingState label="Loading staff…" />
      ) : staff.isError ? (
        <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />
      ) : staff.data.length === 0 ? (
        <Card p="xl">
          <EmptyPanel
            icon={<IconUsers size={28} />}
            title="No staff users yet"
            description="Add the people at this company who review residents and manage rent."
          />
        </Card>
      ) : (
        <Card p={0}>
          <StaffTable staff={staff.data} />
        </Card>
      )}
      <Card withBorder p="md" component="section" aria-label="Staff sign-in security">
        <StaffTwoFactorSetting companyId={company.id} />
      </Card>
      <CreateStaffModal companyId={company.id} companyName={company.name} opened={opened} onClose={modal.close} />
    </Stack>
  );
}

const TABS = ['properties', 'staff'] as const;
type Tab = (typeof TABS)[number];

export default function CompanyRoute() {
  const { companyId = '' } = useParams();
  const company = useCompany(companyId);
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'properties';
  const crumbs = [{ label: 'Companies', to: '/support' }];

  if (company.isPending) return <LoadingState label="Loading company…" />;
  if (company.isError) {
    if (isApiError(company.error) && (company.error.status === 404 || company.error.status === 400)) return <NotFoundRoute inLayout />;
    return (
      <>
        <PageHeader title="Company" breadcrumbs={crumbs} />
        <ErrorState error={company.error} onRetry={() => void company.refetch()} />
      </>
    );
  }
  const data = company.data;

  return (
    <>
      <PageHeader
        title={data.name}
        description={`${pluralize(data.propertyCount, 'property', 'properties')} · ${pluralize(data.unitCount, 'unit')} · ${pluralize(data.staffCount, 'staff user')}`}
        breadcrumbs={crumbs}
      />
      <Stack gap="lg">
        <CompanyFacts company={data} />
        <Tabs
          value={tab}
          onChange={(value) => setSearchParams(value && value !== 'properties' ? { tab: value } : {}, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="properties" leftSection={<IconBuildingCommunity size={16} />}>
              Properties
            </Tabs.Tab>
            <Tabs.Tab value="staff" leftSection={<IconUsers size={16} />}>
              Staff
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="properties">
            <PropertiesPanel company={data} />
          </Tabs.Panel>
          <Tabs.Panel value="staff">
            <StaffPanel company={data} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
