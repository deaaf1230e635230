import { AUDIT_ACTION_NAMES, auditEntityTypeName } from '@rentledger/contracts';
import { Button, Card, Group, LoadingOverlay, Pagination, Select, Stack, Text } from '@mantine/core';
import { IconHistory, IconX } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useAuditEvents } from '../../../features/audit/api/get-audit-events.ts';
import { AuditLogTable } from '../../../features/audit/components/audit-log-table.tsx';
import { useCompanies } from '../../../features/companies/api/get-companies.ts';
import { pluralize } from '../../../lib/format.ts';
import { EmptyPanel } from '../../../components/empty-panel.tsx';

const PAGE_SIZE = 25;

/** Every action the server records, by its name in words. */
const ACTION_OPTIONS = Object.entries(AUDIT_ACTION_NAMES)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label));

export default function AuditLogRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const companyId = searchParams.get('companyId') ?? undefined;
  const action = searchParams.get('action') ?? undefined;
  const entityType = searchParams.get('entityType') ?? undefined;
  const entityId = searchParams.get('entityId') ?? undefined;
  const page = Math.max(1, Number(searchParams.get('page')) || 1);

  const companies = useCompanies();
  const events = useAuditEvents({ companyId, action, entityType, entityId, page, pageSize: PAGE_SIZE });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setSearchParams(next, { replace: true });
  };

  const total = events.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(companyId || action || entityId);
  const recordFiltered = Boolean(entityType && entityId);
  const recordName = events.data?.items[0]?.entityName ?? (entityType ? auditEntityTypeName(entityType) : 'record');

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
            <Select
              label="Action"
              placeholder="Any action"
              data={ACTION_OPTIONS}
              value={action ?? null}
              onChange={(value) => update({ action: value ?? undefined })}
              clearable
              searchable
              nothingFoundMessage="No action with that name"
              miw={200}
            />
          </Group>
          {recordFiltered && (
            <Group justify="space-between" gap="sm" mt="md" wrap="wrap" data-testid="audit-record-filter">
              <Text size="sm">
                History of <strong>{recordName}</strong>{' '}
                <Text span size="xs" c="dimmed" className="rl-mono">
                  {entityId}
                </Text>
              </Text>
              <Button variant="subtle" size="compact-sm" leftSection={<IconX size={14} />} onClick={() => update({ entityType: undefined, entityId: undefined })}>
                Show every record
              </Button>
            </Group>
          )}
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
              description={filtered ? 'Try another company, action or record.' : 'Actions taken by support and landlords appear here.'}
            />
          </Card>
        ) : (
          <Card p={0} pos="relative">
            <LoadingOverlay visible={events.isPlaceholderData} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
            <AuditLogTable events={events.data.items} recordFiltered={recordFiltered} />
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
