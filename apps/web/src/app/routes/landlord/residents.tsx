import { RESIDENT_STATUSES, type Resident, type ResidentStatus } from '@rentledger/contracts';
import { Badge, Button, Card, Group, LoadingOverlay, Pagination, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFileImport, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyPanel } from '../../../components/empty-panel.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { RESIDENT_STATUS_LABELS } from '../../../components/resident-status-badge.tsx';
import { useCompany } from '../../../features/companies/api/get-company.ts';
import { InviteResidentModal } from '../../../features/invitations/components/invite-resident-modal.tsx';
import { useProperties } from '../../../features/properties/api/get-properties.ts';
import { useResidents } from '../../../features/residents/api/get-residents.ts';
import { DeleteResidentModal } from '../../../features/residents/components/delete-resident-modal.tsx';
import { ResendInvitationModal } from '../../../features/residents/components/resend-invitation-modal.tsx';
import { ResidentsTable } from '../../../features/residents/components/residents-table.tsx';
import { pluralize } from '../../../lib/format.ts';
import { useCurrentUser } from '../guards.tsx';

const PAGE_SIZE = 25;

/**
 * The tabs, in the order a landlord works through them ("declined" only shows under All). "Approved" holds
 * approved and current residents together: both can pay, and a landlord has no decision that tells them
 * apart; the badge still says Current once a payment is set up. "Waiting" exists only with an accounting system.
 */
const STATUS_TABS = ['all', 'pending', 'invited', 'waiting', 'approved', 'finished'] as const;
type StatusTab = (typeof STATUS_TABS)[number];

const TAB_LABELS: Record<StatusTab, string> = { all: 'All', ...RESIDENT_STATUS_LABELS };

/** What a tab holds, said under the tabs. */
const TAB_HINTS: Partial<Record<StatusTab, string>> = {
  approved: 'You verified their lease, so they can pay rent online. Those who have set up or made a payment are marked Current.',
  finished: 'Leases you ended or that ended in your accounting system. Their history stays here.',
  waiting: 'In your accounting system without an email address: add one there and they are invited with the next sync.',
};

/** What an empty tab means, in the landlord's terms. */
const EMPTY_TAB: Record<ResidentStatus, string> = {
  pending: 'No resident is waiting for your review.',
  invited: 'Nobody has an open invitation.',
  waiting: 'Every imported resident has an email address.',
  approved: 'No resident is approved yet.',
  current: 'No resident has set up or made a payment yet.',
  finished: 'No lease has ended yet.',
  declined: 'No sign-up was declined.',
};

function isStatus(value: string | null): value is ResidentStatus {
  return (RESIDENT_STATUSES as readonly string[]).includes(value ?? '');
}

export default function ResidentsRoute() {
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const q = searchParams.get('q') ?? '';
  const missingAccountingId = searchParams.get('missingAccountingId') === 'true';
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const [search, setSearch] = useState(q);
  const [resending, setResending] = useState<Resident | null>(null);
  const [deleting, setDeleting] = useState<Resident | null>(null);
  const [inviting, setInviting] = useState(false);

  // For the invite dialog's unit picker.
  const properties = useProperties();

  const user = useCurrentUser();
  const company = useCompany(user.company?.id);
  // Until the company is known, assume no accounting system: no accounting wording shows and then vanishes.
  const integrated = company.data ? company.data.integrationKind !== 'none' : false;
  const tabs = STATUS_TABS.filter((value) => value !== 'waiting' || integrated || status === 'waiting');

  const grouped = status === 'approved' || status === 'current';
  const residents = useResidents({ status: grouped ? undefined : status, statusGroup: grouped ? 'approved' : undefined, q: q || undefined, missingAccountingId: missingAccountingId ? 'true' : undefined, page, pageSize: PAGE_SIZE });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    setSearchParams(next, { replace: true });
  };
  const applySearch = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);

  const counts = residents.data?.countsByStatus ?? {};
  const companyTotal = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
  const countFor = (tab: StatusTab) => (tab === 'all' ? companyTotal : tab === 'approved' ? (counts.approved ?? 0) + (counts.current ?? 0) : (counts[tab] ?? 0));
  const tab: StatusTab = grouped ? 'approved' : status && (STATUS_TABS as readonly string[]).includes(status) ? (status as StatusTab) : 'all';
  const selectTab = (value: string | null) => update({ status: value && value !== 'all' ? value : undefined });

  const total = residents.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(status || q || missingAccountingId);

  return (
    <>
      <PageHeader
        title="Residents"
        description={
          integrated
            ? 'Everyone renting from your company: invited from your accounting system, signed up through your payment portal, or invited by you.'
            : 'Everyone renting from your company: signed up through your payment portal, or invited by you.'
        }
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
            Invite resident
          </Button>
        }
      />
      <Stack gap="md">
        <Card p="md">
          <Stack gap="md">
            <Tabs value={tab} onChange={selectTab} visibleFrom="sm" variant="pills" radius="md" styles={{ tab: { paddingInline: 10, fontSize: 'var(--mantine-font-size-sm)' }, list: { gap: 2 } }}>
              <Tabs.List aria-label="Resident status">
                {tabs.map((value) => (
                  <Tabs.Tab
                    key={value}
                    value={value}
                    rightSection={
                      residents.data && (
                        <Badge size="xs" variant={tab === value ? 'white' : 'light'} color={tab === value ? 'brand' : 'gray'} radius="sm">
                          {countFor(value).toLocaleString('en-US')}
                        </Badge>
                      )
                    }
                  >
                    {TAB_LABELS[value]}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Tabs>
            <Select
              hiddenFrom="sm"
              label="Show"
              data={tabs.map((value) => ({
                value,
                label: residents.data ? `${TAB_LABELS[value]} (${countFor(value).toLocaleString('en-US')})` : TAB_LABELS[value],
              }))}
              value={tab}
              onChange={selectTab}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            {TAB_HINTS[tab] && (
              <Text size="sm" c="dimmed" data-testid="status-tab-hint">
                {TAB_HINTS[tab]}
              </Text>
            )}
            <TextInput
              label="Search"
              placeholder={integrated ? 'Name, email, unit or accounting ID' : 'Name, email or unit'}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(event) => {
                setSearch(event.currentTarget.value);
                applySearch(event.currentTarget.value);
              }}
              type="search"
              maw={{ sm: 420 }}
            />
            {missingAccountingId && (
              <Group gap="xs">
                <Badge variant="light" color="indigo" radius="sm" tt="none" size="lg" data-testid="filter-missing-accounting-id">
                  Only residents with no accounting resident ID
                </Badge>
                <Button variant="subtle" size="compact-sm" onClick={() => update({ missingAccountingId: undefined })}>
                  Show all
                </Button>
              </Group>
            )}
          </Stack>
        </Card>

        {residents.isPending ? (
          <LoadingState label="Loading residents…" />
        ) : residents.isError ? (
          <ErrorState error={residents.error} onRetry={() => void residents.refetch()} />
        ) : residents.data.items.length === 0 ? (
          <Card p="xl">
            {companyTotal === 0 && !q ? (
              <EmptyPanel
                icon={<IconUsers size={28} />}
                title="No residents yet"
                description="Residents arrive with your accounting sync: upload a rent roll or connect your accounting system, and everyone with an email is invited."
              >
                <Button component={Link} to="/app/accounting" leftSection={<IconFileImport size={16} />}>
                  Import a rent roll
                </Button>
              </EmptyPanel>
            ) : (
              <EmptyPanel
                icon={<IconSearch size={28} />}
                title={q ? 'No residents match' : 'No residents here'}
                description={
                  q
                    ? `Nobody${status ? ` with status “${TAB_LABELS[tab]}”` : ''} matches “${q}”. Check the spelling, or search by email${integrated ? ', unit or accounting ID' : ' or unit'}.`
                    : status
                      ? EMPTY_TAB[status]
                      : 'No resident matches.'
                }
              >
                {filtered && (
                  <Button
                    variant="default"
                    onClick={() => {
                      setSearch('');
                      update({ q: undefined, status: undefined, missingAccountingId: undefined });
                    }}
                  >
                    Show all residents
                  </Button>
                )}
              </EmptyPanel>
            )}
          </Card>
        ) : (
          <Card p={0} pos="relative">
            <LoadingOverlay visible={residents.isPlaceholderData} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
            <ResidentsTable residents={residents.data.items} integrated={integrated} onResend={setResending} onDelete={setDeleting} />
            <Group justify="space-between" p="md" gap="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <Text size="sm" c="dimmed" data-testid="residents-total">
                {pluralize(total, 'resident')}
                {pages > 1 && ` · page ${Math.min(page, pages)} of ${pages}`}
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
      <ResendInvitationModal resident={resending} onClose={() => setResending(null)} />
      <DeleteResidentModal resident={deleting} onClose={() => setDeleting(null)} />
      <InviteResidentModal opened={inviting} onClose={() => setInviting(false)} properties={properties} />
    </>
  );
}
