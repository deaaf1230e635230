import { Button, Card, Stack, Tabs, Text } from '@mantine/core';
import { IconFileImport, IconHistory, IconReceipt, IconSettings } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useIntegration } from '../../../features/integration/api/get-integration.ts';
import { useSyncRuns } from '../../../features/integration/api/get-sync-runs.ts';
import { CreatePlacesSetting } from '../../../features/integration/components/create-places-setting.tsx';
import { GetStartedPanel } from '../../../features/integration/components/get-started-panel.tsx';
import { ImportPanel } from '../../../features/integration/components/import-panel.tsx';
import { IntegrationSettingsForm, PROVIDER_LABELS } from '../../../features/integration/components/integration-settings-form.tsx';
import { SyncHistoryTable } from '../../../features/integration/components/sync-history-table.tsx';
import { SyncNowCard } from '../../../features/integration/components/sync-now-card.tsx';
import { PostingsSection } from '../../../features/integration/components/postings-section.tsx';

const TABS = ['import', 'settings', 'history', 'postings'] as const;
type Tab = (typeof TABS)[number];

function HistoryPanel() {
  const runs = useSyncRuns();
  if (runs.isPending) return <LoadingState label="Loading sync history…" />;
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />;
  const items = runs.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Card p="xl">
        <EmptyPanel
          icon={<IconHistory size={28} />}
          title="No syncs yet"
          description="Each import of a file and each sync with your accounting system is listed here, with the rows it could not read."
        />
      </Card>
    );
  }
  return (
    <Stack gap="sm">
      <Card p={0}>
        <SyncHistoryTable runs={items} />
      </Card>
      {runs.hasNextPage && (
        <Button variant="default" onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage} style={{ alignSelf: 'center' }}>
          Show older runs
        </Button>
      )}
    </Stack>
  );
}

export default function AccountingRoute() {
  const integration = useIntegration();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'import';

  return (
    <>
      <PageHeader
        title="Accounting"
        description={
          integration.data?.provider === 'none'
            ? 'No accounting system is connected: residents join through your payment portal or your invitations. Connect one, or import your residents once from a spreadsheet.'
            : integration.data
            ? `Connection: ${PROVIDER_LABELS[integration.data.provider]}. Residents and leases come from your accounting system; rent paid in RentLedger is posted back to it (see Posting).`
            : 'Residents and leases come from your accounting system.'
        }
      />
      <Tabs value={tab} onChange={(value) => setSearchParams(value && value !== 'import' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="import" leftSection={<IconFileImport size={16} />}>
            Import
          </Tabs.Tab>
          <Tabs.Tab value="settings" leftSection={<IconSettings size={16} />}>
            Settings
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            History
          </Tabs.Tab>
          <Tabs.Tab value="postings" leftSection={<IconReceipt size={16} />}>
            Posting
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="history">
          <HistoryPanel />
        </Tabs.Panel>
        <Tabs.Panel value="postings">
          <PostingsSection />
        </Tabs.Panel>
        {integration.isPending ? (
          tab !== 'history' && tab !== 'postings' && <LoadingState label="Loading settings…" />
        ) : integration.isError ? (
          tab !== 'history' && tab !== 'postings' && <ErrorState error={integration.error} onRetry={() => void integration.refetch()} />
        ) : (
          <>
            <Tabs.Panel value="import">
              <Stack gap="lg">
                {(integration.data.provider === 'yardi' || integration.data.provider === 'buildium') && (
                  <Text size="sm" c="dimmed">
                    You are connected to {PROVIDER_LABELS[integration.data.provider]}; a file import still works, for example to load residents from
                    another system once.
                  </Text>
                )}
                {integration.data.provider === 'none' ? (
                  <GetStartedPanel settings={integration.data} onConnect={() => setSearchParams({ tab: 'settings' }, { replace: true })} />
                ) : (
                  <ImportPanel settings={integration.data} />
                )}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="settings">
              <Stack gap="lg">
                <SyncNowCard settings={integration.data} />
                <IntegrationSettingsForm settings={integration.data} />
                <CreatePlacesSetting settings={integration.data} />
              </Stack>
            </Tabs.Panel>
          </>
        )}
      </Tabs>
    </>
  );
}
