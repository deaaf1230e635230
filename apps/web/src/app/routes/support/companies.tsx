import { Button, Card } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconPlus } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useCompanies } from '../../../features/companies/api/get-companies.ts';
import { CompaniesTable } from '../../../features/companies/components/companies-table.tsx';
import { CreateCompanyModal } from '../../../features/companies/components/create-company-modal.tsx';
import { pluralize } from '../../../lib/format.ts';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

export default function CompaniesRoute() {
  const companies = useCompanies();
  const [opened, modal] = useDisclosure(false);
  const navigate = useNavigate();

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
      Add company
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Companies"
        description={
          companies.data
            ? `${pluralize(companies.data.length, 'management company', 'management companies')} on RentLedger.`
            : 'Management companies on RentLedger.'
        }
        actions={addButton}
      />
      {companies.isPending ? (
        <LoadingState label="Loading companies…" />
      ) : companies.isError ? (
        <ErrorState error={companies.error} onRetry={() => void companies.refetch()} />
      ) : companies.data.length === 0 ? (
        <Card p="xl">
          <EmptyPanel
            icon={<IconBuildingSkyscraper size={28} />}
            title="No companies yet"
            description="Add the first management company, then its properties and staff."
          >
            {addButton}
          </EmptyPanel>
        </Card>
      ) : (
        <Card p={0}>
          <CompaniesTable companies={companies.data} />
        </Card>
      )}
      <CreateCompanyModal opened={opened} onClose={modal.close} onCreated={(company) => void navigate(`/support/companies/${company.id}`)} />
    </>
  );
}
