import { Autocomplete, Card, Group, LoadingOverlay, Pagination, Select, Stack, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconHistory, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useAuditEvents } from '../../../features/audit/api/get-audit-events.ts';
import { AuditLogTable } from '../../../features/audit/components/audit-log-table.tsx';
import { useCompanies } from '../../../features/companies/api/get-companies.ts';
import { pluralize } from '../../../lib/format.ts';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

const PAGE_SIZE = 25;

/** Actions the server records today; the filter also takes any other action name typed in full. */
const KNOWN_ACTIONS = ['company.created', 'staff_user.created', 'property.created', 'unit.created', 'api_token.created', 'api_token.revoked'];

export default function AuditLogRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const companyId = searchParams.get('companyId') ?? undefined;
  const action = searchParams.get('action') ?? undefined;
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const [actionInput, setActionInput] = useState(action ?? '');

  const companies = useCompanies();
  const events = useAuditEvents({ companyId, action, page, pageSize: PAGE_SIZE });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setSearchParams(next, { replace: true });
  };
  const applyAction = useDebouncedCallback((value: string) => update({ action: value.trim() || undefined }), 350);

  const total = events.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(companyId || action);

  return (
    <>
      <PageHeader title="Audit log" description="Every support action and every change to lease data, newest first." />
      <Stack gap="md">
        <Card p="md">
          <Group gap="md" align="flex-end" grow preventGrowOverflow={false} wrap="wrap">
            <Select
              label="Company"
              placeholder="All companies"
              data={(companies.data ?? []).map((company) => ({ value: company.id, label: company.name }))}
              value={companyId ?? null}
              onChange={(value) => update({ companyId: value ?? undefined })}
              clearable
              searchable
              nothingFoundMessage="No company with that name"
              disabled={companies.isError}
              miw={200}
            />
            <Autocomplete
              label="Action"
              placeholder="Any action, e.g. property.created"
              data={KNOWN_ACTIONS}
              value={actionInput}
              onChange={(value) => {
                setActionInput(value);
                applyAction(value);
              }}
              leftSection={<IconSearch size={16} />}
              clearable
              miw={200}
            />
          </Group>
        </Card>

        {events.isPending ? (
          <LoadingState label="Loading audit events…" />
        ) : events.isError ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : events.data.items.length === 0 ? (
          <Card p="xl">
            <EmptyPanel
              icon={<IconHistory size={28} />}
              title={filtered ? 'No events match these filters' : 'No events yet'}
              description={filtered ? 'Try another company or action.' : 'Actions taken by support and landlords appear here.'}
            />
          </Card>
        ) : (
          <Card p={0} pos="relative">
            <LoadingOverlay visible={events.isPlaceholderData} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
            <AuditLogTable events={events.data.items} />
            <Group justify="space-between" p="md" gap="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <Text size="sm" c="dimmed">
                {pluralize(total, 'event')}
                {pages > 1 && ` · page ${page} of ${pages}`}
              </Text>
              {pages > 1 && (
                <Pagination
                  total={pages}
                  value={Math.min(page, pages)}
                  onChange={(next) => update({ page: String(next) })}
                  size="sm"
                  siblings={1}
                  getControlProps={(control) => ({ 'aria-label': `${control} page` })}
                />
              )}
            </Group>
          </Card>
        )}
      </Stack>
    </>
  );
}
