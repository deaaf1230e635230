import type { ResidentDetail } from '@rentledger/contracts';
import { Alert, Button, Card, Grid, Stack, Text, Title } from '@mantine/core';
import { IconDoorExit, IconEdit, IconInfoCircle, IconTrash, IconUserCheck } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Fact } from '../../../components/fact.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { ErrorState, LoadingState } from '../../../components/query-state.tsx';
import { useProperties } from '../../../features/properties/api/get-properties.ts';
import { useResident } from '../../../features/residents/api/get-resident.ts';
import { DeleteResidentModal } from '../../../features/residents/components/delete-resident-modal.tsx';
import { EditResidentModal } from '../../../features/residents/components/edit-resident-modal.tsx';
import { EndLeaseModal } from '../../../features/residents/components/end-lease-modal.tsx';
import { LeaseEndingPanel } from '../../../features/residents/components/lease-ending-panel.tsx';
import { ResidentLeaseBadge } from '../../../components/lease-status.tsx';
import { ResidentPaymentsPanel } from '../../../features/payments/components/resident-payments-panel.tsx';
import { PAYMENT_POLICY_LABELS } from '../../../features/residents/components/payment-policy.ts';
import { canDelete } from '../../../features/residents/components/residents-table.tsx';
import { useCreateSupportRequest } from '../../../features/support-requests/api/create-support-request.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { formatBalance, formatDate, formatDateTime, formatLeaseTerm, formatMoney, formatPhone, ordinal, possessive } from '../../../lib/format.ts';
import { NotFoundRoute } from '../not-found.tsx';

const SOURCE_LABELS: Record<ResidentDetail['source'], string> = {
  accounting_invite: 'Invited from your accounting system',
  portal_signup: 'Signed up through your payment portal',
  landlord_invite: 'Invited by your staff',
};

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" h="100%">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function history(resident: ResidentDetail): string {
  if (resident.status === 'declined') return resident.declinedReason ? `Declined: “${resident.declinedReason}”` : 'Declined';
  if (resident.approvedAt) {
    return resident.approvedBy
      ? `Approved by ${resident.approvedBy.name} on ${formatDateTime(resident.approvedAt)}`
      : `Approved automatically on ${formatDateTime(resident.approvedAt)} (matched in your accounting system)`;
  }
  if (resident.status === 'pending') return `Pending your review since ${formatDate(resident.pendingSince ?? resident.createdAt)}`;
  if (resident.invitation) return resident.invitation.sentAt ? `Invitation sent ${formatDate(resident.invitation.sentAt)}` : 'Invitation not sent yet';
  return `Added ${formatDate(resident.createdAt)}`;
}

/** "Edit" with what the other features bring: the company's units, and the support request for a disputed accounting ID. */
function EditResident({ resident, opened, onClose }: { resident: ResidentDetail; opened: boolean; onClose: () => void }) {
  const properties = useProperties();
  const supportRequest = useCreateSupportRequest();
  return <EditResidentModal resident={resident} opened={opened} onClose={onClose} properties={properties} supportRequest={supportRequest} />;
}

/** One resident: contact, lease and payment settings; "Edit" for approved residents. */
export default function ResidentRoute() {
  const { residentId = '' } = useParams();
  const navigate = useNavigate();
  const resident = useResident(residentId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [endingLease, setEndingLease] = useState(false);

  if (resident.isPending) return <LoadingState label="Loading the resident…" />;
  if (resident.isError) {
    if (isApiError(resident.error) && (resident.error.status === 404 || resident.error.status === 400)) return <NotFoundRoute inLayout />;
    return (
      <>
        <PageHeader title="Resident" breadcrumbs={[{ label: 'Residents', to: '/app/residents' }]} />
        <ErrorState error={resident.error} onRetry={() => void resident.refetch()} />
      </>
    );
  }
  const data = resident.data;
  const name = `${data.firstName} ${data.lastName}`.trim() || 'Unnamed resident';
  const editable = data.status === 'approved' || data.status === 'current';

  return (
    <>
      <PageHeader
        title={name}
        documentTitle={name}
        breadcrumbs={[{ label: 'Residents', to: '/app/residents' }]}
        description={SOURCE_LABELS[data.source]}
        actions={
          <>
            <ResidentLeaseBadge resident={data} size="lg" />
            {data.status === 'pending' && (
              <Button component={Link} to={`/app/residents/${data.id}/review`} leftSection={<IconUserCheck size={16} />}>
                Review
              </Button>
            )}
            {editable && (
              <Button leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
            {editable && (
              <Button variant="light" color="red" leftSection={<IconDoorExit size={16} />} onClick={() => setEndingLease(true)}>
                End lease
              </Button>
            )}
            {canDelete(data) && (
              <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)}>
                Delete
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <LeaseEndingPanel resident={data} />
        {data.status === 'pending' && (
          <Alert variant="light" color="orange" icon={<IconInfoCircle size={20} />} title={`${data.firstName} is pending your review`}>
            Review their property, unit and lease, then merge with a match, synchronize with your accounting system, or approve manually.
          </Alert>
        )}
        {editable && data.companyIntegrated && !data.accountingResidentId && (
          <Alert variant="light" color="indigo" icon={<IconInfoCircle size={20} />} title="No accounting resident ID yet">
            Click Edit to add {possessive(data.firstName)} resident ID from your accounting software, so RentLedger maps them to their ledger.
          </Alert>
        )}
        <Grid gap="lg" align="stretch">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Panel title="Contact">
              <Fact breakAnywhere label="Email">{data.email ?? '—'}</Fact>
              <Fact breakAnywhere label="Phone">{data.phone ? formatPhone(data.phone) : '—'}</Fact>
              <Fact breakAnywhere label="History">{history(data)}</Fact>
            </Panel>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Panel title="Lease and payments">
              <Grid gap="md">
                <Grid.Col span={{ base: 12, xs: 6 }}>
                  <Fact breakAnywhere label="Home" testId="resident-home">
                    {[data.propertyName, data.unitLabel && `unit ${data.unitLabel}`].filter(Boolean).join(', ') || 'No unit assigned'}
                  </Fact>
                </Grid.Col>
                {data.companyIntegrated && (
                  <Grid.Col span={{ base: 12, xs: 6 }}>
                    <Fact breakAnywhere label="Accounting resident ID" testId="resident-accounting-id">
                      {data.accountingResidentId ? <span className="rl-mono">{data.accountingResidentId}</span> : '—'}
                    </Fact>
                  </Grid.Col>
                )}
                <Grid.Col span={{ base: 6, xs: 6 }}>
                  <Fact breakAnywhere label="Monthly rent" testId="resident-rent">
                    {data.rentCents === null ? '—' : `${formatMoney(data.rentCents)}, due the ${ordinal(data.dueDay)}`}
                  </Fact>
                </Grid.Col>
                <Grid.Col span={{ base: 6, xs: 6 }}>
                  <Fact breakAnywhere label="Lease" testId="resident-lease">
                    {formatLeaseTerm(data)}
                  </Fact>
                </Grid.Col>
                <Grid.Col span={{ base: 6, xs: 6 }}>
                  <Fact breakAnywhere label="Balance to display" testId="resident-balance">
                    {data.balanceCents === null ? 'None shown' : formatBalance(data.balanceCents)}
                  </Fact>
                </Grid.Col>
                <Grid.Col span={{ base: 6, xs: 6 }}>
                  <Fact breakAnywhere label="Payment policy" testId="resident-payment-policy">
                    {PAYMENT_POLICY_LABELS[data.paymentPolicy]}
                  </Fact>
                </Grid.Col>
              </Grid>
            </Panel>
          </Grid.Col>
        </Grid>
        {(data.status === 'approved' || data.status === 'current' || data.status === 'finished') && <ResidentPaymentsPanel residentId={data.id} firstName={data.firstName} />}
        {editable && (
          <Text size="sm" c="dimmed">
            Approved residents cannot be deleted: when {data.firstName} moves out, click End lease instead.
          </Text>
        )}
      </Stack>
      {editable && <EditResident resident={data} opened={editing} onClose={() => setEditing(false)} />}
      {editable && <EndLeaseModal resident={data} opened={endingLease} onClose={() => setEndingLease(false)} />}
      <DeleteResidentModal
        resident={deleting ? data : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => void navigate(data.status === 'pending' ? '/app/residents?status=pending' : '/app/residents', { replace: true })}
      />
    </>
  );
}
